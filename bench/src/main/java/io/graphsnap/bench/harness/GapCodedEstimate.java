package io.graphsnap.bench.harness;

import io.graphsnap.reader.CsrView;

/**
 * How many bytes one direction of a snapshot's adjacency would take gap-coded, as WebGraph's {@code BVGraph}
 * codes successor lists (without its reference copying and intervals): per node, the byte length of its list as
 * a varint (in place of the 8-byte offset); per run of edges of one type, the type byte and the run's length as
 * a varint (in place of a type byte per edge); within a run, the first neighbour as the zigzag varint of its
 * distance from the node and each next one as the varint of its gap to the previous one minus one (in place of
 * 4 bytes per edge). Measured on the real snapshot, so that the report can say with a figure, not a guess, what
 * the size goals would need. O(N + E), reads the CSR once. Stateless.
 */
public final class GapCodedEstimate {
  private GapCodedEstimate() {}

  /** The gap-coded bytes of {@code csr}: list lengths, type runs and neighbour gaps together. */
  public static long bytes(CsrView csr) {
    long total = 0;
    long start = csr.offset(0);
    for (int v = 0; v < csr.nodeCount(); v++) {
      long end = csr.offset(v + 1);
      long list = 0;
      long j = start;
      while (j < end) {
        int type = csr.type(j);
        long runEnd = j + 1;
        while (runEnd < end && csr.type(runEnd) == type) {
          runEnd++;
        }
        list += 1 + varint(runEnd - j);
        int previous = csr.neighbour(j);
        list += varint(zigzag((long) previous - v));
        for (long k = j + 1; k < runEnd; k++) {
          int w = csr.neighbour(k);
          list += varint((long) w - previous - 1);
          previous = w;
        }
        j = runEnd;
      }
      total += list + varint(list);
      start = end;
    }
    return total;
  }

  /** Zigzag: small magnitudes of either sign become small unsigned values. */
  static long zigzag(long x) {
    return (x << 1) ^ (x >> 63);
  }

  /** Bytes of {@code x} as an unsigned LEB128 varint. */
  static int varint(long x) {
    return 1 + (63 - Long.numberOfLeadingZeros(x | 1)) / 7;
  }
}
