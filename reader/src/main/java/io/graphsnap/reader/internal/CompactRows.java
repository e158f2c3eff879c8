package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.RiceCode;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One direction of the compact adjacency ({@link CompactCsrFormat}), read in place: finds a node's row from the
 * sparse index and decodes it, checking every value it uses. Open checks (O(1)): the index's length for N and
 * its Stride, Zero, the first entry (0, 0) and the last (length of Rows, E, with E at most one edge a byte of Rows for
 * VarUInt rows and eight for Rice-coded ones). Everything else is checked as it is read: entries within the section
 * and ordered, each skipped row inside its block, each row's varints (at most 5 bytes, inside the row), Degree at most
 * the row's bytes (VarUInt rows) or 8 × its bytes after Degree (Rice rows: an edge takes at least one bit; so a row's
 * decode allocates at most about 40 bytes a byte of the row), types strictly
 * increasing below T, counts summing to the degree, neighbours strictly increasing within [0, N), the row ending
 * exactly at its RowBytes; a failure is a {@link CorruptSnapshotException} naming the section and offset. Rows of
 * any {@link CompactCsrFormat.RowCoding}: VarUInt groups (format versions 5 to 7), Rice-coded bits (8 and 9; each
 * code read from one 8-byte load, its quotient by a count of trailing zeros) or Rice-coded bits with Degree and
 * counts in the stream and 10-byte index entries (10 on).
 *
 * <p>Immutable and thread-safe; decoding goes through a caller-owned {@link Row}. Reads the snapshot's mapping
 * through byte buffers ({@link BufferParts}) and becomes invalid when it is closed.
 */
public final class CompactRows {
  private final Section index;
  private final Section rows;
  private final ByteBuffer[] parts;
  /** The single part of Rows when it has one (below 2^27 bytes), else null. */
  private final ByteBuffer rows0;
  /** The index's entries as longs (16-byte entries, versions 5 to 9), else null. */
  private final java.nio.LongBuffer[] entries;
  /** The index's bytes (10-byte entries, version 10 on), else null. */
  private final ByteBuffer[] narrowEntries;
  private final int stride;
  /** log2(stride) if the stride is a power of two (the builder's is), else -1. */
  private final int strideShift;
  private final int nodeCount;
  private final long edgeCount;
  private final int typeCount;
  private final long rowsLength;
  private final long blockCount;
  private final CompactCsrFormat.RowCoding coding;

  private CompactRows(Section index, Section rows, int stride, int nodeCount, long edgeCount, int typeCount,
      CompactCsrFormat.RowCoding coding) {
    this.coding = coding;
    this.index = index;
    this.rows = rows;
    this.parts = BufferParts.bytes(rows.bytes());
    this.rows0 = parts.length == 1 ? parts[0] : null;
    boolean wide = coding.entryBytes() == CompactCsrFormat.ENTRY_BYTES;
    this.entries = wide ? BufferParts.longs(index.bytes().asSlice(CompactCsrFormat.INDEX_HEADER_BYTES)) : null;
    this.narrowEntries = wide ? null : BufferParts.bytes(index.bytes());
    this.stride = stride;
    this.strideShift = Integer.bitCount(stride) == 1 ? Integer.numberOfTrailingZeros(stride) : -1;
    this.nodeCount = nodeCount;
    this.edgeCount = edgeCount;
    this.typeCount = typeCount;
    this.rowsLength = rows.length();
    this.blockCount = CompactCsrFormat.entryCount(nodeCount, stride) - 1;
  }

  /**
   * Checks the index's header and end entries (O(1)) and returns the view of rows in {@code coding}. E is read
   * from the last entry when {@code expectedEdges} is negative.
   */
  public static CompactRows open(Section index, Section rows, int nodeCount, long expectedEdges, int typeCount,
      CompactCsrFormat.RowCoding coding) {
    if (index.length() < CompactCsrFormat.INDEX_HEADER_BYTES) {
      throw index.corrupt(0, "section too short for its header: actual=" + index.length() + " vs expected>="
          + CompactCsrFormat.INDEX_HEADER_BYTES);
    }
    int stride = CompactCsrFormat.stride(index.bytes());
    if (stride < 1 || stride > CompactCsrFormat.MAX_STRIDE) {
      throw index.corrupt(0, "Stride out of range: actual=" + Integer.toUnsignedString(stride) + " vs expected in [1, "
          + CompactCsrFormat.MAX_STRIDE + "]");
    }
    int zero = CompactCsrFormat.zero(index.bytes());
    if (zero != 0) {
      throw index.corrupt(4, "reserved field is not zero: actual=" + zero + " vs expected=0");
    }
    index.requireLength(CompactCsrFormat.indexBytes(nodeCount, stride, coding), CompactCsrFormat.entryCount(nodeCount,
        stride) + " entries of " + coding.entryBytes() + " bytes for stride " + stride);
    long last = CompactCsrFormat.entryCount(nodeCount, stride) - 1;
    if (CompactCsrFormat.rowOffset(index.bytes(), 0, coding) != 0
        || CompactCsrFormat.edgeOffset(index.bytes(), 0, coding) != 0) {
      throw index.corrupt(CompactCsrFormat.rowOffsetAt(0, coding), "first entry is not (0, 0)");
    }
    long rowsEnd = CompactCsrFormat.rowOffset(index.bytes(), last, coding);
    if (rowsEnd != rows.length()) {
      throw index.corrupt(CompactCsrFormat.rowOffsetAt(last, coding), "last RowOffset is not the length of Rows: actual="
          + rowsEnd + " vs expected=" + rows.length());
    }
    long edges = CompactCsrFormat.edgeOffset(index.bytes(), last, coding);
    long most = edgesPerByte(coding) * rows.length(); // an edge takes at least one byte (VarUInt) or one bit (Rice)
    if (edges < 0 || (expectedEdges >= 0 && edges != expectedEdges) || edges > most) {
      throw index.corrupt(CompactCsrFormat.edgeOffsetAt(last, coding), "last EdgeOffset is not the edge count: actual=" + edges
          + " vs expected=" + (expectedEdges < 0 ? "in [0, " + most + "] (the length of Rows allows no more)"
          : Long.toString(expectedEdges)));
    }
    return new CompactRows(index, rows, stride, nodeCount, edges, typeCount, coding);
  }

  /** E. */
  public long edgeCount() {
    return edgeCount;
  }

  /** The most edges a byte of rows in {@code coding} can hold: 1 for VarUInt groups, 8 for Rice-coded bits. */
  private static long edgesPerByte(CompactCsrFormat.RowCoding coding) {
    return coding.bits() ? 8 : 1;
  }

  /** How the rows' groups are coded. */
  public CompactCsrFormat.RowCoding coding() {
    return coding;
  }

  /** The index's stride. */
  public int stride() {
    return stride;
  }

  /** The rows section (for error messages and raw access). */
  public Section rows() {
    return rows;
  }

  /** The index section. */
  public Section index() {
    return index;
  }

  /**
   * A decoding position, owned by one thread: after {@link #locate} it holds the node's row (byte range, first
   * edge index, degree); after {@link #decode} its edges in {@link #ids} and {@link #types}.
   */
  public static final class Row {
    /** The node located, or -1. */
    public int node = -1;
    /** Byte offset of the row's Body in Rows. */
    public long body;
    /** Byte offset one past the row. */
    public long end;
    /** The edge index (fixed layout's) of the row's first edge; -1 when {@link #find} did not compute it. */
    public long firstEdge;
    /** Byte offset one past the row's block (the next entry's RowOffset). */
    long blockEnd;
    /** The row's degree. */
    public int degree;
    /** Decoded neighbour ids, {@code [0, degree)}. */
    public int[] ids = new int[16];
    /** Decoded type ids, {@code [0, degree)}. */
    public byte[] types = new byte[16];
    /** Scratch: the row's bytes, copied for decoding. */
    byte[] bytes = new byte[64];
    /** Bits of Body before the first group: Degree's gamma code in version 10, else 0 (Degree is a VarUInt). */
    int headBits;
    /** Sink of {@link CompactRows#touch}'s reads. */
    int touched;
  }

  private int byteAt(long p) {
    return rows0 != null ? rows0.get((int) p) & 0xFF : BufferParts.get(parts, p);
  }

  /** Field {@code field} (0: RowOffset, 1: EdgeOffset) of entry {@code b}, unchecked. */
  private long entry(long b, int field) {
    if (entries != null) {
      return BufferParts.get(entries, 2 * b + field);
    }
    long at = CompactCsrFormat.INDEX_HEADER_BYTES + CompactCsrFormat.NARROW_ENTRY_BYTES * b
        + field * (CompactCsrFormat.NARROW_ENTRY_BYTES / 2);
    ByteBuffer part = narrowEntries[(int) (at >>> BufferParts.SHIFT)];
    int q = (int) (at & BufferParts.MASK);
    if (q + 5 <= part.limit()) {
      return Integer.toUnsignedLong(part.getInt(q)) | (part.get(q + 4) & 0xFFL) << 32;
    }
    long value = 0; // the field crosses two parts
    for (int i = 0; i < 5; i++) {
      value |= (long) BufferParts.get(narrowEntries, at + i) << (8 * i);
    }
    return value;
  }

  /**
   * Reads the VarUInt at {@code p} (which must be below {@code limit}); returns {@code value << 8 | length}
   * packed in a long (value unsigned 32-bit, length 1..5).
   */
  private long varint(long p, long limit) {
    int b = byteAt(p);
    if (b < 0x80) {
      return ((long) b << 8) | 1;
    }
    long value = b & 0x7F;
    int shift = 7;
    for (int k = 1; k < CompactCsrFormat.MAX_VARINT_BYTES; k++) {
      if (p + k >= limit) {
        throw rows.corrupt(p, "varint runs past its row (ends at " + limit + ")");
      }
      b = byteAt(p + k);
      value |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        if (value > 0xFFFF_FFFFL) {
          throw rows.corrupt(p, "varint above 2^32-1: actual=" + value);
        }
        return (value << 8) | (k + 1);
      }
      shift += 7;
    }
    throw rows.corrupt(p, "varint longer than " + CompactCsrFormat.MAX_VARINT_BYTES + " bytes");
  }

  /**
   * Positions {@code row} on node {@code v}'s row: reads its block's entry and skips the rows before it, summing
   * their degrees. O(stride). Does not decode the edges.
   *
   * @throws CorruptSnapshotException if the entry or a skipped row is out of its block
   */
  public Row locate(int v, Row row) {
    long b = v / stride;
    long p = entry(b, 0);
    long edge = entry(b, 1);
    long blockEnd = entry(b + 1, 0);
    long edgeEnd = entry(b + 1, 1);
    if (p < 0 || p > blockEnd || blockEnd > rowsLength || edge < 0 || edge > edgeEnd || edgeEnd > edgeCount) {
      throw index.corrupt(CompactCsrFormat.rowOffsetAt(b, coding), "entries " + b + " and " + (b + 1) + " out of order or"
          + " outside Rows: rows [" + p + ", " + blockEnd + "), edges [" + edge + ", " + edgeEnd + ")");
    }
    for (int u = (int) (b * stride); ; u++) {
      readRow(u, p, blockEnd, row);
      if (edge + row.degree > edgeEnd) {
        throw rows.corrupt(p, "rows of block " + b + " hold more edges than its entries say: " + edgeEnd + " - "
            + edge + " < " + row.degree);
      }
      if (u == v) {
        row.firstEdge = edge;
        return row;
      }
      edge += row.degree;
      p = row.end;
    }
  }

  /**
   * Decodes the edges of the row {@link #locate} or {@link #find} found into {@code row.ids} and {@code row.types}
   * (grown as needed), checking them all. The row's bytes are copied into {@code row.bytes} first (one bulk copy,
   * then plain array reads: see the analysis package's {@code Blocks} for why element reads of a mapping are not
   * used in hot loops). O(degree + row bytes).
   *
   * @throws CorruptSnapshotException if the row is damaged, or longer than 2<sup>31</sup> &minus; 17 bytes (a limit
   *     of this reader)
   */
  public Row decode(Row row) {
    int degree = row.degree;
    long length = row.end - row.body;
    if (length > Integer.MAX_VALUE - 16) {
      throw rows.corrupt(row.body, "row of node " + row.node + " is longer than this reader decodes: " + length);
    }
    int limit = (int) length;
    if (row.ids.length < degree) {
      int size = Math.max(degree, row.ids.length * 2);
      row.ids = new int[size];
      row.types = new byte[size];
    }
    if (row.bytes.length < limit + Long.BYTES) {
      row.bytes = new byte[Math.max(limit + Long.BYTES, row.bytes.length * 2)];
    }
    if (limit == 0) { // no bytes to copy (a row without edges), and Body may start at the end of Rows
      return coding.bits() ? decodeBits(row, row.bytes, 0)
          : decodeWords(row, row.bytes, 0);
    }
    ByteBuffer part = parts[(int) (row.body >>> BufferParts.SHIFT)];
    int from = (int) (row.body & BufferParts.MASK);
    if (from + limit <= part.limit()) { // one bulk copy of the buffer, then plain array reads
      part.get(from, row.bytes, 0, limit);
    } else { // the row crosses two parts of the section
      java.lang.foreign.MemorySegment.copy(rows.bytes(), java.lang.foreign.ValueLayout.JAVA_BYTE, row.body, row.bytes, 0,
          limit);
    }
    return coding.bits() ? decodeBits(row, row.bytes, limit)
        : decodeWords(row, row.bytes, limit);
  }

  /** Bits of each byte of a VarUInt that carry its value, for 1 to 5 bytes (index: length). */
  private static final long[] VALUE_BITS = {0, 0x7FL, 0x7F7FL, 0x7F7F7FL, 0x7F7F7F7FL, 0x7F7F7F7F7FL};
  /** The high bit of each of a VarUInt's at most 5 bytes. */
  private static final long CONTINUATION_BITS = 0x80_8080_8080L;

  /** The bytes of a heap array read as little-endian longs (a var handle of its own, never given a segment). */
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * {@link #decode} of a row's Body copied to {@code in[0, end)}, with at least 8 bytes of the array after
   * {@code end} (their content does not matter): each VarUInt is read from one little-endian 8-byte load (its length
   * from the continuation bits, its value by {@link Long#compress}, one instruction where the CPU has it), with no
   * per-byte branch. Every load starts below {@code end} (checked per value, a predictable compare); a value whose
   * bytes run past {@code end} is caught after its group, before any id is returned.
   */
  private Row decodeWords(Row row, byte[] in, int end) {
    int[] ids = row.ids;
    byte[] types = row.types;
    int degree = row.degree;
    int v = row.node;
    int q = 0;
    int k = 0;
    int previousType = -1;
    while (k < degree) {
      if (q >= end) {
        throw rows.corrupt(row.body + q, "row of node " + v + " ends after " + k + " of its " + degree
            + " edges");
      }
      long w = (long) LONGS.get(in, q);
      int type = (int) w & 0xFF;
      if (type <= previousType || type >= typeCount) {
        throw rows.corrupt(row.body + q, "type of a group of node " + v + " out of order or range: actual="
            + type + " vs expected in (" + previousType + ", " + typeCount + ")");
      }
      previousType = type;
      w >>>= 8;
      int length = varintLength(w);
      if (length > CompactCsrFormat.MAX_VARINT_BYTES) {
        throw rows.corrupt(row.body + (q + 1), "varint longer than " + CompactCsrFormat.MAX_VARINT_BYTES
            + " bytes");
      }
      long count = Long.compress(w, VALUE_BITS[length]);
      q += 1 + length;
      if (count < 1 || count > degree - k || q >= end) {
        throw rows.corrupt(row.body + q, "count of a group of node " + v + " out of range or its group"
            + " past the row's end: actual=" + count + " vs expected in [1, " + (degree - k) + "]");
      }
      w = (long) LONGS.get(in, q);
      length = varintLength(w);
      if (length > CompactCsrFormat.MAX_VARINT_BYTES) {
        throw rows.corrupt(row.body + q, "varint longer than " + CompactCsrFormat.MAX_VARINT_BYTES
            + " bytes");
      }
      q += length;
      long first = Long.compress(w, VALUE_BITS[length]);
      if (first > 0xFFFF_FFFFL) {
        throw rows.corrupt(row.body + q, "varint above 2^32-1: actual=" + first);
      }
      long neighbour = v + (long) CompactCsrFormat.unzigzag((int) first);
      if (neighbour < 0) {
        throw rows.corrupt(row.body + q, "neighbour of node " + v + " out of range: actual=" + neighbour
            + " vs expected in [0, " + nodeCount + ")");
      }
      int groupStart = k;
      ids[k++] = (int) neighbour;
      int stop = (int) (k + count - 1);
      // Each gap adds at least 1, and a VarUInt of 5 bytes at most 2^35 - 1: the long cannot overflow, and one
      // compare against N after the group (ids only grow) bounds them all.
      long bad = 0; // bit 32 or above: a gap above 2^32 - 1 or longer than 5 bytes
      while (k < stop && q < end) {
        w = (long) LONGS.get(in, q);
        int stopBit = Long.numberOfTrailingZeros(~w & CONTINUATION_BITS); // 7, 15, 23, 31, 39; 64 if none
        long gap = Long.compress(w, ((1L << stopBit) - 1) & VALUE_BITS[CompactCsrFormat.MAX_VARINT_BYTES]);
        bad |= gap | ((long) stopBit << 26);
        q += (stopBit >>> 3) + 1;
        neighbour += gap + 1;
        ids[k++] = (int) neighbour;
      }
      if (k < stop || q > end) {
        throw rows.corrupt(row.body + Math.min(q, end), "row of node " + v + " ends after " + k + " of its "
            + degree + " edges");
      }
      if (bad > 0xFFFF_FFFFL) {
        throw rows.corrupt(row.body, "a gap of node " + v + " is a varint longer than "
            + CompactCsrFormat.MAX_VARINT_BYTES + " bytes or above 2^32-1");
      }
      if (neighbour >= nodeCount) {
        throw rows.corrupt(row.body + q, "neighbour of node " + v + " out of range: actual=" + neighbour
            + " vs expected in [0, " + nodeCount + ")");
      }
      Arrays.fill(types, groupStart, k, (byte) type);
    }
    if (q != end) {
      throw rows.corrupt(row.body + q, "row of node " + v + " has " + (end - q) + " bytes after its "
          + degree + " edges");
    }
    return row;
  }

  /**
   * The length of the VarUInt in the low bytes of {@code w} (1 to 5), or a value above 5 if its first five bytes
   * all have the continuation bit.
   */
  private static int varintLength(long w) {
    return (Long.numberOfTrailingZeros(~w & CONTINUATION_BITS) >>> 3) + 1;
  }

  /** Bits of a Rice code's escape: {@link RiceCode#ESCAPE} zeros and a one. */
  private static final int ESCAPE_BITS = RiceCode.ESCAPE + 1;

  /**
   * {@link #decode} of a row of Rice-coded groups ({@link CompactCsrFormat.RowCoding#RICE}, or {@link
   * CompactCsrFormat.RowCoding#BIT_HEADERS} with its Degree and counts as gamma codes) copied to
   * {@code in[0, end)}, with at least 8 bytes of the array after {@code end}: each code is read from one
   * little-endian 8-byte load at its byte, shifted by its bit offset (57 bits, the longest code), its quotient the
   * load's trailing zeros. Every load starts below {@code end} (checked per code); a group whose codes run past
   * {@code end}, a quotient above the escape, a value of 2^32 or more are caught before any id is returned, and the
   * padding after the last group must be fewer than 8 zero bits.
   */
  private Row decodeBits(Row row, byte[] in, int end) {
    int[] ids = row.ids;
    byte[] types = row.types;
    int degree = row.degree;
    int v = row.node;
    boolean headers = coding == CompactCsrFormat.RowCoding.BIT_HEADERS;
    long limit = (long) end << 3;
    long p = row.headBits; // bit position: after Degree's gamma code in version 10
    int edge = 0;
    int type = -1;
    while (edge < degree) {
      if (p >= limit) {
        throw rows.corrupt(row.body + (p >>> 3), "row of node " + v + " ends after " + edge + " of its " + degree
            + " edges");
      }
      // TypeStep: Rice(0), then the count and K (below); each read from its own load.
      long w = window(in, p);
      int z = Long.numberOfTrailingZeros(w);
      long step;
      if (z < RiceCode.ESCAPE) {
        step = z;
        p += z + 1;
      } else {
        step = escaped(w, z, row, p);
        p += RiceCode.MAX_CODE_BITS;
      }
      type += 1 + (int) Math.min(step, typeCount);
      if (type >= typeCount || p >= limit) {
        throw rows.corrupt(row.body + (Math.min(p, limit) >>> 3), "type of a group of node " + v + " out of range"
            + " or its group past the row's end: actual=" + type + " vs expected below " + typeCount);
      }
      // CountLess1 Rice(COUNT_K) (versions 8, 9), or One (the last group) or Zero and the count's gamma code (10)
      w = window(in, p);
      long count;
      if (headers && (w & 1) != 0) {
        count = degree - edge;
        p += 1;
      } else if (headers) {
        z = Long.numberOfTrailingZeros(w >>> 1);
        if (z > 31 || p + 2 * z + 2 > limit) {
          throw rows.corrupt(row.body + (p >>> 3), "count of a group of node " + v + " longer than "
              + RiceCode.MAX_GAMMA_BITS + " bits or past the row's end");
        }
        count = (1L << z) | (window(in, p + z + 2) & ((1L << z) - 1)); // its low bits from a second load
        p += 2 * z + 2;
      } else {
        z = Long.numberOfTrailingZeros(w);
        if (z < RiceCode.ESCAPE) {
          count = 1 + (((long) z << CompactCsrFormat.COUNT_K) | ((w >>> (z + 1)) & ((1 << CompactCsrFormat.COUNT_K)
              - 1)));
          p += z + 1 + CompactCsrFormat.COUNT_K;
        } else {
          count = 1 + escaped(w, z, row, p);
          p += RiceCode.MAX_CODE_BITS;
        }
      }
      if (count < 1 || count > degree - edge || p >= limit) {
        throw rows.corrupt(row.body + (Math.min(p, limit) >>> 3), "count of a group of node " + v + " out of range"
            + " or its group past the row's end: actual=" + count + " vs expected in [1, " + (degree - edge) + "]");
      }
      int riceK = (int) (window(in, p) & ((1 << RiceCode.K_BITS) - 1));
      p += RiceCode.K_BITS;
      long mask = (1L << riceK) - 1;
      int groupStart = edge;
      int stop = (int) (edge + count);
      long neighbour = 0;
      long bad = 0; // bit 32 or above (or negative): a value or neighbour of 2^32 or more, a neighbour before node 0,
      // an escape of more than ESCAPE zeros
      while (edge < stop && p < limit) {
        w = window(in, p);
        z = Long.numberOfTrailingZeros(w);
        long value;
        if (z < RiceCode.ESCAPE) {
          value = ((long) z << riceK) | ((w >>> (z + 1)) & mask);
          p += z + 1 + riceK;
        } else {
          value = (w >>> ESCAPE_BITS) & 0xFFFF_FFFFL;
          bad |= (long) (z - RiceCode.ESCAPE) << 32;
          p += RiceCode.MAX_CODE_BITS;
        }
        neighbour = edge == groupStart ? v + (long) CompactCsrFormat.unzigzag((int) value) : neighbour + value + 1;
        bad |= value | neighbour; // each step adds below 2^37: flagged at 2^32, long before the long could wrap
        ids[edge++] = (int) neighbour;
      }
      if (edge < stop || p > limit) {
        throw rows.corrupt(row.body + (Math.min(p, limit) >>> 3), "row of node " + v + " ends after "
            + Math.min(edge, stop - 1) + " of its " + degree + " edges");
      }
      if (bad > 0xFFFF_FFFFL || bad < 0) {
        throw rows.corrupt(row.body, "a value of node " + v + " is 2^32 or more, escaped with more than "
            + RiceCode.ESCAPE + " zeros, or puts its first neighbour before node 0");
      }
      if (neighbour >= nodeCount) {
        throw rows.corrupt(row.body + (p >>> 3), "neighbour of node " + v + " out of range: actual=" + neighbour
            + " vs expected in [0, " + nodeCount + ")");
      }
      Arrays.fill(types, groupStart, edge, (byte) type);
    }
    long padding = limit - p;
    if (padding >= 8 || (padding > 0 && (window(in, p) & ((1L << padding) - 1)) != 0)) {
      throw rows.corrupt(row.body + (p >>> 3), "row of node " + v + " has " + padding + " bits after its "
          + degree + " edges (expected fewer than 8, all zero)");
    }
    return row;
  }

  /** The 8 bytes of {@code in} from bit {@code p}'s byte, shifted so that bit p is bit 0 (57 or more valid bits). */
  private static long window(byte[] in, long p) {
    return (long) LONGS.get(in, (int) (p >>> 3)) >>> (p & 7);
  }

  /** The value of an escaped code in {@code w} whose quotient is {@code z}, checked. */
  private long escaped(long w, int z, Row row, long p) {
    if (z != RiceCode.ESCAPE) {
      throw rows.corrupt(row.body + (p >>> 3), "Rice code of node " + row.node + " with more than "
          + RiceCode.ESCAPE + " leading zeros");
    }
    return (w >>> ESCAPE_BITS) & 0xFFFF_FFFFL;
  }

  /**
   * Positions {@code row} on node {@code v}'s row as {@link #locate} does, but skips the rows before it by their
   * RowBytes alone, without their degrees: {@code row.firstEdge} is -1 ({@link #firstEdge(Row)} computes it). The
   * cursors' path. O(stride).
   */
  public Row find(int v, Row row) {
    long b = strideShift >= 0 ? v >>> strideShift : v / stride;
    long p = entry(b, 0);
    long blockEnd = entry(b + 1, 0);
    if (p < 0 || p > blockEnd || blockEnd > rowsLength) {
      throw index.corrupt(CompactCsrFormat.rowOffsetAt(b, coding), "entries " + b + " and " + (b + 1) + " out of order or"
          + " outside Rows: rows [" + p + ", " + blockEnd + ")");
    }
    int first = (int) (b * stride);
    row.touched = touch(p, blockEnd, v - first);
    row.firstEdge = -1;
    return readRow(v, skip(p, blockEnd, first, v), blockEnd, row);
  }

  /**
   * The start of row {@code to}, given that row {@code from} starts at {@code p} in the block ending at
   * {@code blockEnd}: each row skipped by its RowBytes (a chain of dependent reads, so the loop is kept short: int
   * positions in one buffer part, a one-byte RowBytes without a call).
   */
  private long skip(long p, long blockEnd, int from, int to) {
    if (from == to) {
      return p;
    }
    if (p >= blockEnd) { // also keeps the part's index below the number of parts
      throw rows.corrupt(p, "row of node " + from + " starts past its block's end " + blockEnd);
    }
    ByteBuffer part = parts[(int) (p >>> BufferParts.SHIFT)];
    long base = p & ~BufferParts.MASK;
    if (blockEnd - base > part.limit()) { // the block crosses two parts
      for (int u = from; u < to; u++) {
        if (p >= blockEnd) {
          throw rows.corrupt(p, "row of node " + u + " starts past its block's end " + blockEnd);
        }
        long lv = varint(p, blockEnd);
        p += (lv & 0xFF) + (lv >>> 8);
      }
      return p;
    }
    int q = (int) (p - base);
    int limit = (int) (blockEnd - base);
    for (int u = from; u < to; u++) {
      if (q >= limit) {
        throw rows.corrupt(base + q, "row of node " + u + " starts past its block's end " + blockEnd);
      }
      int length = part.get(q);
      if (length >= 0) {
        q += 1 + length;
      } else {
        long lv = varint(base + q, blockEnd);
        long next = q + (lv & 0xFF) + (lv >>> 8);
        if (next > limit) {
          throw rows.corrupt(base + q, "row of node " + u + " of " + (lv >>> 8) + " bytes runs past its block's end "
              + blockEnd);
        }
        q = (int) next;
      }
    }
    return base + q;
  }

  /** Most cache lines {@link #touch} reads ahead. */
  private static final int TOUCH_LINES = 8;

  /**
   * Reads one byte of each cache line of the block {@code [p, blockEnd)} up to where row {@code skip} of it is
   * expected to end (at most {@link #TOUCH_LINES} lines), as independent loads, so that the memory system fetches
   * them together: skipping rows is a chain of loads, each address read from the row before, which would otherwise
   * wait for one cache miss after another. Returns a value of the bytes read (kept by the caller so the loads stay).
   */
  private int touch(long p, long blockEnd, int skip) {
    long share = (blockEnd - p) * (skip + 1);
    long expected = p + (strideShift >= 0 ? share >>> strideShift : share / stride) + 64;
    long stop = Math.min(blockEnd, Math.min(expected, p + 64L * TOUCH_LINES));
    int seen = 0;
    for (long t = p + 64; t < stop; t += 64) {
      seen += byteAt(t);
    }
    return seen;
  }

  /**
   * Positions {@code row}, which holds node v's row, on node v + 1's (which must exist): O(1) within a block, where
   * the next row starts where this one ends; {@link #find} at a block's first row.
   */
  public Row advance(Row row) {
    int v = row.node + 1;
    if ((strideShift >= 0 ? v & (stride - 1) : v % stride) == 0) {
      return find(v, row);
    }
    long first = row.firstEdge < 0 ? -1 : row.firstEdge + row.degree;
    readRow(v, row.end, row.blockEnd, row);
    row.firstEdge = first;
    return row;
  }

  /** Reads the RowBytes and Degree of node {@code v}'s row at {@code p} into {@code row}, checked. */
  private Row readRow(int v, long p, long blockEnd, Row row) {
    if (p >= blockEnd) {
      throw rows.corrupt(p, "row of node " + v + " starts past its block's end " + blockEnd);
    }
    long lv = byteAt(p) < 0x80 ? ((long) byteAt(p) << 8) | 1 : varint(p, blockEnd);
    long bodyLength = lv >>> 8;
    long body = p + (lv & 0xFF);
    long end = body + bodyLength;
    if (end > blockEnd) {
      throw rows.corrupt(p, "row of node " + v + " of " + bodyLength + " bytes runs past its block's end " + blockEnd);
    }
    int degree = 0;
    int headBits = 0;
    if (bodyLength > 0 && coding == CompactCsrFormat.RowCoding.BIT_HEADERS) {
      long w = head(body, end);
      int below = Long.numberOfTrailingZeros(w); // Degree's gamma code: its bits below the top one
      long value = below > 31 ? -1 : (1L << below) | ((w >>> (below + 1)) & ((1L << below) - 1));
      headBits = 2 * below + 1;
      long most = 8 * bodyLength - headBits;
      if (value < 1 || value > most || value > Integer.MAX_VALUE) {
        throw rows.corrupt(body, "degree of node " + v + " out of range or its code longer than "
            + RiceCode.MAX_GAMMA_BITS + " bits: actual=" + value + " vs expected in [1, " + most + "] (the bits after"
            + " it)");
      }
      degree = (int) value;
    } else if (bodyLength > 0) {
      long dv = varint(body, end);
      degree = (int) (dv >>> 8);
      boolean rice = coding == CompactCsrFormat.RowCoding.RICE;
      long most = rice ? 8 * (bodyLength - (dv & 0xFF)) : bodyLength;
      if (degree < 1 || degree > most) {
        throw rows.corrupt(body, "degree of node " + v + " out of range: actual=" + Integer.toUnsignedString(degree)
            + " vs expected in [1, " + most + "] (" + (rice ? "the bits after it" : "its row's bytes") + ")");
      }
      body += dv & 0xFF;
    }
    row.headBits = headBits;
    row.node = v;
    row.body = body;
    row.end = end;
    row.degree = degree;
    row.blockEnd = blockEnd;
    return row;
  }

  /**
   * The first 8 bytes of the Body at {@code body} as a little-endian long, zeros for bytes at or past {@code end}
   * (so a code that runs past the row reads as longer than it may be).
   */
  private long head(long body, long end) {
    if (end - body >= Long.BYTES) {
      ByteBuffer part = rows0 != null ? rows0 : parts[(int) (body >>> BufferParts.SHIFT)];
      int q = (int) (rows0 != null ? body : body & BufferParts.MASK);
      if (q + Long.BYTES <= part.limit()) { // one load, unless the 8 bytes cross two parts
        return part.getLong(q);
      }
    }
    long w = 0;
    for (int i = 0; i < Long.BYTES && body + i < end; i++) {
      w |= (long) byteAt(body + i) << (8 * i);
    }
    return w;
  }

  /** The first edge index of the row {@code row} holds, computed (O(stride), checked) and kept if not known. */
  public long firstEdge(Row row) {
    if (row.firstEdge < 0) {
      row.firstEdge = locate(row.node, new Row()).firstEdge;
    }
    return row.firstEdge;
  }

  /** The edge index of node {@code v}'s first edge; E for v = N. O(stride). */
  public long firstEdge(int v, Row scratch) {
    return v == nodeCount ? edgeCount : locate(v, scratch).firstEdge;
  }

  /**
   * The node whose row holds edge {@code index} (in [0, E)): a binary search over the index's entries, then a walk
   * of one block. O(log(N / stride) + stride).
   */
  public int nodeOfEdge(long index, Row scratch) {
    long lo = 0;
    long hi = blockCount - 1;
    while (lo < hi) { // the last block whose first edge is <= index
      long mid = (lo + hi + 1) >>> 1;
      if (entry(mid, 1) <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int from = (int) (lo * stride);
    int to = (int) Math.min(nodeCount, from + (long) stride);
    for (int u = from; u < to; u++) {
      locate(u, scratch);
      if (index < scratch.firstEdge + scratch.degree) {
        return u;
      }
    }
    throw index().corrupt(CompactCsrFormat.edgeOffsetAt(lo, coding), "no row of block " + lo + " holds edge " + index);
  }

  /**
   * Checks every row and entry in order (O(N + E)): each block's rows end exactly at the next entry's RowOffset
   * with its EdgeOffset's edges, every varint minimal; {@code perRow} sees each decoded row.
   */
  public void verify(java.util.function.Consumer<Row> perRow) {
    Row row = new Row();
    CompactCsrFormat.RowEncoder encoder = new CompactCsrFormat.RowEncoder(coding);
    for (long b = 0; b < blockCount; b++) {
      int from = (int) (b * stride);
      int to = (int) Math.min(nodeCount, from + (long) stride);
      long end = entry(b, 0);
      long edges = entry(b, 1);
      for (int u = from; u < to; u++) {
        locate(u, row);
        if (row.firstEdge != edges) {
          throw rows.corrupt(row.body, "node " + u + " starts at edge " + row.firstEdge + " vs expected " + edges);
        }
        if (coding.bits()) {
          checkCanonical(end, decode(row), encoder);
        } else {
          checkMinimal(end, row.end);
          decode(row);
        }
        perRow.accept(row);
        end = row.end;
        edges += row.degree;
      }
      if (end != entry(b + 1, 0) || edges != entry(b + 1, 1)) {
        throw index.corrupt(CompactCsrFormat.rowOffsetAt(b + 1, coding), "entry " + (b + 1) + " is not where block " + b
            + " ends: actual=(" + entry(b + 1, 0) + ", " + entry(b + 1, 1) + ") vs expected=(" + end + ", " + edges
            + ")");
      }
    }
  }

  /**
   * The bytes of the decoded row {@code row}, which starts at {@code start}, must be those the writer gives its edges
   * (so every VarUInt is minimal and every group's K the rule's).
   */
  private void checkCanonical(long start, Row row, CompactCsrFormat.RowEncoder encoder) {
    int length = encoder.encode(row.node, row.ids, row.types, 0, row.degree);
    byte[] expected = encoder.bytes();
    boolean same = length == row.end - start;
    for (int i = 0; same && i < length; i++) {
      same = expected[i] == (byte) byteAt(start + i);
    }
    if (!same) {
      throw rows.corrupt(start, "row of node " + row.node + " is not in its canonical coding (a VarUInt not minimal,"
          + " a group's K not the rule's, or an escape where none is needed)");
    }
  }

  /** Every varint of the bytes [from, to) that ends at a byte 0x00 after a continuation byte is not minimal. */
  private void checkMinimal(long from, long to) {
    for (long p = from + 1; p < to; p++) {
      if (byteAt(p) == 0 && byteAt(p - 1) >= 0x80) {
        throw rows.corrupt(p, "varint not minimal (a trailing zero byte)");
      }
    }
  }

  /** Copies of the decoded row's first {@code degree} ids (for tests and slow paths). */
  public static int[] ids(Row row) {
    return Arrays.copyOf(row.ids, row.degree);
  }
}
