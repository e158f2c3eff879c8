package io.graphsnap.reader.analysis;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Unweighted shortest paths by breadth-first search with parent links, stopping as soon as a target is
 * reached. Among several shortest paths it returns the one whose steps come first in CSR order (type id, then
 * neighbour id), so answers are deterministic.
 *
 * <p>Cost: O(nodes and edges explored before the target's level completes); memory proportional to the nodes
 * explored (a hash map, switched to a dense N-entry array once the search covers more than N/32 nodes).
 * Thread safety: reentrant.
 */
public final class ShortestPaths {
  private ShortestPaths() {}

  /**
   * One shortest path from {@code from} to {@code to} over edges of the selected types, followed in
   * {@code direction}; {@link NodePath#none()} when none exists.
   *
   * @param types the edge types to follow; {@code null} for all
   * @throws IndexOutOfBoundsException if a node is outside [0, N)
   */
  public static NodePath between(CsrGraph graph, int from, int to, EdgeTypeMask types, Direction direction) {
    Objects.checkIndex(to, graph.nodeCount());
    return nearest(graph, from, v -> v == to, types, direction);
  }

  /**
   * One shortest path from {@code from} to the nearest node satisfying {@code isTarget} (which may be
   * {@code from} itself); {@link NodePath#none()} when no target is reachable.
   */
  public static NodePath nearest(CsrGraph graph, int from, IntPredicate isTarget, EdgeTypeMask types,
      Direction direction) {
    Objects.requireNonNull(isTarget, "isTarget");
    int n = graph.nodeCount();
    Objects.checkIndex(from, n);
    CsrView csr = graph.csr(Objects.requireNonNull(direction, "direction"));
    EdgeTypeMask mask = EdgeTypeMask.orAll(types);
    try {
      if (isTarget.test(from)) {
        return new NodePath(new int[] {from}, new int[0]);
      }
      Parents parents = new Parents(n);
      parents.put(from, from);
      IntArrayList queue = new IntArrayList();
      queue.add(from);
      final LongBuffer[] off = csr.offsetParts();
      final IntBuffer[] nb = csr.neighbourParts();
      final ByteBuffer[] ty = csr.typeParts();
      final boolean all = mask.isAll();
      final boolean[] sel = mask.table();
      for (int head = 0; head < queue.size(); head++) {
        int u = queue.getInt(head);
        long s = BufferParts.get(off, u);
        long e = BufferParts.get(off, u + 1L);
        if ((s | e) < 0 || s > e || e > csr.edgeCount()) {
          throw csr.badRange(u);
        }
        for (long j = s; j < e; j++) {
          if (!all && !sel[BufferParts.get(ty, j)]) {
            continue;
          }
          int w = BufferParts.get(nb, j);
          if (Integer.compareUnsigned(w, n) >= 0) {
            throw csr.badNeighbour(j, w);
          }
          if (parents.putIfAbsent(w, u)) {
            if (isTarget.test(w)) {
              return trace(csr, mask, parents, from, w);
            }
            queue.add(w);
          }
        }
      }
      return NodePath.none();
    } catch (IllegalStateException e) {
      throw csr.closed(e);
    }
  }

  private static NodePath trace(CsrView csr, EdgeTypeMask mask, Parents parents, int from, int to) {
    IntArrayList nodes = new IntArrayList();
    for (int v = to; v != from; v = parents.get(v)) {
      nodes.add(v);
    }
    nodes.add(from);
    int[] path = nodes.toIntArray();
    for (int i = 0, j = path.length - 1; i < j; i++, j--) {
      int tmp = path[i];
      path[i] = path[j];
      path[j] = tmp;
    }
    int[] stepTypes = new int[path.length - 1];
    for (int i = 0; i + 1 < path.length; i++) {
      stepTypes[i] = firstType(csr, mask, path[i], path[i + 1]);
    }
    return new NodePath(path, stepTypes);
  }

  /** The smallest selected type id of an edge u → v in {@code csr}'s row of u (which exists). */
  private static int firstType(CsrView csr, EdgeTypeMask mask, int u, int v) {
    long s = csr.start(u);
    long e = csr.end(u);
    for (long j = s; j < e; j++) {
      if (csr.neighbour(j) == v && mask.contains(csr.type(j))) {
        return csr.type(j);
      }
    }
    throw new IllegalStateException("edge " + u + " -> " + v + " vanished from " + csr);
  }

  /** Parent links: a hash map while the search is small, a dense array once it grows. Mutable; one search. */
  static final class Parents {
    private final int n;
    private Int2IntOpenHashMap sparse = new Int2IntOpenHashMap();
    private int[] dense;

    Parents(int n) {
      this.n = n;
      sparse.defaultReturnValue(-1);
      if (n <= 1 << 16) {
        toDense();
      }
    }

    void put(int node, int parent) {
      putIfAbsent(node, parent);
    }

    /** Records {@code parent} for {@code node} unless it has one; whether it was new. */
    boolean putIfAbsent(int node, int parent) {
      if (dense != null) {
        if (dense[node] >= 0) {
          return false;
        }
        dense[node] = parent;
        return true;
      }
      if (sparse.putIfAbsent(node, parent) >= 0) {
        return false;
      }
      if (sparse.size() > (n >>> 5)) {
        toDense();
      }
      return true;
    }

    int get(int node) {
      return dense != null ? dense[node] : sparse.get(node);
    }

    private void toDense() {
      dense = new int[n];
      Arrays.fill(dense, -1);
      for (var e : sparse.int2IntEntrySet()) {
        dense[e.getIntKey()] = e.getIntValue();
      }
      sparse = null;
    }
  }
}
