package io.graphsnap.bench.internal;

import java.util.Arrays;

/**
 * Puts a {@link FileDraft}'s edges in {@link io.graphsnap.format.object.FileSummary}'s canonical order, by source
 * symbol, then edge type name, then target name, with repeated edges kept once, without making a string: types
 * compare by their {@link SummaryWords} numbers, targets by their bytes. Mutable scratch space, reusable from file
 * to file. Not thread-safe.
 */
public final class CanonicalEdgeOrder {
  private static final int INSERTION_SORT_MAX = 12;

  private long[] keys = new long[256];
  private int[] order = new int[256];
  private int[] scratch = new int[256];
  private int[] targets = new int[256];
  private int count;

  /**
   * Orders the edges of {@code draft} and returns how many distinct ones there are; {@link #edge(int)} then gives
   * them in order. O(E log E) for E edges.
   */
  public int sort(FileDraft draft) {
    int n = draft.edgeCount();
    if (n > keys.length) {
      int capacity = Math.max(n, keys.length * 2);
      keys = new long[capacity];
      order = new int[capacity];
      scratch = new int[capacity];
      targets = new int[capacity];
    }
    for (int i = 0; i < n; i++) {
      keys[i] = (long) draft.edgeSource(i) << 36 | (long) draft.edgeType(i) << 32 | i;
      targets[i] = draft.edgeTarget(i);
    }
    Arrays.sort(keys, 0, n);
    NameArena names = draft.names();
    int distinct = 0;
    for (int from = 0; from < n; ) {
      long group = keys[from] >>> 32;
      int to = from + 1;
      while (to < n && keys[to] >>> 32 == group) {
        to++;
      }
      int start = distinct;
      int end = start + (to - from);
      for (int k = from; k < to; k++) {
        order[start + k - from] = (int) keys[k];
      }
      sortByTarget(names, start, end);
      distinct = start + 1;
      for (int k = start + 1; k < end; k++) {
        if (names.compare(targets[order[k]], targets[order[distinct - 1]]) != 0) {
          order[distinct++] = order[k];
        }
      }
      from = to;
    }
    count = distinct;
    return distinct;
  }

  /** The index (in the draft) of the {@code k}-th distinct edge in canonical order, {@code k < } {@link #sort}'s count. */
  public int edge(int k) {
    if (k >= count) {
      throw new IndexOutOfBoundsException(k + " of " + count + " edges");
    }
    return order[k];
  }

  /** Sorts {@code order[from, to)} by target name: insertion sort for short runs, else a merge sort. */
  private void sortByTarget(NameArena names, int from, int to) {
    if (to - from <= INSERTION_SORT_MAX) {
      for (int i = from + 1; i < to; i++) {
        int e = order[i];
        int t = targets[e];
        int j = i - 1;
        while (j >= from && names.compare(targets[order[j]], t) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = e;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sortByTarget(names, from, mid);
    sortByTarget(names, mid, to);
    if (names.compare(targets[order[mid - 1]], targets[order[mid]]) <= 0) {
      return;
    }
    System.arraycopy(order, from, scratch, from, to - from);
    int a = from;
    int b = mid;
    for (int k = from; k < to; k++) {
      if (b >= to || (a < mid && names.compare(targets[scratch[a]], targets[scratch[b]]) <= 0)) {
        order[k] = scratch[a++];
      } else {
        order[k] = scratch[b++];
      }
    }
  }
}
