package io.graphsnap.builder.internal;

import java.util.Arrays;

/**
 * One direction of the adjacency in compressed sparse row form: the edges of node v are
 * {@code [offsets[v], offsets[v+1])} of {@code others} (targets forward, sources in reverse) and {@code types}
 * (unsigned type ids), sorted by (type, other) and distinct within each node. Built by counting sort in O(V + E)
 * plus a sort of each node's range, which is skipped when the range is already in order. Immutable once built.
 *
 * @param offsets N+1 non-decreasing offsets, {@code offsets[N] = E}
 * @param others the other end of each edge
 * @param types the type id of each edge
 */
public record Csr(int[] offsets, int[] others, byte[] types) {

  /** Number of edges. */
  public int edgeCount() {
    return offsets[offsets.length - 1];
  }

  /**
   * Builds the forward CSR of {@code count} edges given as parallel arrays, dropping duplicates.
   *
   * @param sources source node of each edge, in [0, nodeCount)
   * @param targets target node of each edge, in [0, nodeCount)
   * @param types type id of each edge
   */
  public static Csr forward(int[] sources, int[] targets, byte[] types, int count, int nodeCount) {
    int[] offsets = new int[nodeCount + 1];
    for (int i = 0; i < count; i++) {
      offsets[sources[i] + 1]++;
    }
    for (int v = 0; v < nodeCount; v++) {
      offsets[v + 1] += offsets[v];
    }
    int[] cursor = Arrays.copyOf(offsets, nodeCount);
    int[] others = new int[count];
    byte[] outTypes = new byte[count];
    for (int i = 0; i < count; i++) {
      int at = cursor[sources[i]]++;
      others[at] = targets[i];
      outTypes[at] = types[i];
    }
    return sortRanges(offsets, others, outTypes);
  }

  /** Builds the reverse of this CSR: for each node, its in-edges with the source as the other end. O(V + E). */
  public Csr transpose() {
    int nodeCount = offsets.length - 1;
    int count = edgeCount();
    int[] revOffsets = new int[nodeCount + 1];
    for (int i = 0; i < count; i++) {
      revOffsets[others[i] + 1]++;
    }
    for (int v = 0; v < nodeCount; v++) {
      revOffsets[v + 1] += revOffsets[v];
    }
    int[] cursor = Arrays.copyOf(revOffsets, nodeCount);
    int[] sources = new int[count];
    byte[] revTypes = new byte[count];
    for (int v = 0; v < nodeCount; v++) {
      for (int i = offsets[v], end = offsets[v + 1]; i < end; i++) {
        int at = cursor[others[i]]++;
        sources[at] = v;
        revTypes[at] = types[i];
      }
    }
    return sortRanges(revOffsets, sources, revTypes);
  }

  /**
   * Sorts each node's range by (unsigned type, other), drops duplicates and compacts the arrays in place.
   * Sources arrive in increasing order in {@link #transpose}, so a range with one type is already sorted.
   */
  private static Csr sortRanges(int[] offsets, int[] others, byte[] types) {
    int nodeCount = offsets.length - 1;
    long[] scratch = new long[16];
    int write = 0;
    int start = offsets[0];
    for (int v = 0; v < nodeCount; v++) {
      int end = offsets[v + 1];
      offsets[v] = write;
      if (inOrder(others, types, start, end)) {
        int last = -1;
        for (int i = start; i < end; i++) {
          long key = key(types[i], others[i]);
          if (i == start || key != keyAt(others, types, last)) {
            others[write] = others[i];
            types[write] = types[i];
            last = write++;
          }
        }
      } else {
        int n = end - start;
        if (scratch.length < n) {
          scratch = new long[Math.max(n, scratch.length * 2)];
        }
        for (int i = 0; i < n; i++) {
          scratch[i] = key(types[start + i], others[start + i]);
        }
        Arrays.sort(scratch, 0, n);
        for (int i = 0; i < n; i++) {
          if (i == 0 || scratch[i] != scratch[i - 1]) {
            others[write] = (int) scratch[i];
            types[write] = (byte) (scratch[i] >>> 32);
            write++;
          }
        }
      }
      start = end;
    }
    offsets[nodeCount] = write;
    int edges = write;
    return new Csr(offsets, edges == others.length ? others : Arrays.copyOf(others, edges),
        edges == types.length ? types : Arrays.copyOf(types, edges));
  }

  private static boolean inOrder(int[] others, byte[] types, int start, int end) {
    for (int i = start + 1; i < end; i++) {
      if (key(types[i], others[i]) < key(types[i - 1], others[i - 1])) {
        return false;
      }
    }
    return true;
  }

  private static long key(byte type, int other) {
    return (long) (type & 0xFF) << 32 | other;
  }

  private static long keyAt(int[] others, byte[] types, int i) {
    return key(types[i], others[i]);
  }
}
