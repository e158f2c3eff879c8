package io.graphsnap.reader;

import io.graphsnap.reader.internal.BufferParts;
import io.graphsnap.reader.internal.Closing;
import io.graphsnap.reader.internal.CompactRows;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * Iterates one node's edges in one direction, without boxing or allocation: {@link #next()} returns the
 * next neighbour id, or {@link #END} (-1) when there is none, and {@link #type()} the type id of the edge
 * just returned. Edges come in (type id, neighbour id) order. A cursor is reusable: {@link #reset(int)} and
 * {@link #reset(int, int)} reposition it, so a traversal needs one cursor per direction.
 *
 * <pre>{@code
 * EdgeCursor c = snapshot.forward().cursor();
 * for (int v = 0; v < n; v++) {
 *   for (int w = c.reset(v).next(); w >= 0; w = c.next()) { ... }
 * }
 * }</pre>
 *
 * <p>Checks, all cheap: positioning checks {@code 0 <= Offsets[v] <= Offsets[v+1] <= E} (two compares) and,
 * for a typed cursor, finds the type's sub-range by binary search over the type bytes; {@link #next()}
 * checks the neighbour id is below N (one unsigned compare) and, for a typed cursor, that the edge has the
 * requested type. Any failure is a {@link io.graphsnap.format.snapshot.CorruptSnapshotException} naming the
 * section and byte offset.
 *
 * <p>Over the compact adjacency ({@link CsrView#isCompact()}), positioning decodes the node's row into the
 * cursor's arrays, checking every value (O(stride + degree); the arrays grow to the largest degree seen), and
 * {@link #next()} reads them.
 *
 * <p>Not thread-safe (it has a position): use one cursor per thread. It reads the snapshot's mapped memory:
 * after {@link GraphSnapshot#close()} every method that reads throws {@link AlreadyClosedException}.
 */
public final class EdgeCursor {
  /** What {@link #next()} returns when the edges are exhausted. */
  public static final int END = -1;
  private static final int ALL_TYPES = -1;

  private final CsrView csr;
  private final MemorySegment offsets;
  private final LongBuffer[] offsetParts;
  private final IntBuffer[] neighbourParts;
  private final ByteBuffer[] typeParts;
  /** The single part of each section when it has one (every section below 2^27 elements), else null. */
  private final LongBuffer offsets0;
  private final IntBuffer neighbours0;
  private final ByteBuffer types0;
  private final int nodeCount;
  private final int typeCount;
  private int node = -1;
  private int fixedType = ALL_TYPES;
  private long start;
  private long position;
  private long end;
  /** For a compact view: its rows and the decoded row (edge i of the row at ids[i - row.firstEdge]), else null. */
  private final CompactRows compact;
  private final CompactRows.Row row;
  /** Whether {@link #row}'s edges are decoded (false after an untyped reset until the first {@link #next()}). */
  private boolean decoded;

  EdgeCursor(CsrView csr) {
    this.csr = csr;
    this.nodeCount = csr.nodeCount();
    this.typeCount = csr.edgeTypeCount();
    this.compact = csr.compactRows();
    if (compact != null) {
      this.row = new CompactRows.Row();
      this.offsets = compact.rows().bytes();
      this.offsetParts = null;
      this.neighbourParts = null;
      this.typeParts = null;
      this.offsets0 = null;
      this.neighbours0 = null;
      this.types0 = null;
      return;
    }
    this.row = null;
    this.offsets = csr.offsets();
    this.offsetParts = csr.offsetParts();
    this.neighbourParts = csr.neighbourParts();
    this.typeParts = csr.typeParts();
    this.offsets0 = offsetParts.length == 1 ? offsetParts[0] : null;
    this.neighbours0 = neighbourParts.length == 1 ? neighbourParts[0] : null;
    this.types0 = typeParts.length == 1 ? typeParts[0] : null;
  }

  /**
   * Decodes node's compact row (checked) and positions the cursor on it: O(1) to find the row after the previous
   * node's (a scan in node order), O(stride) otherwise, plus O(degree) to decode it. Positions are relative to the
   * row ([0, degree)); {@link #position()} adds the row's first edge index, computed only when asked.
   */
  private void resetCompact(int node, int typeId) {
    if (row.node >= 0 && node == row.node + 1) {
      compact.advance(row);
    } else if (node != row.node) {
      compact.find(node, row);
    }
    if (typeId == ALL_TYPES) {
      decoded = false; // decoded at the first next(): a degree (size()) needs no decoding
      set(node, ALL_TYPES, 0, row.degree);
      return;
    }
    compact.decode(row);
    decoded = true;
    int from = 0;
    while (from < row.degree && (row.types[from] & 0xFF) < typeId) {
      from++;
    }
    int to = from;
    while (to < row.degree && (row.types[to] & 0xFF) == typeId) {
      to++;
    }
    set(node, typeId, from, to);
  }

  /**
   * Positions the cursor on all edges of {@code node}. O(1).
   *
   * @return this cursor
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N)
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the node's offsets are out of order or
   *     outside [0, E]
   */
  public EdgeCursor reset(int node) {
    Objects.checkIndex(node, nodeCount);
    try {
      if (compact != null) {
        resetCompact(node, ALL_TYPES);
        return this;
      }
      long s = offsetAt(node);
      long e = offsetAt(node + 1L);
      csr.checkRange(node, s, e);
      set(node, ALL_TYPES, s, e);
      return this;
    } catch (IllegalStateException ex) {
      throw Closing.translate(ex, offsets, csr.resource());
    }
  }

  /**
   * Positions the cursor on the edges of {@code node} with type {@code typeId}. O(log degree).
   *
   * @return this cursor
   * @throws IndexOutOfBoundsException if {@code node} is outside [0, N) or {@code typeId} outside [0, T)
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the node's offsets are out of order or
   *     outside [0, E]
   */
  public EdgeCursor reset(int node, int typeId) {
    Objects.checkIndex(node, nodeCount);
    Objects.checkIndex(typeId, typeCount);
    try {
      if (compact != null) {
        resetCompact(node, typeId);
        return this;
      }
      long s = offsetAt(node);
      long e = offsetAt(node + 1L);
      csr.checkRange(node, s, e);
      long from = firstTypeAtLeast(s, e, typeId);
      long to = firstTypeAtLeast(from, e, typeId + 1);
      set(node, typeId, from, to);
      return this;
    } catch (IllegalStateException ex) {
      throw Closing.translate(ex, offsets, csr.resource());
    }
  }

  /**
   * The next neighbour id, in [0, N), or {@link #END} when there is none. O(1), allocation-free.
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the stored id is not below N, or the
   *     edge does not have the cursor's type
   */
  public int next() {
    long p = position;
    if (p >= end) {
      return END;
    }
    if (row != null) { // compact: the row decoded (and checked) once, at the first next() after a reset
      if (!decoded) {
        decodeRow();
      }
      position = p + 1;
      return row.ids[(int) p];
    }
    try {
      int id = neighbourAt(p);
      if (Integer.compareUnsigned(id, nodeCount) >= 0) {
        throw csr.badNeighbour(p, id);
      }
      if (fixedType != ALL_TYPES) {
        int t = typeAt(p);
        if (t != fixedType) {
          throw csr.unsortedTypes(node, p, t, fixedType);
        }
      }
      position = p + 1;
      return id;
    } catch (IllegalStateException ex) {
      throw Closing.translate(ex, offsets, csr.resource());
    }
  }

  /**
   * Copies the next edges' neighbour ids into {@code ids} (and their type ids into {@code types}, unless it is null),
   * from index 0, as many as remain and fit, and moves past them; returns how many, 0 when none remain. The bulk form
   * of {@link #next()} and {@link #type()} for whole-graph loops: over the compact adjacency one array copy of the
   * decoded row; over the fixed layout edge by edge, with {@link #next()}'s checks. O(count).
   *
   * @throws IllegalArgumentException if {@code types} is shorter than {@code ids}
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException as {@link #next()} and {@link #type()}
   */
  public int next(int[] ids, byte[] types) {
    if (types != null && types.length < ids.length) {
      throw new IllegalArgumentException("types holds " + types.length + " entries, ids " + ids.length);
    }
    int count = (int) Math.min(ids.length, end - position);
    if (count <= 0) {
      return 0;
    }
    if (row != null) {
      if (!decoded) {
        decodeRow();
      }
      int from = (int) position;
      System.arraycopy(row.ids, from, ids, 0, count);
      if (types != null) {
        System.arraycopy(row.types, from, types, 0, count);
      }
      position += count;
      return count;
    }
    for (int i = 0; i < count; i++) {
      ids[i] = next();
      if (types != null) {
        types[i] = (byte) type();
      }
    }
    return count;
  }

  /**
   * The type id of the edge last returned by {@link #next()}, in [0, T); -1 if {@code next()} has not
   * returned an edge since the last reset.
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the stored type id is not below T
   */
  public int type() {
    if (fixedType != ALL_TYPES) {
      return position > start ? fixedType : -1;
    }
    long p = position - 1;
    if (p < start) {
      return -1;
    }
    if (row != null) {
      return row.types[(int) p] & 0xFF;
    }
    try {
      int t = typeAt(p);
      if (t >= typeCount) {
        throw csr.badType(p, t);
      }
      return t;
    } catch (IllegalStateException ex) {
      throw Closing.translate(ex, offsets, csr.resource());
    }
  }

  /** The node whose edges this cursor walks, or -1 before the first reset. */
  public int node() {
    return node;
  }

  /** The edges not yet returned. */
  public long remaining() {
    return end - position;
  }

  /** The number of edges since the last reset (returned and not). */
  public long size() {
    return end - start;
  }

  private void decodeRow() {
    try {
      compact.decode(row);
      decoded = true;
    } catch (IllegalStateException ex) {
      throw Closing.translate(ex, offsets, csr.resource());
    }
  }

  /**
   * The index in the CSR of the next edge (for {@link CsrView#neighbour} and {@link CsrView#type}). O(1); over the
   * compact adjacency O(stride) the first time after a reset that did not follow the previous node.
   */
  public long position() {
    if (row != null && node >= 0) {
      try {
        return compact.firstEdge(row) + position;
      } catch (IllegalStateException ex) {
        throw Closing.translate(ex, offsets, csr.resource());
      }
    }
    return position;
  }

  private void set(int node, int type, long from, long to) {
    this.node = node;
    this.fixedType = type;
    this.start = from;
    this.position = from;
    this.end = to;
  }

  private long firstTypeAtLeast(long from, long to, int type) {
    long lo = from;
    long hi = to;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (typeAt(mid) < type) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private long offsetAt(long i) {
    return offsets0 != null ? offsets0.get((int) i) : BufferParts.get(offsetParts, i);
  }

  private int neighbourAt(long i) {
    return neighbours0 != null ? neighbours0.get((int) i) : BufferParts.get(neighbourParts, i);
  }

  private int typeAt(long i) {
    return types0 != null ? types0.get((int) i) & 0xFF : BufferParts.get(typeParts, i);
  }
}
