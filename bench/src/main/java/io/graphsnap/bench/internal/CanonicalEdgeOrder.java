package io.graphsnap.bench.internal;

import java.util.Arrays;

/**
 * Puts a {@link FileDraft}'s edges in {@link io.graphsnap.format.object.FileSummary}'s canonical order, by source
 * symbol, then edge type name, then target name, with repeated edges kept once, without making a string: a
 * counting sort by source, then each source's edges sorted by type number (numbered in name order) and target
 * bytes (the first 16 of them kept as two words per edge). Mutable scratch space, reusable from file to file. Not
 * thread-safe.
 */
public final class CanonicalEdgeOrder {
  private static final int INSERTION_SORT_MAX = 12;

  private int[] order = new int[256];
  private int[] scratch = new int[256];
  private int[] types = new int[256];
  private int[] targets = new int[256];
  private long[] firstWords = new long[256];
  private long[] secondWords = new long[256];
  private int[] groupEnd = new int[64];
  private NameArena names;
  private int count;

  /**
   * Orders the edges of the spelled {@code draft} and returns how many distinct ones there are;
   * {@link #edge(int)} then gives them in order. O(E log E + S) for E edges and S symbols.
   */
  public int sort(FileDraft draft) {
    int n = draft.edgeCount();
    int symbols = draft.symbolCount();
    if (n > order.length) {
      int capacity = Math.max(n, order.length * 2);
      order = new int[capacity];
      scratch = new int[capacity];
      types = new int[capacity];
      targets = new int[capacity];
      firstWords = new long[capacity];
      secondWords = new long[capacity];
    }
    if (symbols + 1 > groupEnd.length) {
      groupEnd = new int[Math.max(symbols + 1, groupEnd.length * 2)];
    }
    bucketBySource(draft);
    count = sortAndDropRepeats(draft.names(), symbols);
    return count;
  }

  /**
   * Copies the edges' types and targets and puts their indexes in {@code order} by source, stably (a counting
   * sort); afterwards {@code groupEnd[s]} is the end of source {@code s}'s edges.
   */
  private void bucketBySource(FileDraft draft) {
    int n = draft.edgeCount();
    int symbols = draft.symbolCount();
    NameArena arena = draft.names();
    Arrays.fill(groupEnd, 0, symbols + 1, 0);
    for (int e = 0; e < n; e++) {
      groupEnd[draft.edgeSource(e) + 1]++;
      types[e] = draft.edgeType(e);
      int target = draft.edgeTarget(e);
      targets[e] = target;
      firstWords[e] = arena.word(target, 0);
      secondWords[e] = arena.word(target, Long.BYTES);
    }
    for (int s = 0; s < symbols; s++) {
      groupEnd[s + 1] += groupEnd[s];
    }
    for (int e = 0; e < n; e++) {
      order[groupEnd[draft.edgeSource(e)]++] = e;
    }
  }

  /** Sorts each source's edges by type and target and keeps one of each run of equal edges; returns the count. */
  private int sortAndDropRepeats(NameArena arena, int symbols) {
    names = arena;
    int distinct = 0;
    int from = 0;
    for (int s = 0; s < symbols; s++) {
      int to = groupEnd[s];
      if (to > from) {
        sortRun(from, to);
        order[distinct++] = order[from];
        for (int k = from + 1; k < to; k++) {
          if (compare(order[k], order[distinct - 1]) != 0) {
            order[distinct++] = order[k];
          }
        }
      }
      from = to;
    }
    names = null;
    return distinct;
  }

  /** The index (in the draft) of the {@code k}-th distinct edge in canonical order, {@code k <} the count. */
  public int edge(int k) {
    if (k >= count) {
      throw new IndexOutOfBoundsException(k + " of " + count + " edges");
    }
    return order[k];
  }

  /**
   * Orders edges {@code a} and {@code b} of one source: by type number, then target name (its first 16 bytes as
   * two words, which settle most comparisons, then the whole name).
   */
  private int compare(int a, int b) {
    int c = types[a] - types[b];
    if (c != 0) {
      return c;
    }
    if (firstWords[a] != firstWords[b]) {
      return Long.compareUnsigned(firstWords[a], firstWords[b]);
    }
    if (secondWords[a] != secondWords[b]) {
      return Long.compareUnsigned(secondWords[a], secondWords[b]);
    }
    return names.compare(targets[a], targets[b]);
  }

  /** Sorts {@code order[from, to)}: insertion sort for short runs, else a merge sort. */
  private void sortRun(int from, int to) {
    if (to - from <= INSERTION_SORT_MAX) {
      for (int i = from + 1; i < to; i++) {
        int e = order[i];
        int j = i - 1;
        while (j >= from && compare(order[j], e) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = e;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sortRun(from, mid);
    sortRun(mid, to);
    if (compare(order[mid - 1], order[mid]) <= 0) {
      return;
    }
    System.arraycopy(order, from, scratch, from, to - from);
    int a = from;
    int b = mid;
    for (int k = from; k < to; k++) {
      if (b >= to || (a < mid && compare(scratch[a], scratch[b]) <= 0)) {
        order[k] = scratch[a++];
      } else {
        order[k] = scratch[b++];
      }
    }
  }
}
