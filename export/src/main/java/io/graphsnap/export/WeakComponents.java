package io.graphsnap.export;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import java.util.Arrays;

/**
 * Weakly connected components of a snapshot (edge directions ignored), in process, by union-find over the
 * forward CSR with path halving; each component is labelled by its smallest node id, the convention of
 * GraphX's {@code connectedComponents}, so labels can be compared with a Spark run one for one.
 *
 * <p>Time O(E · α) plus O(N); memory one {@code int[N]} (the labels returned). Static; thread-safe as the
 * snapshot is. The returned array belongs to the caller.
 */
public final class WeakComponents {
  private WeakComponents() {}

  /**
   * The component label of every node over all edges: {@code labels[v]} is the smallest id in v's component.
   */
  public static int[] labels(GraphSnapshot g) {
    boolean[] all = new boolean[g.edgeTypes().size()];
    Arrays.fill(all, true);
    return labels(g, all);
  }

  /**
   * The component label of every node over the edges whose type id {@code t} has {@code edgeTypes[t]} set.
   *
   * @throws IllegalArgumentException if {@code edgeTypes.length} is not the snapshot's number of edge types
   */
  public static int[] labels(GraphSnapshot g, boolean[] edgeTypes) {
    CsrView csr = g.forward();
    if (edgeTypes.length != csr.edgeTypeCount()) {
      throw new IllegalArgumentException("edge type mask length: actual=" + edgeTypes.length + " vs expected="
          + csr.edgeTypeCount());
    }
    int n = g.nodeCount();
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    io.graphsnap.reader.EdgeCursor cursor = csr.cursor(); // either adjacency layout, each value checked
    for (int v = 0; v < n; v++) {
      for (int w = cursor.reset(v).next(); w >= 0; w = cursor.next()) {
        if (edgeTypes[cursor.type()]) {
          union(parent, v, w);
        }
      }
    }
    // Roots are the smallest ids of their sets (union links the larger root under the smaller), so one
    // increasing pass resolves every node: a parent's id is below its child's and is already final.
    for (int v = 0; v < n; v++) {
      parent[v] = parent[parent[v]];
    }
    return parent;
  }

  /** The number of distinct labels in {@code labels} (as returned by {@link #labels}). O(N). */
  public static int count(int[] labels) {
    int count = 0;
    for (int v = 0; v < labels.length; v++) {
      if (labels[v] == v) {
        count++;
      }
    }
    return count;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }
}
