package io.graphsnap.reader.analysis;

import java.util.Objects;

/**
 * The ranks {@link PageRank} computed, with how the iteration ended. Immutable and thread-safe; arrays returned
 * are copies. Memory: 8N bytes.
 */
public final class PageRankResult {
  private final double[] ranks;
  private final int iterations;
  private final boolean converged;
  private final double lastChange;

  PageRankResult(double[] ranks, int iterations, boolean converged, double lastChange) {
    this.ranks = ranks;
    this.iterations = iterations;
    this.converged = converged;
    this.lastChange = lastChange;
  }

  /** Node {@code node}'s rank. O(1). */
  public double rank(int node) {
    return ranks[Objects.checkIndex(node, ranks.length)];
  }

  /** Every node's rank, indexed by node id; a new array. */
  public double[] ranks() {
    return ranks.clone();
  }

  /** N. */
  public int nodeCount() {
    return ranks.length;
  }

  /** The iterations run. */
  public int iterations() {
    return iterations;
  }

  /** Whether the L1 change fell below the tolerance (false when the iteration limit stopped it). */
  public boolean converged() {
    return converged;
  }

  /** The L1 change of the last iteration (NaN when none ran). */
  public double lastChange() {
    return lastChange;
  }

  /**
   * The {@code k} highest-ranked nodes, by descending rank, ties by ascending id (fewer when N < k). O(N log k)
   * with a bounded heap.
   */
  public int[] top(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, not " + k);
    }
    int size = Math.min(k, ranks.length);
    int[] heap = new int[size];
    int filled = 0;
    for (int v = 0; v < ranks.length; v++) {
      if (filled < size) {
        heap[filled] = v;
        siftUp(heap, filled++);
      } else if (size > 0 && better(v, heap[0])) {
        heap[0] = v;
        siftDown(heap, size);
      }
    }
    int[] result = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      result[i] = heap[0];
      heap[0] = heap[i];
      siftDown(heap, i);
    }
    return result;
  }

  /** Whether node a ranks before node b: higher rank, then smaller id. */
  private boolean better(int a, int b) {
    int cmp = Double.compare(ranks[a], ranks[b]);
    return cmp > 0 || (cmp == 0 && a < b);
  }

  // a min-heap by "better": the root is the worst of the kept nodes
  private void siftUp(int[] heap, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(heap[parent], heap[i])) {
        break;
      }
      swap(heap, i, parent);
      i = parent;
    }
  }

  private void siftDown(int[] heap, int size) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(heap[left], heap[right])) {
        worst = right;
      }
      if (!better(heap[i], heap[worst])) {
        return;
      }
      swap(heap, i, worst);
      i = worst;
    }
  }

  private static void swap(int[] heap, int i, int j) {
    int t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  }

  @Override
  public String toString() {
    return "PageRankResult[nodes=" + ranks.length + ", iterations=" + iterations + ", converged=" + converged
        + ", lastChange=" + lastChange + "]";
  }
}
