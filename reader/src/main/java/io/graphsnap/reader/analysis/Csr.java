package io.graphsnap.reader.analysis;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import io.graphsnap.reader.internal.Closing;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * One direction of a graph in compressed sparse row form, as the analysis loops read it: the three raw
 * segments of a {@link CsrView} ({@code Offsets --> UInt64LE^(N+1)}, {@code Neighbours --> Int32LE^E},
 * {@code Types --> UInt8^E}; within a node, edges sorted by (type, neighbour) and distinct) and their counts.
 *
 * <p>A final class over {@link MemorySegment}s rather than an interface, so that the hot loops, which are
 * static methods in this package, copy the segments into locals and stay monomorphic. The loops check what
 * they read, cheaply: a node's offsets lie in [0, E] and are ordered (a few compares per node), each
 * neighbour id is below N (one unsigned compare per edge). A damaged mapped snapshot therefore raises
 * {@link CorruptSnapshotException} naming the section and offset (the error is produced by the
 * {@link CsrView}'s checked accessors), never an {@link IndexOutOfBoundsException}; type bytes need no check
 * because {@link EdgeTypeMask} tables have 256 entries.
 *
 * <p>The loops read the segments in bulk ({@link Blocks}) or through buffer views ({@link BufferParts}), never
 * element by element through {@code MemorySegment.get}: both explain why.
 *
 * <p>Immutable and thread-safe. Memory: a view, copies nothing. Over a snapshot it reads the snapshot's
 * mapping and must not be used after the snapshot is closed (reads then throw
 * {@link io.graphsnap.reader.AlreadyClosedException}).
 */
public final class Csr {
  final MemorySegment offsets;
  final MemorySegment neighbours;
  final MemorySegment types;
  /** The same three segments as buffer views, for random access (see {@link BufferParts}). */
  final LongBuffer[] offsetParts;
  final IntBuffer[] neighbourParts;
  final ByteBuffer[] typeParts;
  final int nodeCount;
  final long edgeCount;
  final int typeCount;
  private final boolean reverse;
  private final CsrView view;
  private final String resource;

  private Csr(MemorySegment offsets, MemorySegment neighbours, MemorySegment types, int nodeCount, long edgeCount,
      int typeCount, boolean reverse, CsrView view, String resource) {
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.types = types;
    this.offsetParts = BufferParts.longs(offsets);
    this.neighbourParts = BufferParts.ints(neighbours);
    this.typeParts = BufferParts.bytes(types);
    this.nodeCount = nodeCount;
    this.edgeCount = edgeCount;
    this.typeCount = typeCount;
    this.reverse = reverse;
    this.view = view;
    this.resource = resource;
  }

  /** The analysis view of a snapshot's CSR (O(1), copies nothing; valid while the snapshot is open). */
  public static Csr of(CsrView view) {
    Objects.requireNonNull(view, "view");
    return new Csr(view.offsets(), view.neighbours(), view.types(), view.nodeCount(), view.edgeCount(),
        view.edgeTypeCount(), view.isReverse(), view, view.toString());
  }

  /**
   * Wraps segments that the caller built (see {@link CsrGraph#fromEdges}); checks their lengths only.
   *
   * @throws IllegalArgumentException if a segment's length does not match N and E
   */
  static Csr wrap(MemorySegment offsets, MemorySegment neighbours, MemorySegment types, int nodeCount,
      int typeCount, boolean reverse, String resource) {
    long edges = neighbours.byteSize() / 4;
    if (offsets.byteSize() != 8L * (nodeCount + 1L) || neighbours.byteSize() != 4 * edges
        || types.byteSize() != edges || offsets.get(LONG, 8L * nodeCount) != edges) {
      throw new IllegalArgumentException("inconsistent CSR segments: offsets=" + offsets.byteSize() + " neighbours="
          + neighbours.byteSize() + " types=" + types.byteSize() + " bytes for N=" + nodeCount);
    }
    return new Csr(offsets, neighbours, types, nodeCount, edges, typeCount, reverse, null, resource);
  }

  /** N, the number of nodes. */
  public int nodeCount() {
    return nodeCount;
  }

  /** E, the number of edges. */
  public long edgeCount() {
    return edgeCount;
  }

  /** T, the number of edge types. */
  public int edgeTypeCount() {
    return typeCount;
  }

  /** Whether this is the reverse CSR (rows list in-edges). */
  public boolean isReverse() {
    return reverse;
  }

  /**
   * Node {@code node}'s first edge index. O(1).
   *
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N)
   * @throws CorruptSnapshotException if its offsets are outside [0, E] or out of order
   */
  public long start(int node) {
    Objects.checkIndex(node, nodeCount);
    try {
      long s = BufferParts.get(offsetParts, node);
      long e = BufferParts.get(offsetParts, node + 1L);
      if ((s | e) < 0 || s > e || e > edgeCount) {
        throw badRange(node);
      }
      return s;
    } catch (IllegalStateException ex) {
      throw closed(ex);
    }
  }

  /** One past node {@code node}'s last edge index; checked like {@link #start}. */
  public long end(int node) {
    start(node);
    return BufferParts.get(offsetParts, node + 1L);
  }

  /** Node {@code node}'s number of edges in this direction; checked like {@link #start}. */
  public long degree(int node) {
    long s = start(node);
    return BufferParts.get(offsetParts, node + 1L) - s;
  }

  /**
   * The neighbour at edge {@code index}. O(1).
   *
   * @throws IndexOutOfBoundsException if {@code index} is outside [0, E)
   * @throws CorruptSnapshotException if the stored id is not below N
   */
  public int neighbour(long index) {
    Objects.checkIndex(index, edgeCount);
    try {
      int w = BufferParts.get(neighbourParts, index);
      if (Integer.compareUnsigned(w, nodeCount) >= 0) {
        throw badNeighbour(index, w);
      }
      return w;
    } catch (IllegalStateException ex) {
      throw closed(ex);
    }
  }

  /** The raw type byte of edge {@code index}, in [0, 256). */
  public int type(long index) {
    Objects.checkIndex(index, edgeCount);
    try {
      return BufferParts.get(typeParts, index);
    } catch (IllegalStateException ex) {
      throw closed(ex);
    }
  }

  /** The exception for node {@code node}'s offsets being out of range or order (the view's own when mapped). */
  CorruptSnapshotException badRange(int node) {
    if (view != null) {
      try {
        view.degree(node);
      } catch (CorruptSnapshotException e) {
        return e;
      } catch (ArithmeticException e) {
        // a huge but valid range: fall through to the generic message
      }
    }
    return new CorruptSnapshotException(resource, reverse ? "reverse offsets" : "forward offsets", -1,
        "edges of node " + node + " outside [0, " + edgeCount + "] or out of order");
  }

  /** The exception for edge {@code index} holding {@code id}, not a node id. */
  CorruptSnapshotException badNeighbour(long index, int id) {
    if (view != null) {
      try {
        view.neighbour(index);
      } catch (CorruptSnapshotException e) {
        return e;
      }
    }
    return new CorruptSnapshotException(resource, reverse ? "reverse neighbours" : "forward neighbours", -1,
        "neighbour of edge " + index + " out of range: actual=" + Integer.toUnsignedString(id) + " vs expected<"
            + nodeCount);
  }

  /**
   * The {@link CorruptSnapshotException} behind {@code cause}, an index exception a loop that skips per-edge
   * checks hit in rows [from, to): rescans those rows with every check and returns the first problem, or
   * {@code cause} itself if the rows are sound (then it was a bug, not damage). O(edges of the rows).
   */
  RuntimeException explain(int from, int to, IndexOutOfBoundsException cause) {
    for (int v = from; v < to; v++) {
      long s = offsets.get(LONG, (long) v << 3);
      long e = offsets.get(LONG, ((long) v << 3) + 8);
      if ((s | e) < 0 || s > e || e > edgeCount) {
        return badRange(v);
      }
      for (long j = s; j < e; j++) {
        int w = neighbours.get(INT, j << 2);
        if (Integer.compareUnsigned(w, nodeCount) >= 0) {
          return badNeighbour(j, w);
        }
      }
    }
    return cause;
  }

  /** Translates a closed arena's {@link IllegalStateException} into {@link io.graphsnap.reader.AlreadyClosedException}. */
  RuntimeException closed(IllegalStateException e) {
    return Closing.translate(e, offsets, resource);
  }

  @Override
  public String toString() {
    return "Csr[" + (reverse ? "reverse" : "forward") + ", nodes=" + nodeCount + ", edges=" + edgeCount + ", "
        + resource + "]";
  }
}
