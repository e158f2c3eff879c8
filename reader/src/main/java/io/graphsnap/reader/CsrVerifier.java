package io.graphsnap.reader;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.reader.internal.CompactRows;
import io.graphsnap.reader.internal.Section;
import java.lang.foreign.MemorySegment;

/**
 * Checks one CSR direction in O(N + E) time and O(T) memory: offsets monotonic within [0, E], every
 * neighbour below N and type below T, each node's edges strictly increasing by (type, neighbour), per-type
 * counts equal to EDGE_TYPE_COUNTS. Returns an order-independent hash of the edge set (as (source, type,
 * target) triples) so that the caller can check that the reverse CSR is the transpose of the forward one.
 */
final class CsrVerifier {
  private CsrVerifier() {}

  static long verify(CsrView csr, long[] expectedTypeCounts, Section countsSection) {
    if (csr.isCompact()) {
      return verifyCompact(csr, expectedTypeCounts, countsSection);
    }
    final MemorySegment offsets = csr.offsets();
    final MemorySegment neighbours = csr.neighbours();
    final MemorySegment types = csr.types();
    final int n = csr.nodeCount();
    final int t = csr.edgeTypeCount();
    final boolean reverse = csr.isReverse();
    long[] counts = new long[t];
    long hash = 0;
    long start = CsrFormat.offset(offsets, 0);
    for (int v = 0; v < n; v++) {
      long end = CsrFormat.offset(offsets, v + 1L);
      csr.checkRange(v, start, end);
      long previous = -1;
      for (long i = start; i < end; i++) {
        int w = CsrFormat.neighbour(neighbours, i);
        if (Integer.compareUnsigned(w, n) >= 0) {
          throw csr.badNeighbour(i, w);
        }
        int type = CsrFormat.type(types, i);
        if (type >= t) {
          throw csr.badType(i, type);
        }
        long key = ((long) type << 32) | w;
        if (key <= previous) {
          throw csr.unsortedEdges(v, i);
        }
        previous = key;
        counts[type]++;
        hash += reverse ? edgeHash(w, type, v) : edgeHash(v, type, w);
      }
      start = end;
    }
    for (int type = 0; type < t; type++) {
      if (counts[type] != expectedTypeCounts[type]) {
        throw countsSection.corrupt(CsrFormat.typeCountAt(type), (reverse ? "reverse" : "forward") + " CSR has " + counts[type]
            + " edges of type " + type + ": actual=" + counts[type] + " vs expected=" + expectedTypeCounts[type]);
      }
    }
    return hash;
  }

  /**
   * The compact rows: every row decoded with all its checks ({@link CompactRows#verify}: entries, row bounds,
   * varints minimal, types increasing, neighbours increasing and below N), then the per-type counts and the hash.
   */
  private static long verifyCompact(CsrView csr, long[] expectedTypeCounts, Section countsSection) {
    final int t = csr.edgeTypeCount();
    final boolean reverse = csr.isReverse();
    long[] counts = new long[t];
    long[] hash = new long[1];
    csr.compactRows().verify(row -> {
      int v = row.node;
      for (int i = 0; i < row.degree; i++) {
        int type = row.types[i] & 0xFF;
        int w = row.ids[i];
        counts[type]++;
        hash[0] += reverse ? edgeHash(w, type, v) : edgeHash(v, type, w);
      }
    });
    checkCounts(counts, expectedTypeCounts, countsSection, reverse);
    return hash[0];
  }

  private static void checkCounts(long[] counts, long[] expectedTypeCounts, Section countsSection, boolean reverse) {
    for (int type = 0; type < counts.length; type++) {
      if (counts[type] != expectedTypeCounts[type]) {
        throw countsSection.corrupt(CsrFormat.typeCountAt(type), (reverse ? "reverse" : "forward") + " CSR has "
            + counts[type] + " edges of type " + type + ": actual=" + counts[type] + " vs expected="
            + expectedTypeCounts[type]);
      }
    }
  }

  /** A 64-bit mix of one edge; sums of it over a set are order-independent. */
  static long edgeHash(int source, int type, int target) {
    long h = mix(((long) source << 32) | (target & 0xFFFFFFFFL));
    return mix(h ^ ((type + 1L) * 0x9E3779B97F4A7C15L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
