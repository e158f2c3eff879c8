package io.graphsnap.reader.analysis;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A directed graph with typed edges in both CSR directions, the input of every analysis in this package:
 * {@link #of(GraphSnapshot)} views a mapped snapshot (O(1), copies nothing); {@link #fromEdges} builds one in
 * off-heap memory from edge arrays (tests, benchmarks, graphs that are not snapshots). Either way the hot
 * loops read the same kind of {@link MemorySegment}s, so the code paths are the same.
 *
 * <p>Invariant the algorithms rely on: the reverse CSR is the transpose of the forward one, with the same type
 * on each edge. A snapshot guarantees it (checked by {@link GraphSnapshot#verify()}); {@link #fromEdges} builds
 * it. On a damaged snapshot that breaks it, algorithms that use both directions (direction-optimising
 * reachability, PageRank's out-degrees) give wrong answers but never read out of bounds.
 *
 * <p>Immutable and thread-safe. A graph over a snapshot must not be used after the snapshot is closed.
 */
public final class CsrGraph {
  /** The directions as stored: fixed, or compact and decoded only when {@link #forward()}/{@link #reverse()} ask. */
  private final CsrView storedForward;
  private final CsrView storedReverse;

  private CsrGraph(CsrView forward, CsrView reverse) {
    if (forward.nodeCount() != reverse.nodeCount() || forward.edgeCount() != reverse.edgeCount()) {
      throw new IllegalArgumentException("forward and reverse CSR disagree: " + forward + " vs " + reverse);
    }
    this.storedForward = forward;
    this.storedReverse = reverse;
  }

  /**
   * Both CSRs of an open snapshot: O(1) and a view of the mapping for the fixed adjacency. For the compact one
   * ({@link CsrView#isCompact()}) each direction is decoded into off-heap memory the first time {@link #forward()} or
   * {@link #reverse()} asks for it ({@link CsrView#decodeFixed()}: O(N + E) time and 8N + 5E bytes, kept while the
   * snapshot is open), which the loops here read as they read a fixed snapshot; an analysis that needs one direction
   * decodes only that one (PageRank none when its in-edges are large: see {@link PageRank#decodedCopyLimit}). Valid
   * while the snapshot is open.
   */
  public static CsrGraph of(GraphSnapshot snapshot) {
    return new CsrGraph(snapshot.forward(), snapshot.reverse());
  }

  /**
   * Builds a graph from edge arrays, as the snapshot builder would: edge {@code i} goes from
   * {@code sources[i]} to {@code targets[i]} with type id {@code types[i] & 0xFF}; identical triples collapse
   * (edges are distinct); within a node edges are sorted by (type, neighbour). The CSRs live in memory of an
   * automatic {@link Arena} (freed when the graph is unreachable). O(E log maxDegree) time; 2 × (8N + 5E) bytes
   * off-heap plus 12E bytes of heap while building.
   *
   * @param nodeCount N; node ids are [0, N)
   * @param typeCount T, the number of edge types; type ids must be below it
   * @param types the type id of each edge, or {@code null} for type 0 everywhere
   * @throws IllegalArgumentException if the arrays differ in length or hold an id out of range
   */
  public static CsrGraph fromEdges(int nodeCount, int typeCount, int[] sources, int[] targets, byte[] types) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(targets, "targets");
    if (nodeCount < 0 || typeCount < 1 || typeCount > 255) {
      throw new IllegalArgumentException("need N >= 0 and T in [1, 255], not N=" + nodeCount + " T=" + typeCount);
    }
    if (targets.length != sources.length || (types != null && types.length != sources.length)) {
      throw new IllegalArgumentException("edge arrays differ in length: sources=" + sources.length + " targets="
          + targets.length + " types=" + (types == null ? "null" : types.length));
    }
    for (int i = 0; i < sources.length; i++) {
      int t = types == null ? 0 : types[i] & 0xFF;
      if (Integer.compareUnsigned(sources[i], nodeCount) >= 0 || Integer.compareUnsigned(targets[i], nodeCount) >= 0
          || t >= typeCount) {
        throw new IllegalArgumentException("edge " + i + " (" + sources[i] + " -" + t + "-> " + targets[i]
            + ") outside N=" + nodeCount + " T=" + typeCount);
      }
    }
    Arena arena = Arena.ofAuto();
    Rows forwardRows = Rows.sort(nodeCount, sources, targets, types);
    CsrView forward = forwardRows.toCsr(arena, typeCount, false);
    Rows reverseRows = forwardRows.transpose();
    CsrView reverse = reverseRows.toCsr(arena, typeCount, true);
    return new CsrGraph(forward, reverse);
  }

  /** The out-edges in the fixed layout (a compact snapshot's decoded the first time: see {@link #of}). */
  public CsrView forward() {
    return storedForward.decodeFixed();
  }

  /** The in-edges in the fixed layout (a compact snapshot's decoded the first time: see {@link #of}). */
  public CsrView reverse() {
    return storedReverse.decodeFixed();
  }

  /** The out-edges as the snapshot stores them: fixed, or compact (read with cursors). */
  CsrView storedForward() {
    return storedForward;
  }

  /** The in-edges as the snapshot stores them: fixed, or compact (read with cursors). */
  CsrView storedReverse() {
    return storedReverse;
  }

  /** The CSR whose rows list the edges followed in {@code direction}, in the fixed layout. */
  public CsrView csr(Direction direction) {
    return direction == Direction.FORWARD ? forward() : reverse();
  }

  /** N. */
  public int nodeCount() {
    return storedForward.nodeCount();
  }

  /** E, the number of distinct edges. */
  public long edgeCount() {
    return storedForward.edgeCount();
  }

  /** T, the number of edge types. */
  public int edgeTypeCount() {
    return storedForward.edgeTypeCount();
  }

  @Override
  public String toString() {
    return "CsrGraph[nodes=" + nodeCount() + ", edges=" + edgeCount() + ", types=" + edgeTypeCount() + "]";
  }

  /** Heap rows while building: per node, sorted distinct keys {@code (type << 32) | neighbour}. */
  private record Rows(int nodeCount, long[] offsets, long[] keys) {
    static Rows sort(int n, int[] rowOf, int[] neighbourOf, byte[] typeOf) {
      long[] offsets = new long[n + 1];
      for (int r : rowOf) {
        offsets[r + 1]++;
      }
      for (int v = 0; v < n; v++) {
        offsets[v + 1] += offsets[v];
      }
      long[] next = Arrays.copyOf(offsets, n);
      long[] keys = new long[rowOf.length];
      for (int i = 0; i < rowOf.length; i++) {
        long t = typeOf == null ? 0 : typeOf[i] & 0xFF;
        keys[(int) next[rowOf[i]]++] = (t << 32) | (neighbourOf[i] & 0xFFFF_FFFFL);
      }
      return new Rows(n, offsets, keys).sortedDistinct();
    }

    private Rows sortedDistinct() {
      long[] compacted = new long[n() + 1];
      int out = 0;
      for (int v = 0; v < n(); v++) {
        int from = (int) offsets[v];
        int to = (int) offsets[v + 1];
        Arrays.sort(keys, from, to);
        for (int i = from; i < to; i++) {
          if (i == from || keys[i] != keys[i - 1]) {
            keys[out++] = keys[i];
          }
        }
        compacted[v + 1] = out;
      }
      return new Rows(n(), compacted, out == keys.length ? keys : Arrays.copyOf(keys, out));
    }

    private int n() {
      return nodeCount;
    }

    Rows transpose() {
      int e = keys.length;
      int[] rowOf = new int[e];
      int[] neighbourOf = new int[e];
      byte[] typeOf = new byte[e];
      for (int v = 0; v < nodeCount; v++) {
        for (int i = (int) offsets[v]; i < offsets[v + 1]; i++) {
          rowOf[i] = (int) keys[i];
          neighbourOf[i] = v;
          typeOf[i] = (byte) (keys[i] >>> 32);
        }
      }
      return sort(nodeCount, rowOf, neighbourOf, typeOf);
    }

    CsrView toCsr(Arena arena, int typeCount, boolean reverse) {
      long e = keys.length;
      // The snapshot's own layout (CsrFormat), so the same view and loops read it.
      MemorySegment off = arena.allocate(CsrFormat.offsetsBytes(nodeCount), CsrFormat.OFFSET_BYTES);
      MemorySegment nb = arena.allocate(Math.max(1, CsrFormat.neighboursBytes(e)), CsrFormat.NEIGHBOUR_BYTES)
          .asSlice(0, CsrFormat.neighboursBytes(e));
      MemorySegment ty = arena.allocate(Math.max(1, CsrFormat.typesBytes(e)), 1).asSlice(0, CsrFormat.typesBytes(e));
      for (int v = 0; v <= nodeCount; v++) {
        off.set(LONG, CsrFormat.offsetAt(v), offsets[v]);
      }
      for (long i = 0; i < e; i++) {
        long key = keys[(int) i];
        nb.set(INT, CsrFormat.neighbourAt(i), (int) key);
        ty.set(BYTE, CsrFormat.typeAt(i), (byte) (key >>> 32));
      }
      return CsrView.wrap(off, nb, ty, nodeCount, typeCount, reverse, reverse ? "heap reverse CSR" : "heap forward CSR");
    }
  }
}
