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
    SmallestK best = new SmallestK(k);
    for (int v = 0; v < ranks.length; v++) {
      best.offer(SmallestK.descending(ranks[v]), v);
    }
    return best.drain();
  }

  @Override
  public String toString() {
    return "PageRankResult[nodes=" + ranks.length + ", iterations=" + iterations + ", converged=" + converged
        + ", lastChange=" + lastChange + "]";
  }
}
