package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.CallSitesFormat;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * The CALL_SITES entries of a full build ({@link CallSitesFormat} has the grammar and the rule): from the edges of
 * winning declarations that have lines, in final ids, and the forward CSR they are aligned with. The incremental
 * build writes the same bytes from names ({@code delta.SiteEntries}). O(sited edges · log + their rows + lines);
 * memory one entry array per node with sites. Stateless.
 */
public final class CallSitesBuilder {
  private CallSitesBuilder() {}

  /**
   * The section's contents: the nodes with sites, increasing, and their entries.
   *
   * @param nodes the nodes that have an edge with lines, strictly increasing
   * @param entries each one's entry bytes
   */
  public record Sites(int[] nodes, byte[][] entries) {
    static final Sites NONE = new Sites(new int[0], new byte[0][]);

    /** The number of nodes with sites. */
    public int count() {
      return nodes.length;
    }

    /** The bytes of Data (the entries together). */
    public long dataBytes() {
      long n = 0;
      for (byte[] e : entries) {
        n += e.length;
      }
      return n;
    }
  }

  /**
   * Builds the entries of {@code count} sited edges: edge k goes from {@code source[k]} with type {@code type[k]} to
   * {@code target[k]} (an edge of {@code forward}, each at most once) and has lines
   * {@code lines[lineStart[k], lineEnd[k])}, strictly increasing.
   *
   * @throws IllegalStateException if an edge is not in {@code forward} (a builder bug)
   */
  static Sites build(int[] source, byte[] type, int[] target, int[] lineStart, int[] lineEnd, int[] lines, int count,
      Csr forward) {
    if (count == 0) {
      return Sites.NONE;
    }
    int nodeCount = forward.offsets().length - 1;
    int[] bucket = new int[nodeCount + 1];
    for (int k = 0; k < count; k++) {
      bucket[source[k] + 1]++;
    }
    int withSites = 0;
    for (int v = 0; v < nodeCount; v++) {
      if (bucket[v + 1] > 0) {
        withSites++;
      }
      bucket[v + 1] += bucket[v];
    }
    int[] cursor = Arrays.copyOf(bucket, nodeCount);
    int[] order = new int[count];
    for (int k = 0; k < count; k++) {
      order[cursor[source[k]]++] = k;
    }
    int[] nodes = new int[withSites];
    byte[][] entries = new byte[withSites][];
    CallSitesFormat.EntryEncoder encoder = new CallSitesFormat.EntryEncoder();
    int[] offsets = forward.offsets();
    int[] others = forward.others();
    byte[] types = forward.types();
    int w = 0;
    for (int v = 0; v < nodeCount; v++) {
      int from = bucket[v];
      int to = bucket[v + 1];
      if (from == to) {
        continue;
      }
      IntArrays.quickSort(order, from, to, (a, b) -> Long.compare(key(type[a], target[a]), key(type[b], target[b])));
      encoder.reset();
      int rowStart = offsets[v];
      int rowEnd = offsets[v + 1];
      int p = rowStart;
      for (int i = from; i < to; i++) {
        int k = order[i];
        long want = key(type[k], target[k]);
        while (p < rowEnd && key(types[p], others[p]) < want) {
          p++;
        }
        if (p == rowEnd || key(types[p], others[p]) != want) {
          throw new IllegalStateException("an edge with lines is not in the forward CSR: node " + v + ", type "
              + (type[k] & 0xFF) + ", target " + target[k]);
        }
        encoder.add(p - rowStart, lines, lineStart[k], lineEnd[k] - lineStart[k]);
        p++;
      }
      nodes[w] = v;
      entries[w++] = encoder.toByteArray();
    }
    Sites sites = new Sites(nodes, entries);
    checkSize(sites.dataBytes());
    return sites;
  }

  /**
   * Refuses a CALL_SITES section whose lines take {@link CallSitesFormat#MAX_DATA_BYTES} or more (its Ends are UInt32).
   *
   * @throws io.graphsnap.builder.BuildInputException if they do
   */
  public static void checkSize(long dataBytes) {
    if (dataBytes >= CallSitesFormat.MAX_DATA_BYTES) {
      throw new io.graphsnap.builder.BuildInputException("the edge lines (call sites) take " + dataBytes
          + " bytes in the snapshot, more than the " + CallSitesFormat.MAX_DATA_BYTES + " it holds (BuildLimits)");
    }
  }

  private static long key(byte type, int target) {
    return (long) (type & 0xFF) << 32 | target;
  }
}
