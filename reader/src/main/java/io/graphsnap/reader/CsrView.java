package io.graphsnap.reader;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.reader.internal.BufferParts;
import io.graphsnap.reader.internal.Closing;
import io.graphsnap.reader.internal.CompactRows;
import io.graphsnap.reader.internal.Section;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * One direction of the snapshot's compressed sparse rows, read in place: the forward CSR (out-edges:
 * FORWARD_OFFSETS, FORWARD_TARGETS, FORWARD_TYPES) or the reverse CSR (in-edges: REVERSE_OFFSETS,
 * REVERSE_SOURCES, REVERSE_TYPES).
 *
 * <p>The byte grammar (offsets, neighbours, types) is {@link io.graphsnap.format.snapshot.CsrFormat}'s.
 *
 * <p>This is the low-level entry point for whole-graph algorithms: index with {@code long}, read
 * {@link #offset}, {@link #neighbour} and {@link #type}. Each of those checks the value it returns with one
 * unsigned compare ({@code offset <= E}, {@code neighbour < N}, {@code type < T}) and throws
 * {@link CorruptSnapshotException} (naming the section and byte offset) otherwise, so a structurally corrupt
 * file can never make a loop read out of bounds or see an id out of range. Arguments out of range are caller
 * errors and throw {@link IndexOutOfBoundsException}. For sequential access per node, {@link #cursor()} gives
 * a reusable {@link EdgeCursor}.
 *
 * <p>Immutable and thread-safe. The memory belongs to the {@link GraphSnapshot} that made this view: the raw
 * segments ({@link #offsets()}, {@link #neighbours()}, {@link #types()}) and every method become invalid
 * when it is closed (methods then throw {@link AlreadyClosedException}; raw segment reads throw
 * {@link IllegalStateException}).
 */
public final class CsrView {
  private final String resource;
  private final boolean reverse;
  private final Section offsetsSection;
  private final Section neighboursSection;
  private final Section typesSection;
  private final MemorySegment offsets;
  private final MemorySegment neighbours;
  private final MemorySegment types;
  /** The three segments as buffer views: what the per-element reads use (see {@link BufferParts} for why). */
  private final LongBuffer[] offsetParts;
  private final IntBuffer[] neighbourParts;
  private final ByteBuffer[] typeParts;
  private final int nodeCount;
  private final long edgeCount;
  private final int typeCount;
  /** The compact adjacency this view reads, or null for the fixed layout. */
  private final CompactRows compact;

  private CsrView(String resource, boolean reverse, Section offsets, Section neighbours, Section types,
      int nodeCount, long edgeCount, int typeCount) {
    this.compact = null;
    this.resource = resource;
    this.reverse = reverse;
    this.offsetsSection = offsets;
    this.neighboursSection = neighbours;
    this.typesSection = types;
    this.offsets = offsets.bytes();
    this.neighbours = neighbours.bytes();
    this.types = types.bytes();
    this.offsetParts = BufferParts.longs(this.offsets);
    this.neighbourParts = BufferParts.ints(this.neighbours);
    this.typeParts = BufferParts.bytes(this.types);
    this.nodeCount = nodeCount;
    this.edgeCount = edgeCount;
    this.typeCount = typeCount;
  }

  private CsrView(String resource, boolean reverse, CompactRows compact, int nodeCount, int typeCount) {
    this.compact = compact;
    this.resource = resource;
    this.reverse = reverse;
    this.offsetsSection = compact.index();
    this.neighboursSection = compact.rows();
    this.typesSection = compact.rows();
    this.offsets = null;
    this.neighbours = null;
    this.types = null;
    this.offsetParts = null;
    this.neighbourParts = null;
    this.typeParts = null;
    this.nodeCount = nodeCount;
    this.edgeCount = compact.edgeCount();
    this.typeCount = typeCount;
  }

  /**
   * A view over one direction of the compact adjacency ({@link io.graphsnap.format.snapshot.CompactCsrFormat}):
   * checks the index's header and end entries (O(1)); E is read from the index when {@code expectedEdges} is
   * negative.
   */
  static CsrView openCompact(String resource, boolean reverse, Section index, Section rows, int nodeCount,
      long expectedEdges, int typeCount, io.graphsnap.format.snapshot.CompactCsrFormat.RowCoding coding) {
    return new CsrView(resource, reverse, CompactRows.open(index, rows, nodeCount, expectedEdges, typeCount, coding),
        nodeCount, typeCount);
  }

  /**
   * {@code true} if this view reads the compact adjacency (gap-coded rows): then the per-node methods, cursors and
   * {@link #neighbour}/{@link #type} work (the last two in O(log N + stride + degree), not O(1)), and the raw
   * fixed-width accessors ({@link #offsets()}, {@link #offsetParts()} and the like) throw
   * {@link UnsupportedOperationException}: whole-graph loops read {@link #decodeFixed()} instead, or cursors.
   */
  public boolean isCompact() {
    return compact != null;
  }

  /** The compact rows behind this view, or null for the fixed layout. */
  CompactRows compactRows() {
    return compact;
  }

  /**
   * This direction in the fixed layout: this view itself if it is fixed, else a copy decoded into memory of an
   * automatic arena, every row checked as a cursor checks it: O(N + E) time and 8(N + 1) + 5E bytes off-heap the
   * first time, then the same copy (kept while this view is reachable, i.e. while the snapshot is open), so a server
   * answering many analyses decodes once. The whole-graph analyses of {@code io.graphsnap.reader.analysis} read
   * compact snapshots through it. Thread-safe.
   */
  public CsrView decodeFixed() {
    if (compact == null) {
      return this;
    }
    CsrView done = decoded;
    if (done == null) {
      synchronized (this) {
        done = decoded;
        if (done == null) {
          done = decode();
          decoded = done;
        }
      }
    }
    return done;
  }

  /**
   * Whether {@link #decodeFixed()} has made its decoded copy of this compact direction (8N + 5E bytes off-heap, held
   * while the snapshot is open); false for a fixed view, which is never copied.
   */
  public boolean holdsDecodedCopy() {
    return decoded != null;
  }

  /**
   * The bytes {@link #decodeFixed()}'s copy of this direction takes (or would take): the fixed layout's Offsets,
   * neighbour ids and type ids, {@code 8(N + 1) + 5E}. O(1).
   */
  public long decodedCopyBytes() {
    return CsrFormat.offsetsBytes(nodeCount) + CsrFormat.neighboursBytes(edgeCount) + CsrFormat.typesBytes(edgeCount);
  }

  /** The memo of {@link #decodeFixed()}. */
  private volatile CsrView decoded;

  private CsrView decode() {
    try {
      java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofAuto();
      MemorySegment off = arena.allocate(CsrFormat.offsetsBytes(nodeCount), CsrFormat.OFFSET_BYTES);
      MemorySegment nb = arena.allocate(Math.max(1, CsrFormat.neighboursBytes(edgeCount)), CsrFormat.NEIGHBOUR_BYTES)
          .asSlice(0, CsrFormat.neighboursBytes(edgeCount));
      MemorySegment ty = arena.allocate(Math.max(1, CsrFormat.typesBytes(edgeCount)), 1)
          .asSlice(0, CsrFormat.typesBytes(edgeCount));
      CompactRows.Row row = new CompactRows.Row();
      long at = 0;
      for (int v = 0; v < nodeCount; v++) {
        off.set(io.graphsnap.format.snapshot.LittleEndian.LONG, CsrFormat.offsetAt(v), at);
        compact.decode(compact.locate(v, row));
        MemorySegment.copy(row.ids, 0, nb, io.graphsnap.format.snapshot.LittleEndian.INT, CsrFormat.neighbourAt(at),
            row.degree);
        MemorySegment.copy(row.types, 0, ty, io.graphsnap.format.snapshot.LittleEndian.BYTE, CsrFormat.typeAt(at),
            row.degree);
        at += row.degree;
      }
      off.set(io.graphsnap.format.snapshot.LittleEndian.LONG, CsrFormat.offsetAt(nodeCount), at);
      return open(resource + " (decoded)", reverse, new Section(resource, offsetsSection.name() + " (decoded)", off, 0),
          new Section(resource, neighboursSection.name() + " (decoded)", nb, 0),
          new Section(resource, typesSection.name() + " (decoded)", ty, 0), nodeCount, edgeCount, typeCount);
    } catch (IllegalStateException e) {
      throw Closing.translate(e, neighboursSection.bytes(), resource);
    }
  }

  private UnsupportedOperationException noFixed(String what) {
    return new UnsupportedOperationException(what + " of a compact adjacency: it has no fixed-width sections; read it"
        + " with cursors or decodeFixed()");
  }

  private MemorySegment bytesForErrors() {
    return compact != null ? compact.rows().bytes() : offsets;
  }

  /**
   * Checks the three sections' lengths against N and E, {@code Offsets[0] = 0} and {@code Offsets[N] = E}
   * (O(1)) and returns the view. E is read from {@code Offsets[N]} when {@code expectedEdges} is negative.
   */
  static CsrView open(String resource, boolean reverse, Section offsets, Section neighbours, Section types,
      int nodeCount, long expectedEdges, int typeCount) {
    offsets.requireLength(CsrFormat.offsetsBytes(nodeCount), (nodeCount + 1L) + " offsets of " + CsrFormat.OFFSET_BYTES
        + " bytes");
    MemorySegment o = offsets.bytes();
    long first = CsrFormat.offset(o, 0);
    if (first != 0) {
      throw offsets.corrupt(0, "Offsets[0] is not zero: actual=" + first + " vs expected=0");
    }
    long last = CsrFormat.offset(o, nodeCount);
    long edges = expectedEdges < 0 ? last : expectedEdges;
    if (last < 0 || last != edges) {
      throw offsets.corrupt(CsrFormat.offsetAt(nodeCount), "Offsets[N] is not the edge count: actual=" + last + " vs expected="
          + (expectedEdges < 0 ? ">=0" : Long.toString(edges)));
    }
    if (edges > Long.MAX_VALUE / 4) {
      throw offsets.corrupt(CsrFormat.offsetAt(nodeCount), "edge count too large: actual=" + edges);
    }
    neighbours.requireLength(CsrFormat.neighboursBytes(edges), edges + " edges of " + CsrFormat.NEIGHBOUR_BYTES
        + " bytes");
    types.requireLength(CsrFormat.typesBytes(edges), edges + " edges of " + CsrFormat.TYPE_BYTES + " byte");
    return new CsrView(resource, reverse, offsets, neighbours, types, nodeCount, edges, typeCount);
  }

  /**
   * A view over CSR segments the caller built (the analysis package's heap graphs,
   * {@code CsrGraph.fromEdges}), checked as {@link #open} checks a snapshot's; errors name {@code resource}.
   *
   * @throws IllegalArgumentException if a segment's length, {@code Offsets[0]} or {@code Offsets[N]} does not match
   */
  public static CsrView wrap(MemorySegment offsets, MemorySegment neighbours, MemorySegment types, int nodeCount,
      int typeCount, boolean reverse, String resource) {
    String direction = reverse ? "reverse" : "forward";
    try {
      return open(resource, reverse, new Section(resource, direction + " offsets", offsets, 0),
          new Section(resource, direction + " neighbours", neighbours, 0),
          new Section(resource, direction + " types", types, 0), nodeCount, -1, typeCount);
    } catch (CorruptSnapshotException e) {
      throw new IllegalArgumentException("inconsistent CSR segments: " + e.getMessage(), e);
    }
  }

  /** {@code true} for the reverse CSR (in-edges), {@code false} for the forward CSR (out-edges). */
  public boolean isReverse() {
    return reverse;
  }

  /** N, the number of nodes (rows). */
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

  /**
   * {@code Offsets[node]}: node's first edge index; {@code offset(node + 1)} is one past its last. O(1).
   *
   * @param node in [0, N] (N gives E)
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N]
   * @throws CorruptSnapshotException if the stored offset is outside [0, E]
   */
  public long offset(int node) {
    Objects.checkIndex(node, nodeCount + 1L);
    if (compact != null) {
      try {
        return compact.firstEdge(node, new CompactRows.Row());
      } catch (IllegalStateException e) {
        throw closed(e);
      }
    }
    try {
      long value = BufferParts.get(offsetParts, node);
      if (Long.compareUnsigned(value, edgeCount) > 0) {
        throw offsetsSection.corrupt(CsrFormat.offsetAt(node), "Offsets[" + node + "] out of range: actual=" + value
            + " vs expected in [0, " + edgeCount + "]");
      }
      return value;
    } catch (IllegalStateException e) {
      throw Closing.translate(e, offsets, resource);
    }
  }

  /**
   * The neighbour id of edge {@code index} (a target for the forward CSR, a source for the reverse). O(1).
   *
   * @param index in [0, E)
   * @throws IndexOutOfBoundsException if {@code index} is outside [0, E)
   * @throws CorruptSnapshotException if the stored id is outside [0, N)
   */
  public int neighbour(long index) {
    Objects.checkIndex(index, edgeCount);
    if (compact != null) {
      CompactRows.Row row = compactEdge(index);
      return row.ids[(int) (index - row.firstEdge)];
    }
    try {
      int id = BufferParts.get(neighbourParts, index);
      if (Integer.compareUnsigned(id, nodeCount) >= 0) {
        throw badNeighbour(index, id);
      }
      return id;
    } catch (IllegalStateException e) {
      throw Closing.translate(e, neighbours, resource);
    }
  }

  /**
   * The type id of edge {@code index}. O(1).
   *
   * @param index in [0, E)
   * @throws IndexOutOfBoundsException if {@code index} is outside [0, E)
   * @throws CorruptSnapshotException if the stored type id is not below T
   */
  public int type(long index) {
    Objects.checkIndex(index, edgeCount);
    if (compact != null) {
      CompactRows.Row row = compactEdge(index);
      return row.types[(int) (index - row.firstEdge)] & 0xFF;
    }
    try {
      int type = BufferParts.get(typeParts, index);
      if (type >= typeCount) {
        throw badType(index, type);
      }
      return type;
    } catch (IllegalStateException e) {
      throw Closing.translate(e, types, resource);
    }
  }

  /**
   * The number of edges of {@code node} in this direction (out-degree forward, in-degree reverse). O(1).
   *
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N)
   * @throws CorruptSnapshotException if the node's offsets are not ordered within [0, E]
   * @throws ArithmeticException if the degree exceeds {@link Integer#MAX_VALUE} (use {@code cursor(node).size()})
   */
  public int degree(int node) {
    if (compact != null) {
      Objects.checkIndex(node, nodeCount);
      try {
        return compact.locate(node, new CompactRows.Row()).degree;
      } catch (IllegalStateException e) {
        throw closed(e);
      }
    }
    long start = start(node);
    return Math.toIntExact(BufferParts.get(offsetParts, node + 1L) - start);
  }

  /**
   * Node {@code node}'s first edge index, its range checked ({@code Offsets[node] <= Offsets[node+1] <= E}). O(1).
   *
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N)
   * @throws CorruptSnapshotException if its offsets are outside [0, E] or out of order
   */
  public long start(int node) {
    Objects.checkIndex(node, nodeCount);
    if (compact != null) {
      return offset(node);
    }
    try {
      long start = BufferParts.get(offsetParts, node);
      long end = BufferParts.get(offsetParts, node + 1L);
      checkRange(node, start, end);
      return start;
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** One past node {@code node}'s last edge index; checked like {@link #start}. */
  public long end(int node) {
    if (compact != null) {
      Objects.checkIndex(node, nodeCount);
      CompactRows.Row row = locateCompact(node);
      return row.firstEdge + row.degree;
    }
    start(node);
    return BufferParts.get(offsetParts, node + 1L);
  }

  /** A new cursor positioned on no edges; position it with {@link EdgeCursor#reset(int)}. */
  public EdgeCursor cursor() {
    return new EdgeCursor(this);
  }

  /** A new cursor over all edges of {@code node}; see {@link EdgeCursor#reset(int)}. */
  public EdgeCursor cursor(int node) {
    return new EdgeCursor(this).reset(node);
  }

  /** A new cursor over the edges of {@code node} of type {@code typeId}; see {@link EdgeCursor#reset(int, int)}. */
  public EdgeCursor cursor(int node, int typeId) {
    return new EdgeCursor(this).reset(node, typeId);
  }

  /** The raw Offsets ({@code UInt64LE^(N+1)}), owned by the snapshot and invalid after it is closed. */
  public MemorySegment offsets() {
    if (compact != null) {
      throw noFixed("Offsets");
    }
    return offsets;
  }

  /** The raw neighbour ids ({@code Int32LE^E}), owned by the snapshot and invalid after it is closed. */
  public MemorySegment neighbours() {
    if (compact != null) {
      throw noFixed("neighbour ids");
    }
    return neighbours;
  }

  /** The raw type ids ({@code UInt8^E}), owned by the snapshot and invalid after it is closed. */
  public MemorySegment types() {
    if (compact != null) {
      throw noFixed("type ids");
    }
    return types;
  }

  /**
   * Offsets as little-endian long buffers of 2<sup>27</sup> elements each ({@link BufferParts}): the random-access
   * view the whole-graph loops of {@code io.graphsnap.reader.analysis} read, unchecked (they check each value as
   * {@link #offset} would, and report through {@link #badRange}). Shared arrays: do not modify them.
   */
  public LongBuffer[] offsetParts() {
    if (compact != null) {
      throw noFixed("Offsets");
    }
    return offsetParts;
  }

  /** Neighbour ids as int buffers; see {@link #offsetParts()}. Shared arrays: do not modify them. */
  public IntBuffer[] neighbourParts() {
    if (compact != null) {
      throw noFixed("neighbour ids");
    }
    return neighbourParts;
  }

  /** Type ids as byte buffers (read unsigned); see {@link #offsetParts()}. Shared arrays: do not modify them. */
  public ByteBuffer[] typeParts() {
    if (compact != null) {
      throw noFixed("type ids");
    }
    return typeParts;
  }

  /** The exception for node {@code node}'s offsets being out of range or out of order, naming the section and offset. */
  public CorruptSnapshotException badRange(int node) {
    if (compact != null) {
      throw noFixed("offsets");
    }
    long start = BufferParts.get(offsetParts, node);
    long end = BufferParts.get(offsetParts, node + 1L);
    return offsetsSection.corrupt(CsrFormat.offsetAt(node), "edges of node " + node + " span [" + start + ", " + end
        + ") outside [0, " + edgeCount + "] or backwards (Offsets not monotonic)");
  }

  /** The exception for this direction's rows holding {@code counted} edges in all, not the E it declares. */
  public CorruptSnapshotException badEdgeCount(long counted) {
    return neighboursSection.corrupt(0, "rows hold " + counted + " edges in all: actual=" + counted + " vs expected="
        + edgeCount);
  }

  /** The exception for edge {@code index} holding {@code id}, not a node id. */
  public CorruptSnapshotException badNeighbour(long index, int id) {
    return neighboursSection.corrupt(CsrFormat.neighbourAt(index), "neighbour of edge " + index
        + " out of range: actual=" + Integer.toUnsignedString(id) + " vs expected<" + nodeCount);
  }

  /**
   * The {@link CorruptSnapshotException} behind {@code cause}, an index exception that a loop skipping per-edge
   * checks hit in rows [from, to): rescans those rows with every check and returns the first problem, or
   * {@code cause} itself if the rows are sound (then it was a bug, not damage). O(edges of the rows).
   */
  public RuntimeException explain(int from, int to, IndexOutOfBoundsException cause) {
    if (compact != null) {
      CompactRows.Row row = new CompactRows.Row();
      for (int v = from; v < to; v++) {
        compact.decode(compact.locate(v, row));
      }
      return cause;
    }
    for (int v = from; v < to; v++) {
      long s = BufferParts.get(offsetParts, v);
      long e = BufferParts.get(offsetParts, v + 1L);
      if ((s | e) < 0 || s > e || e > edgeCount) {
        return badRange(v);
      }
      for (long j = s; j < e; j++) {
        int w = BufferParts.get(neighbourParts, j);
        if (Integer.compareUnsigned(w, nodeCount) >= 0) {
          return badNeighbour(j, w);
        }
      }
    }
    return cause;
  }

  /** Translates a closed arena's {@link IllegalStateException} into {@link AlreadyClosedException}. */
  public RuntimeException closed(IllegalStateException e) {
    return Closing.translate(e, bytesForErrors(), resource);
  }

  @Override
  public String toString() {
    return "CsrView[" + (reverse ? "reverse" : "forward") + (compact != null ? ", compact" : "") + ", nodes=" + nodeCount + ", edges=" + edgeCount
        + ", resource=" + resource + "]";
  }

  String resource() {
    return resource;
  }

  /** Node {@code node}'s row located (not decoded) in the compact rows. */
  CompactRows.Row locateCompact(int node) {
    try {
      return compact.locate(node, new CompactRows.Row());
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The decoded row holding edge {@code index} of the compact rows. */
  private CompactRows.Row compactEdge(long index) {
    try {
      CompactRows.Row row = new CompactRows.Row();
      int v = compact.nodeOfEdge(index, row);
      return compact.decode(compact.locate(v, row));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  void checkRange(int node, long start, long end) {
    if (start < 0 || start > end || end > edgeCount) {
      throw offsetsSection.corrupt(CsrFormat.offsetAt(node), "edges of node " + node + " span [" + start + ", " + end
          + ") outside [0, " + edgeCount + "] or backwards (Offsets not monotonic)");
    }
  }

  CorruptSnapshotException badType(long index, int type) {
    return typesSection.corrupt(CsrFormat.typeAt(index), "type of edge " + index + " out of range: actual=" + type + " vs expected<"
        + typeCount);
  }

  CorruptSnapshotException unsortedEdges(int node, long index) {
    return neighboursSection.corrupt(CsrFormat.neighbourAt(index), "edges of node " + node + " are not strictly increasing by (type,"
        + " neighbour) at edge " + index);
  }

  CorruptSnapshotException unsortedTypes(int node, long index, int type, int expected) {
    return typesSection.corrupt(CsrFormat.typeAt(index), "edges of node " + node + " are not sorted by type: actual=" + type
        + " vs expected=" + expected + " at edge " + index);
  }
}
