package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The compact adjacency (format version {@link SnapshotFormat#VERSION_COMPACT_ADJACENCY}): each direction of the
 * typed CSR as gap-coded rows ({@link SectionId#COMPACT_FORWARD_ROWS}, {@link SectionId#COMPACT_REVERSE_ROWS})
 * with a sparse index ({@link SectionId#COMPACT_FORWARD_INDEX}, {@link SectionId#COMPACT_REVERSE_INDEX}). A file
 * holds either these four sections or the six fixed ones of {@link CsrFormat}, never both: {@link #layoutOf} is
 * the one place that says which. The edges are the same as the fixed layout's (per node sorted by (type id,
 * neighbour id), distinct) and {@link SectionId#EDGE_TYPE_COUNTS} is shared. The grammar:
 *
 * <pre>
 * Index    --&gt; Stride UInt32, Zero UInt32, Entry^(B+1)     B = ⌈N / Stride⌉
 * Entry    --&gt; RowOffset UInt64, EdgeOffset UInt64          of row b·Stride; Entry[B] = (length of Rows, E)
 * Rows     --&gt; Row^N
 * Row      --&gt; RowBytes VarUInt, Body                       RowBytes: the length of Body; 0 for a node without edges
 * Body     --&gt; Degree VarUInt, Group^G                      Degree ≥ 1; the groups' Counts sum to Degree
 * Group    --&gt; Type UInt8, Count VarUInt, First VarUInt, Gap VarUInt^(Count−1)
 * VarUInt  --&gt; LEB128: 7 bits a byte, low group first, high bit set on every byte but the last; at most 5 bytes,
 *              minimal (no trailing 0x80 0x00), value below 2^32
 * </pre>
 *
 * <ul>
 *   <li>Groups are in strictly increasing Type (each below T); Count ≥ 1.
 *   <li>A group's neighbours are n<sub>0</sub> = v + unzigzag(First) (v is the row's node) and
 *       n<sub>i</sub> = n<sub>i−1</sub> + Gap<sub>i</sub> + 1: strictly increasing, each in [0, N). Zigzag maps
 *       the signed difference d to (d &lt;&lt; 1) ^ (d &gt;&gt; 31) as a 32-bit value, so neighbours close to the
 *       node (ids are name order, so a class's members are near it) cost one byte whichever side they are on.
 *   <li>Stride is in [1, {@link #MAX_STRIDE}]; a reader finds row v from Entry[v / Stride] by skipping at most
 *       Stride − 1 rows (each skip reads RowBytes and Degree), so the degree and the start of a row are
 *       O(Stride) and a row's edges O(degree). EdgeOffset[b] is the number of edges of the rows before b·Stride:
 *       the edge index of the fixed layout, which call sites and edge positions keep using.
 * </ul>
 *
 * <h2>Rice-coded groups (format version {@link SnapshotFormat#VERSION_RICE_ROWS} on)</h2>
 *
 * From version 8 ({@link RowCoding#RICE}) the groups of a Body are one bit stream ({@link RiceCode}'s codes, low bit
 * first) instead of bytes; the Index, RowBytes and Degree are as above, so a row is still found and skipped by its
 * bytes and its degree read without decoding it:
 *
 * <pre>
 * Body     --&gt; Degree VarUInt, Bits                        Bits: Group^G, then zero bits to a whole byte
 * Group    --&gt; TypeStep Rice(0), CountLess1 Rice({@value #COUNT_K}), K UInt5, Value Rice(K)^Count
 * </pre>
 * <ul>
 *   <li>TypeStep = Type − previous Type − 1 (the first group's previous Type is −1); CountLess1 = Count − 1; K
 *       ({@link RiceCode#K_BITS} bits) is the parameter {@link RiceCode#chooseK} gives the group's Values.
 *   <li>Value<sub>0</sub> = First and Value<sub>i</sub> = Gap<sub>i</sub>, as above (zigzag of the first neighbour's
 *       distance from the node, then each gap less one).
 *   <li>Bits ends in its last byte: fewer than 8 padding bits, all zero, and the row ends there. Degree ≤ 8 ×
 *       the bytes of Bits (an edge takes at least one bit).
 * </ul>
 * Versions 5 to 7 ({@link RowCoding#VARINT}) are read as before.
 *
 * <h2>Headers in the bit stream, narrow index entries (format version {@link SnapshotFormat#VERSION_BIT_HEADERS} on)</h2>
 *
 * From version 10 ({@link RowCoding#BIT_HEADERS}) a row's Degree and its groups' counts are bits of the row's stream
 * too, and an index Entry takes 10 bytes instead of 16:
 *
 * <pre>
 * Entry    --&gt; RowOffset UInt40, EdgeOffset UInt40          little-endian, 5 bytes each; both below 2^40
 * Body     --&gt; Bits: Degree Gamma, Group^G, then zero bits to a whole byte
 * Group    --&gt; TypeStep Rice(0), Count, K UInt5, Value Rice(K)^Count
 * Count    --&gt; One                                         the last group: Count = Remaining
 *           |  Zero, Gamma                                  Count, below Remaining
 * </pre>
 * <ul>
 *   <li>Degree and Count are Elias gamma codes ({@link RiceCode#gammaBits}); RowBytes still comes first, a VarUInt,
 *       so a row is skipped by its bytes alone.
 *   <li>Remaining is Degree less the counts of the groups before; the last group (the one that takes all that
 *       remains) is one bit, the others a zero bit and their count's code. A row of one group spends one bit on
 *       its count.
 *   <li>TypeStep, K and Value are as in versions 8 and 9. Degree ≤ 8 × the bytes of Bits, as there.
 * </ul>
 *
 * <p>Stateless and thread-safe. The writer methods take rows in the fixed layout's arrays (as a full build holds
 * them) or one row at a time ({@link RowEncoder}); readers check every value (the reader module's compact view).
 */
public final class CompactCsrFormat {
  /** The index stride the builder writes (measured: see bench/README.md, "Compact format"). */
  public static final int DEFAULT_STRIDE = 16;
  /** The largest stride a reader accepts (bounds the work of finding one row). */
  public static final int MAX_STRIDE = 1 << 12;
  /** Bytes of the index header (Stride, Zero). */
  public static final int INDEX_HEADER_BYTES = 8;
  /** Bytes of one index entry before format version 10 (two UInt64). */
  public static final int ENTRY_BYTES = 16;
  /** Bytes of one index entry from format version 10 (two UInt40). */
  public static final int NARROW_ENTRY_BYTES = 10;
  /** Most bytes of one VarUInt. */
  public static final int MAX_VARINT_BYTES = 5;

  /** The Rice parameter of a group's CountLess1. */
  public static final int COUNT_K = 2;

  /** How a row's groups are coded: the one place that maps a format version to its row coding. */
  public enum RowCoding {
    /** Versions 5 to 7: each field of a group a VarUInt. */
    VARINT,
    /** Versions 8 and 9: a group's fields as {@link RiceCode} bits; Degree a VarUInt. */
    RICE,
    /** Version 10 on: Degree and counts in the bit stream too; 10-byte index entries. */
    BIT_HEADERS;

    /** The coding of a compact file of format version {@code formatVersion}. */
    public static RowCoding of(int formatVersion) {
      return formatVersion >= SnapshotFormat.VERSION_BIT_HEADERS ? BIT_HEADERS
          : formatVersion >= SnapshotFormat.VERSION_RICE_ROWS ? RICE : VARINT;
    }

    /** Whether a row's groups are a bit stream (versions 8 on) rather than VarUInts. */
    public boolean bits() {
      return this != VARINT;
    }

    /** Bytes of one index Entry in files of this coding: {@value #ENTRY_BYTES} before version 10, then 10. */
    public int entryBytes() {
      return this == BIT_HEADERS ? NARROW_ENTRY_BYTES : ENTRY_BYTES;
    }

    /** The largest RowOffset and EdgeOffset an Entry of this coding holds, plus one. */
    public long entryLimit() {
      return this == BIT_HEADERS ? 1L << 40 : Long.MAX_VALUE;
    }

    /** The coding this code writes. */
    public static RowCoding current() {
      return of(SnapshotFormat.VERSION_CURRENT);
    }
  }

  /** Which adjacency a snapshot holds. */
  public enum Layout {
    /** Fixed-width rows: {@link CsrFormat}'s six sections. */
    FIXED,
    /** Gap-coded rows with a sparse index: this class's four sections. */
    COMPACT;

    /** The sections of this layout's adjacency (both directions). */
    public SectionId[] sections() {
      return this == FIXED
          ? new SectionId[] {SectionId.FORWARD_OFFSETS, SectionId.FORWARD_TARGETS, SectionId.FORWARD_TYPES,
              SectionId.REVERSE_OFFSETS, SectionId.REVERSE_SOURCES, SectionId.REVERSE_TYPES}
          : new SectionId[] {SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS,
              SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS};
    }

    /** The other layout's sections: those a file of this layout must not hold. */
    public SectionId[] absent() {
      return (this == FIXED ? COMPACT : FIXED).sections();
    }

    /** Whether a file of this layout holds section {@code id}. */
    public boolean holds(SectionId id) {
      return !Arrays.asList(absent()).contains(id);
    }

    /** The lower-case name the command line takes ({@code fixed}, {@code compact}). */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private CompactCsrFormat() {}

  /**
   * The one place that says which adjacency a file holds, from the ids in its section table: {@link Layout#COMPACT}
   * if it lists {@link SectionId#COMPACT_FORWARD_INDEX}, else {@link Layout#FIXED}. (That the file holds all of
   * that layout's sections and none of the other's is checked by the reader when it opens them.)
   */
  public static Layout layoutOf(SnapshotHeader header) {
    return header.entry(SectionId.COMPACT_FORWARD_INDEX) != null ? Layout.COMPACT : Layout.FIXED;
  }

  /** The index and rows sections of one direction. */
  public static SectionId[] sections(boolean reverse) {
    return reverse
        ? new SectionId[] {SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS}
        : new SectionId[] {SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS};
  }

  /** Number of index entries for {@code nodeCount} nodes: B + 1. */
  public static long entryCount(long nodeCount, int stride) {
    return (nodeCount + stride - 1) / stride + 1;
  }

  /** Length of the Index for {@code nodeCount} nodes in a file of {@code coding}. */
  public static long indexBytes(long nodeCount, int stride, RowCoding coding) {
    return INDEX_HEADER_BYTES + coding.entryBytes() * entryCount(nodeCount, stride);
  }

  /** Offset of RowOffset of entry {@code b} in a file of {@code coding}. */
  public static long rowOffsetAt(long b, RowCoding coding) {
    return INDEX_HEADER_BYTES + coding.entryBytes() * b;
  }

  /** Offset of EdgeOffset of entry {@code b} in a file of {@code coding}. */
  public static long edgeOffsetAt(long b, RowCoding coding) {
    return rowOffsetAt(b, coding) + coding.entryBytes() / 2;
  }

  /** The index's Stride (unchecked). */
  public static int stride(MemorySegment index) {
    return index.get(INT, 0);
  }

  /** The index's Zero field (unchecked). */
  public static int zero(MemorySegment index) {
    return index.get(INT, 4);
  }

  /** RowOffset of entry {@code b} in a file of {@code coding} (unchecked). */
  public static long rowOffset(MemorySegment index, long b, RowCoding coding) {
    return offsetField(index, rowOffsetAt(b, coding), coding);
  }

  /** EdgeOffset of entry {@code b} in a file of {@code coding} (unchecked). */
  public static long edgeOffset(MemorySegment index, long b, RowCoding coding) {
    return offsetField(index, edgeOffsetAt(b, coding), coding);
  }

  private static long offsetField(MemorySegment index, long at, RowCoding coding) {
    return coding.entryBytes() == ENTRY_BYTES ? index.get(LONG, at) : uint40(index, at);
  }

  /** The little-endian UInt40 at {@code at} (an index Entry field from version 10). */
  public static long uint40(MemorySegment index, long at) {
    return Integer.toUnsignedLong(index.get(INT, at)) | (index.get(LittleEndian.BYTE, at + 4) & 0xFFL) << 32;
  }

  /** Zigzag of a signed 32-bit difference. */
  public static int zigzag(int d) {
    return (d << 1) ^ (d >> 31);
  }

  /** The inverse of {@link #zigzag}. */
  public static int unzigzag(int z) {
    return (z >>> 1) ^ -(z & 1);
  }

  /** Bytes of the VarUInt of {@code value} (read as unsigned 32-bit). */
  public static int varintBytes(int value) {
    int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
    return (bits + 6) / 7;
  }

  /**
   * Encodes rows, one at a time, into a reusable heap buffer: {@link #encode} returns the Row's length and
   * {@link #bytes()} its bytes. Mutable, single-threaded.
   */
  public static final class RowEncoder {
    private final RowCoding coding;
    private final RiceCode.BitWriter bits = new RiceCode.BitWriter();
    private long[] values = new long[64];
    private byte[] body = new byte[256];
    private int bodyLength;
    private byte[] row = new byte[256];
    private int rowLength;

    /** An encoder of the coding this code writes ({@link RowCoding#current()}). */
    public RowEncoder() {
      this(RowCoding.current());
    }

    /** An encoder of {@code coding} (older codings for tests of the readers of older files). */
    public RowEncoder(RowCoding coding) {
      this.coding = coding;
    }

    /**
     * Encodes the row of {@code node} from {@code neighbours[from, to)} and {@code types[from, to)}, sorted by
     * (type, neighbour) and distinct (as the fixed layout holds them), and returns the Row's length in bytes.
     *
     * @throws IllegalArgumentException if the edges are not strictly increasing by (type, neighbour)
     */
    public int encode(int node, int[] neighbours, byte[] types, int from, int to) {
      bodyLength = 0;
      int degree = to - from;
      if (degree > 0 && coding.bits()) {
        if (coding == RowCoding.RICE) {
          putVar(degree);
        }
        encodeBits(node, neighbours, types, from, to);
      } else if (degree > 0) {
        putVar(degree);
        for (int i = from, j; i < to; i = j) {
          j = groupEnd(node, types, i, to);
          ensure(1);
          body[bodyLength++] = types[i];
          putVar(j - i);
          putVar(zigzag(neighbours[i] - node));
          for (int k = i + 1; k < j; k++) {
            putVar(gap(node, neighbours, k));
          }
        }
      }
      int need = varintBytes(bodyLength) + bodyLength;
      if (row.length < need) {
        row = new byte[Math.max(need, row.length * 2)];
      }
      rowLength = writeVar(row, 0, bodyLength);
      System.arraycopy(body, 0, row, rowLength, bodyLength);
      rowLength += bodyLength;
      return rowLength;
    }

    /**
     * Appends the row's groups as one bit stream to the body: after its VarUInt Degree in versions 8 and 9, with
     * Degree and the counts as gamma codes in version 10 ({@link RowCoding#BIT_HEADERS}).
     */
    private void encodeBits(int node, int[] neighbours, byte[] types, int from, int to) {
      boolean headers = coding == RowCoding.BIT_HEADERS;
      bits.reset();
      if (headers) {
        bits.putGamma(to - from);
      }
      int previousType = -1;
      for (int i = from, j; i < to; i = j) {
        j = groupEnd(node, types, i, to);
        int type = types[i] & 0xFF;
        int count = groupValues(node, neighbours, i, j);
        int k = RiceCode.chooseK(values, count);
        bits.putRice(type - previousType - 1, 0);
        if (!headers) {
          bits.putRice(count - 1, COUNT_K);
        } else if (j == to) { // Count: One for the last group, else Zero and its gamma code
          bits.put(1, 1);
        } else {
          bits.put(0, 1);
          bits.putGamma(count);
        }
        bits.put(k, RiceCode.K_BITS);
        for (int v = 0; v < count; v++) {
          bits.putRice(values[v], k);
        }
        previousType = type;
      }
      int length = bits.finish();
      ensure(length);
      System.arraycopy(bits.bytes(), 0, body, bodyLength, length);
      bodyLength += length;
    }

    /** Fills {@code values} with the group {@code [i, j)}'s Values (First, then the gaps) and returns its count. */
    private int groupValues(int node, int[] neighbours, int i, int j) {
      int count = j - i;
      if (values.length < count) {
        values = new long[Math.max(count, values.length * 2)];
      }
      values[0] = zigzag(neighbours[i] - node) & 0xFFFF_FFFFL;
      for (int k = i + 1; k < j; k++) {
        values[k - i] = gap(node, neighbours, k);
      }
      return count;
    }

    /**
     * The end of the group of edges of one type that starts at {@code i} (the first index in {@code (i, to]} of
     * another type, or {@code to}).
     *
     * @throws IllegalArgumentException if the next group's type is lower (the edges are not sorted by type)
     */
    private static int groupEnd(int node, byte[] types, int i, int to) {
      int type = types[i] & 0xFF;
      int j = i + 1;
      while (j < to && (types[j] & 0xFF) == type) {
        j++;
      }
      if (j < to && (types[j] & 0xFF) < type) {
        throw new IllegalArgumentException("edges of node " + node + " not sorted by type at " + j);
      }
      return j;
    }

    /**
     * The Gap of edge {@code k} of a group: neighbour k's distance from neighbour k − 1, less one.
     *
     * @throws IllegalArgumentException if the neighbours are not strictly increasing
     */
    private static int gap(int node, int[] neighbours, int k) {
      int gap = neighbours[k] - neighbours[k - 1] - 1;
      if (gap < 0) {
        throw new IllegalArgumentException("edges of node " + node + " not strictly increasing at " + k);
      }
      return gap;
    }

    /** The last encoded Row: {@code bytes()[0, length)}; overwritten by the next {@link #encode}. */
    public byte[] bytes() {
      return row;
    }

    /** The last encoded Row's length. */
    public int length() {
      return rowLength;
    }

    private void putVar(int value) {
      ensure(MAX_VARINT_BYTES);
      bodyLength = writeVar(body, bodyLength, value);
    }

    private void ensure(int more) {
      if (bodyLength + more > body.length) {
        body = Arrays.copyOf(body, Math.max(bodyLength + more, body.length * 2));
      }
    }
  }

  /** Writes the VarUInt of {@code value} (unsigned) at {@code out[at]}; returns the position after it. */
  public static int writeVar(byte[] out, int at, int value) {
    while ((value & ~0x7F) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }

  /**
   * Writes the Index of one direction given in the fixed layout's arrays ({@code offsets}: N+1 edge offsets,
   * {@code neighbours}, {@code types}). Encodes every row once to learn its length.
   */
  public static void writeIndex(SectionSink out, int[] offsets, int[] neighbours, byte[] types, int stride)
      throws IOException {
    writeIndex(out, offsets, neighbours, types, stride, RowCoding.current());
  }

  /** {@link #writeIndex(SectionSink, int[], int[], byte[], int)} for rows of {@code coding}. */
  public static void writeIndex(SectionSink out, int[] offsets, int[] neighbours, byte[] types, int stride,
      RowCoding coding) throws IOException {
    int n = offsets.length - 1;
    IndexWriter index = new IndexWriter(out, stride, coding);
    RowEncoder enc = new RowEncoder(coding);
    for (int v = 0; v < n; v++) {
      index.add(enc.encode(v, neighbours, types, offsets[v], offsets[v + 1]), offsets[v + 1] - offsets[v]);
    }
    index.finish();
  }

  /** Writes the Rows of one direction given in the fixed layout's arrays (see {@link #writeIndex}). */
  public static void writeRows(SectionSink out, int[] offsets, int[] neighbours, byte[] types) throws IOException {
    writeRows(out, offsets, neighbours, types, RowCoding.current());
  }

  /** {@link #writeRows(SectionSink, int[], int[], byte[])} in {@code coding}. */
  public static void writeRows(SectionSink out, int[] offsets, int[] neighbours, byte[] types, RowCoding coding)
      throws IOException {
    int n = offsets.length - 1;
    RowEncoder enc = new RowEncoder(coding);
    for (int v = 0; v < n; v++) {
      int length = enc.encode(v, neighbours, types, offsets[v], offsets[v + 1]);
      out.put(enc.bytes(), 0, length);
    }
  }

  /**
   * Streams an Index into a sink as rows are encoded, in node order: the header when made, an Entry before every
   * Stride-th row ({@link #add}), the final Entry at {@link #finish}. O(1) memory, whatever the node count, and
   * positions are {@code long} (past 2<sup>31</sup> edges and 4 GiB of rows). Mutable, single-threaded.
   */
  public static final class IndexWriter {
    private final SectionSink out;
    private final int stride;
    private final RowCoding coding;
    private long rows;
    private long rowOffset;
    private long edgeOffset;

    /** {@link #IndexWriter(SectionSink, int, RowCoding)} of the coding this code writes. */
    public IndexWriter(SectionSink out, int stride) throws IOException {
      this(out, stride, RowCoding.current());
    }

    /**
     * Writes the header of an index of stride {@code stride} for rows of {@code coding} into {@code out}.
     *
     * @throws IllegalArgumentException if the stride is outside [1, {@link #MAX_STRIDE}]
     */
    public IndexWriter(SectionSink out, int stride, RowCoding coding) throws IOException {
      if (stride < 1 || stride > MAX_STRIDE) {
        throw new IllegalArgumentException("stride " + stride + " outside [1, " + MAX_STRIDE + "]");
      }
      this.out = out;
      this.stride = stride;
      this.coding = coding;
      out.putInt(stride);
      out.putInt(0);
    }

    /** Adds the next row: its Row length in bytes and its degree. */
    public void add(int rowBytes, long degree) throws IOException {
      if (rows % stride == 0) {
        entry();
      }
      rows++;
      rowOffset += rowBytes;
      edgeOffset += degree;
    }

    /** Writes the final Entry (the length of Rows, E); the index is complete. */
    public void finish() throws IOException {
      entry();
    }

    /**
     * Writes the Entry of the rows so far.
     *
     * @throws IllegalStateException if an offset does not fit the coding's Entry (2^40 bytes or edges from version
     *     10)
     */
    private void entry() throws IOException {
      if (rowOffset >= coding.entryLimit() || edgeOffset >= coding.entryLimit()) {
        throw new IllegalStateException("rows of " + rowOffset + " bytes and " + edgeOffset + " edges do not fit an"
            + " index entry of " + coding.entryBytes() + " bytes (at most " + (coding.entryLimit() - 1) + " each)");
      }
      if (coding.entryBytes() == ENTRY_BYTES) {
        out.putLong(rowOffset);
        out.putLong(edgeOffset);
      } else {
        putUInt40(rowOffset);
        putUInt40(edgeOffset);
      }
    }

    private void putUInt40(long value) throws IOException {
      out.putInt((int) value);
      out.putByte((int) (value >>> 32));
    }
  }
}
