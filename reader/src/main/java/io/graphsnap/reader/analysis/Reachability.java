package io.graphsnap.reader.analysis;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Breadth-first reachability from a set of sources over selected edge types, direction-optimising as in
 * Beamer, Asanović and Patterson, "Direction-Optimizing Breadth-First Search" (SC'12): a level is expanded
 * <em>top-down</em> (scan the frontier's edges, claim unvisited neighbours) while the frontier is small, and
 * <em>bottom-up</em> (every unvisited node scans its edges in the opposite CSR and stops at the first parent in
 * the frontier) once the frontier's edges exceed 1/{@value #ALPHA} of the edges still unexplored; it returns
 * to top-down when the frontier shrinks below N/{@value #BETA} nodes. A {@link Direction#FORWARD} search thus
 * goes bottom-up over the reverse CSR and a {@link Direction#REVERSE} search over the forward one. Bottom-up
 * levels run in parallel over node ranges that own whole words of the visited bitset (no atomics); top-down
 * levels are sequential.
 *
 * <p>Cost: O(N/64) to allocate the visited bitset, then each level either O(frontier edges) top-down or
 * O(N/64 + edges of unvisited nodes until their first parent) bottom-up: a whole-graph search reads far fewer
 * than E edges, a search from one node with few reachable nodes stays proportional to them. Memory: N/8 bytes
 * for the visited set, 4 bytes per reached node, and two more N/8-byte bitsets once a level runs bottom-up.
 * The degrees the heuristic uses count edges of all types, so with a type filter it only estimates the work.
 *
 * <p>Thread safety: reentrant, no shared state; runs its parallel steps as described in {@link Chunks}.
 */
public final class Reachability {
  /** Switch to bottom-up when the frontier's edges exceed 1/ALPHA of the unexplored edges. */
  static final int ALPHA = 14;
  /** Switch back to top-down when the frontier holds fewer than N/BETA nodes and no more than the previous one. */
  static final int BETA = 24;

  private Reachability() {}

  /**
   * The nodes reachable from {@code sources} within {@code maxDepth} edges of the selected types, each with
   * its BFS depth (sources at depth 0).
   *
   * @param graph the graph (a snapshot's: {@link CsrGraph#of})
   * @param sources start node ids (duplicates are fine; none gives an empty result)
   * @param types the edge types to follow; {@code null} for all
   * @param direction {@link Direction#FORWARD} for what the sources reach, {@link Direction#REVERSE} for what
   *     reaches them
   * @param maxDepth the largest depth to visit; negative for no limit
   * @throws IndexOutOfBoundsException if a source is outside [0, N)
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the snapshot's CSR is damaged
   */
  public static Reach reach(CsrGraph graph, int[] sources, EdgeTypeMask types, Direction direction, int maxDepth) {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(direction, "direction");
    int n = graph.nodeCount();
    for (int s : sources) {
      Objects.checkIndex(s, n);
    }
    CsrView down = graph.csr(direction);
    CsrView up = graph.csr(direction.opposite());
    try {
      return new Search(down, up, EdgeTypeMask.orAll(types), maxDepth < 0 ? Integer.MAX_VALUE : maxDepth).run(sources);
    } catch (IllegalStateException e) {
      throw down.closed(e);
    }
  }

  /** {@link #reach(CsrGraph, int[], EdgeTypeMask, Direction, int)} from the nodes of a bitmap. */
  public static Reach reach(CsrGraph graph, ImmutableRoaringBitmap sources, EdgeTypeMask types, Direction direction,
      int maxDepth) {
    return reach(graph, sources.toArray(), types, direction, maxDepth);
  }

  /** One search: mutable, used once. */
  private static final class Search {
    private final CsrView down;
    private final CsrView up;
    private final boolean allTypes;
    private final boolean[] selected;
    private final int maxDepth;
    private final int n;
    private final long[] visited;
    private int[] order;
    private int size;
    private final IntArrayList levelStarts = new IntArrayList();
    private long[] frontierBits;
    private long[] nextBits;
    private int[] upChunks;

    Search(CsrView down, CsrView up, EdgeTypeMask types, int maxDepth) {
      this.down = down;
      this.up = up;
      this.allTypes = types.isAll();
      this.selected = types.table();
      this.maxDepth = maxDepth;
      this.n = down.nodeCount();
      this.visited = new long[Bits.words(n)];
      this.order = new int[Math.min(Math.max(16, n), 1024)];
    }

    Reach run(int[] sources) {
      long frontierEdges = 0;
      for (int s : sources) {
        if (!Bits.get(visited, s)) {
          Bits.set(visited, s);
          append(s);
          frontierEdges += degree(down, s);
        }
      }
      levelStarts.add(0);
      long unexplored = down.edgeCount() - frontierEdges;
      boolean bottomUp = false;
      int previousFrontier = 0;
      int depth = 0;
      int bottomUpLevels = 0;
      while (size > levelStarts.getInt(depth) && depth < maxDepth) {
        int from = levelStarts.getInt(depth);
        int to = size;
        int frontier = to - from;
        if (!bottomUp && frontierEdges > unexplored / ALPHA && frontierEdges > (n >>> 6)) {
          bottomUp = true;
          fillFrontierBits(from, to);
        } else if (bottomUp && frontier < n / BETA && frontier <= previousFrontier) {
          bottomUp = false;
        }
        levelStarts.add(to);
        frontierEdges = bottomUp ? bottomUpStep() : topDownStep(from, to);
        bottomUpLevels += bottomUp ? 1 : 0;
        unexplored -= frontierEdges;
        previousFrontier = frontier;
        depth++;
      }
      if (levelStarts.getInt(levelStarts.size() - 1) != size) {
        levelStarts.add(size);
      }
      return new Reach(n, visited, order, size, levelStarts.toIntArray(), bottomUpLevels);
    }

    /** Expands order[from, to) top-down; returns the new frontier's edge count. */
    private long topDownStep(int from, int to) {
      final LongBuffer[] off = down.offsetParts();
      final IntBuffer[] nb = down.neighbourParts();
      final ByteBuffer[] ty = down.typeParts();
      final long edges = down.edgeCount();
      final int nodes = n;
      final boolean all = allTypes;
      final boolean[] sel = selected;
      final long[] vis = visited;
      long frontierEdges = 0;
      for (int i = from; i < to; i++) {
        int u = order[i];
        long s = BufferParts.get(off, u);
        long e = BufferParts.get(off, u + 1L);
        if ((s | e) < 0 || s > e || e > edges) {
          throw down.badRange(u);
        }
        for (long j = s; j < e; j++) {
          if (!all && !sel[BufferParts.get(ty, j)]) {
            continue;
          }
          int w = BufferParts.get(nb, j);
          if (Integer.compareUnsigned(w, nodes) >= 0) {
            throw down.badNeighbour(j, w);
          }
          int word = w >>> 6;
          long bit = 1L << w;
          if ((vis[word] & bit) == 0) {
            vis[word] |= bit;
            append(w);
            frontierEdges += BufferParts.get(off, w + 1L) - BufferParts.get(off, w);
          }
        }
      }
      return frontierEdges;
    }

    /** Expands the frontier bitset bottom-up in parallel; appends the new level; returns its edge count. */
    private long bottomUpStep() {
      if (upChunks == null) {
        upChunks = Chunks.balanced(up, 64);
      }
      final int[] bounds = upChunks;
      final long[] chunkEdges = new long[bounds.length - 1];
      Arrays.fill(nextBits, 0);
      Chunks.forEach(bounds.length - 1, true, c -> chunkEdges[c] = bottomUpRange(bounds[c], bounds[c + 1]));
      int start = size;
      long[] next = nextBits;
      for (int word = 0; word < next.length; word++) {
        for (long bits = next[word]; bits != 0; bits &= bits - 1) {
          append((word << 6) + Long.numberOfTrailingZeros(bits));
        }
      }
      nextBits = frontierBits;
      frontierBits = next;
      long total = 0;
      for (long e : chunkEdges) {
        total += e;
      }
      return size > start ? total : 0;
    }

    /** Bottom-up over nodes [from, to) (from a multiple of 64); returns the edges of the nodes it visited. */
    private long bottomUpRange(int from, int to) {
      final LongBuffer[] off = up.offsetParts();
      final IntBuffer[] nb = up.neighbourParts();
      final ByteBuffer[] ty = up.typeParts();
      final LongBuffer[] downOff = down.offsetParts();
      final long edges = up.edgeCount();
      final int nodes = n;
      final boolean all = allTypes;
      final boolean[] sel = selected;
      final long[] vis = visited;
      final long[] front = frontierBits;
      final long[] next = nextBits;
      long frontierEdges = 0;
      int lastWord = (to - 1) >>> 6;
      for (int word = from >>> 6; word <= lastWord; word++) {
        long candidates = ~vis[word];
        int base = word << 6;
        if (to - base < 64) {
          candidates &= (1L << (to - base)) - 1;
        }
        long found = 0;
        for (; candidates != 0; candidates &= candidates - 1) {
          int bit = Long.numberOfTrailingZeros(candidates);
          int v = base + bit;
          long s = BufferParts.get(off, v);
          long e = BufferParts.get(off, v + 1L);
          if ((s | e) < 0 || s > e || e > edges) {
            throw up.badRange(v);
          }
          for (long j = s; j < e; j++) {
            if (!all && !sel[BufferParts.get(ty, j)]) {
              continue;
            }
            int u = BufferParts.get(nb, j);
            if (Integer.compareUnsigned(u, nodes) >= 0) {
              throw up.badNeighbour(j, u);
            }
            if ((front[u >>> 6] & (1L << u)) != 0) {
              found |= 1L << bit;
              frontierEdges += BufferParts.get(downOff, v + 1L) - BufferParts.get(downOff, v);
              break;
            }
          }
        }
        if (found != 0) {
          vis[word] |= found;
          next[word] = found;
        }
      }
      return frontierEdges;
    }

    private void fillFrontierBits(int from, int to) {
      if (frontierBits == null) {
        frontierBits = new long[visited.length];
        nextBits = new long[visited.length];
      } else {
        Arrays.fill(frontierBits, 0);
      }
      for (int i = from; i < to; i++) {
        Bits.set(frontierBits, order[i]);
      }
    }

    private void append(int node) {
      if (size == order.length) {
        order = Arrays.copyOf(order, (int) Math.min(n, 2L * order.length));
      }
      order[size++] = node;
    }

    private static long degree(CsrView csr, int node) {
      return BufferParts.get(csr.offsetParts(), node + 1L) - BufferParts.get(csr.offsetParts(), node);
    }
  }
}
