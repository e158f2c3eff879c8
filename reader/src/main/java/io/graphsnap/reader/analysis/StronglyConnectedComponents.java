package io.graphsnap.reader.analysis;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Strongly connected components by Pearce's space-efficient variant of Tarjan's algorithm (D. J. Pearce, "A
 * space-efficient algorithm for finding strongly connected components", IPL 116(1), 2016; PEA_FIND_SCC2),
 * written with explicit stacks: no recursion, so a 10 M-node chain needs no deep Java stack. One array
 * {@code rindex} serves as visit index, low-link and finally component id.
 *
 * <p>Components are numbered in the order they complete, which is a reverse topological order of the
 * condensation: for every selected edge u → v with u and v in different components,
 * {@code component(u) > component(v)}. Processing components by ascending id therefore sees every
 * component after all those it reaches (what {@link EffectClosure} does).
 *
 * <p>Cost: O(N + E) time, sequential. Memory: 4N bytes for the ids, 4N for members grouped by component, 4C
 * for their offsets, N/8 for self-loop bits, and while running up to 13 bytes per node on the DFS stacks
 * (they grow only as deep as the search goes). Thread safety: reentrant.
 */
public final class StronglyConnectedComponents {
  private StronglyConnectedComponents() {}

  /** The components of {@code graph}'s edges of the selected types ({@code null}: all). */
  public static Components of(CsrGraph graph, EdgeTypeMask types) {
    return of(graph.forward(), types, null);
  }

  /**
   * {@link #of(CsrGraph, EdgeTypeMask)}, calling {@code checkpoint} (null: none) after every
   * {@value #CHECKPOINT_NODES} nodes visited, so that background work can pause there (it blocks) or give up (it
   * throws; the exception reaches the caller).
   */
  public static Components of(CsrGraph graph, EdgeTypeMask types, Runnable checkpoint) {
    return of(graph.forward(), types, checkpoint);
  }

  /** How many node visits pass between two calls of a checkpoint. */
  public static final int CHECKPOINT_NODES = 1 << 16;

  /**
   * The components of the graph whose rows {@code csr} holds (forward or reverse give the same partition).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the snapshot's CSR is damaged
   */
  public static Components of(CsrView csr, EdgeTypeMask types) {
    return of(csr, types, null);
  }

  /** {@link #of(CsrView, EdgeTypeMask)} with a checkpoint as in {@link #of(CsrGraph, EdgeTypeMask, Runnable)}. */
  public static Components of(CsrView csr, EdgeTypeMask types, Runnable checkpoint) {
    Objects.requireNonNull(csr, "csr");
    try {
      return new Search(csr.decodeFixed(), EdgeTypeMask.orAll(types), checkpoint).run(); // compact: decoded once
    } catch (IllegalStateException e) {
      throw csr.closed(e);
    }
  }

  /** One run: mutable, used once. */
  private static final class Search {
    private final CsrView csr;
    private final boolean allTypes;
    private final boolean[] selected;
    private final int n;
    private final int[] rindex;
    private final long[] selfLoops;
    private final int[] members;
    private int[] componentStarts;
    private int memberCount;
    private int componentCount;
    // the DFS stack: node, next edge index, and whether the node is still a root candidate
    private int[] callNode = new int[64];
    private long[] callPosition = new long[64];
    private boolean[] callRoot = new boolean[64];
    private int callDepth;
    // Pearce's stack S of visited nodes not yet assigned to a component
    private int[] pending = new int[64];
    private int pendingSize;
    private int index = 1;
    private long visits;
    private int c;

    private final Runnable checkpoint;

    Search(CsrView csr, EdgeTypeMask types, Runnable checkpoint) {
      this.checkpoint = checkpoint;
      this.csr = csr;
      this.allTypes = types.isAll();
      this.selected = types.table();
      this.n = csr.nodeCount();
      this.rindex = new int[n];
      this.selfLoops = new long[Bits.words(n)];
      this.members = new int[n];
      this.componentStarts = new int[Math.min(n, 1024) + 1];
      this.c = n;
    }

    Components run() {
      for (int root = 0; root < n; root++) {
        if (rindex[root] == 0) {
          visit(root);
        }
      }
      int[] component = rindex;
      for (int v = 0; v < n; v++) {
        component[v] = n - component[v];
      }
      return new Components(component, members, Arrays.copyOf(componentStarts, componentCount + 1), componentCount,
          selfLoops);
    }

    private void visit(int root) {
      final LongBuffer[] off = csr.offsetParts();
      final IntBuffer[] nb = csr.neighbourParts();
      final ByteBuffer[] ty = csr.typeParts();
      final boolean all = allTypes;
      final boolean[] sel = selected;
      final int[] r = rindex;
      push(root);
      while (callDepth > 0) {
        int top = callDepth - 1;
        int v = callNode[top];
        long p = callPosition[top];
        long end = BufferParts.get(off, v + 1L);
        int child = -1;
        for (; p < end; p++) {
          if (!all && !sel[BufferParts.get(ty, p)]) {
            continue;
          }
          int w = BufferParts.get(nb, p);
          if (Integer.compareUnsigned(w, n) >= 0) {
            throw csr.badNeighbour(p, w);
          }
          if (r[w] == 0) {
            child = w;
            break;
          }
          if (w == v) {
            Bits.set(selfLoops, v);
          } else if (r[w] < r[v]) {
            r[v] = r[w];
            callRoot[top] = false;
          }
        }
        callPosition[top] = p;
        if (child >= 0) {
          push(child);
          continue;
        }
        callDepth--;
        finish(v, callRoot[top]);
        if (callDepth > 0) {
          int parent = callDepth - 1;
          int u = callNode[parent];
          if (r[v] < r[u]) {
            r[u] = r[v];
            callRoot[parent] = false;
          }
          callPosition[parent]++;
        }
      }
    }

    private void push(int v) {
      long s = BufferParts.get(csr.offsetParts(), v);
      long e = BufferParts.get(csr.offsetParts(), v + 1L);
      if ((s | e) < 0 || s > e || e > csr.edgeCount()) {
        throw csr.badRange(v);
      }
      if (callDepth == callNode.length) {
        int grown = (int) Math.min(n, 2L * callNode.length);
        callNode = Arrays.copyOf(callNode, grown);
        callPosition = Arrays.copyOf(callPosition, grown);
        callRoot = Arrays.copyOf(callRoot, grown);
      }
      rindex[v] = index++;
      if (checkpoint != null && (++visits & (CHECKPOINT_NODES - 1)) == 0) {
        checkpoint.run();
      }
      callNode[callDepth] = v;
      callPosition[callDepth] = s;
      callRoot[callDepth] = true;
      callDepth++;
    }

    private void finish(int v, boolean root) {
      if (!root) {
        if (pendingSize == pending.length) {
          pending = Arrays.copyOf(pending, (int) Math.min(n, 2L * pending.length));
        }
        pending[pendingSize++] = v;
        return;
      }
      index--;
      int[] r = rindex;
      int start = memberCount;
      while (pendingSize > 0 && r[v] <= r[pending[pendingSize - 1]]) {
        int w = pending[--pendingSize];
        r[w] = c;
        members[memberCount++] = w;
        index--;
      }
      r[v] = c;
      members[memberCount++] = v;
      c--;
      if (componentCount + 1 == componentStarts.length) {
        componentStarts = Arrays.copyOf(componentStarts, (int) Math.min(n + 1L, 2L * componentStarts.length));
      }
      componentStarts[componentCount] = start;
      componentStarts[++componentCount] = memberCount;
    }
  }
}
