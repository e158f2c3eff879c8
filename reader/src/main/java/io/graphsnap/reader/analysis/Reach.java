package io.graphsnap.reader.analysis;

import java.util.Arrays;
import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * The result of a {@link Reachability} search: the reached nodes as a bitset and in BFS order, grouped by
 * depth. Memory: N/8 bytes plus 4 bytes per reached node ({@link #depth} adds 4N bytes on first use).
 *
 * <p>Immutable after construction and thread-safe (the per-node depth table is built lazily and
 * idempotently). Every array returned is a new copy.
 */
public final class Reach {
  private final int nodeCount;
  private final long[] visited;
  private final int[] order;
  private final int size;
  private final int[] levelStarts;
  private final int bottomUpLevels;
  private volatile int[] depths;

  Reach(int nodeCount, long[] visited, int[] order, int size, int[] levelStarts, int bottomUpLevels) {
    this.nodeCount = nodeCount;
    this.bottomUpLevels = bottomUpLevels;
    this.visited = visited;
    this.order = order;
    this.size = size;
    this.levelStarts = levelStarts;
  }

  /** The number of nodes reached, sources included. */
  public int count() {
    return size;
  }

  /** Whether {@code node} was reached. O(1). */
  public boolean contains(int node) {
    Objects.checkIndex(node, nodeCount);
    return Bits.get(visited, node);
  }

  /**
   * {@code node}'s depth (its distance from the nearest source in edges), or -1 if it was not reached. O(1)
   * after a first call that builds an N-entry table in O(N).
   */
  public int depth(int node) {
    Objects.checkIndex(node, nodeCount);
    if (!Bits.get(visited, node)) {
      return -1;
    }
    int[] d = depths;
    if (d == null) {
      d = new int[nodeCount];
      Arrays.fill(d, -1);
      for (int level = 0; level < levels(); level++) {
        for (int i = levelStarts[level]; i < levelStarts[level + 1]; i++) {
          d[order[i]] = level;
        }
      }
      depths = d;
    }
    return d[node];
  }

  /** The number of non-empty depths: the largest depth reached plus one; 0 when nothing was reached. */
  public int levels() {
    return levelStarts.length - 1;
  }

  /** The number of nodes at {@code depth} (0 beyond the last level). */
  public int countAtDepth(int depth) {
    return depth < 0 || depth >= levels() ? 0 : levelStarts[depth + 1] - levelStarts[depth];
  }

  /** The nodes at {@code depth}, ascending; empty beyond the last level. O(k log k). */
  public int[] nodesAtDepth(int depth) {
    if (depth < 0 || depth >= levels()) {
      return new int[0];
    }
    int[] nodes = Arrays.copyOfRange(order, levelStarts[depth], levelStarts[depth + 1]);
    Arrays.sort(nodes);
    return nodes;
  }

  /** Every reached node ordered by (depth, id). O(count log count). */
  public int[] nodes() {
    int[] nodes = Arrays.copyOf(order, size);
    for (int level = 0; level < levels(); level++) {
      Arrays.sort(nodes, levelStarts[level], levelStarts[level + 1]);
    }
    return nodes;
  }

  /** How many levels the search expanded bottom-up (a diagnostic of the direction switching). */
  public int bottomUpLevels() {
    return bottomUpLevels;
  }

  /** The reached set as a new bitmap. O(N/64). */
  public RoaringBitmap toBitmap() {
    return Bits.toBitmap(visited);
  }

  @Override
  public String toString() {
    return "Reach[count=" + size + ", levels=" + levels() + ", bottomUpLevels=" + bottomUpLevels + "]";
  }
}
