package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The node table of a compact file from format version {@link SnapshotFormat#VERSION_PACKED_NODES}
 * ({@link SectionId#NODES}, see {@link #packed}): the fields of {@link NodeRecordFormat}'s record, each in as few
 * bits as the file's largest value needs, one fixed-width record per node, so node v's fields are still O(1) (one
 * 8-byte load each). The grammar:
 *
 * <pre>
 * Nodes   --&gt; FileBits UInt8, StartBits UInt8, SpanBits UInt8, KindBits UInt8, FlagBits UInt8, Zero Byte^3,
 *             StartBase Int64, SpanBase Int64, Records
 * Records --&gt; {@link BitPacking Packed} of N·RecordBits bits; record v at bit v·RecordBits
 * Record  --&gt; File, Start, Span, Kind, Flags        fields of those widths, in this order, low bit first
 * </pre>
 *
 * <ul>
 *   <li>RecordBits = FileBits + StartBits + SpanBits + KindBits + FlagBits. FlagBits is {@value #FLAG_BITS} (the
 *       two flags of {@link NodeRecordFormat}); every other width is in [0, {@link #MAX_FIELD_BITS}].
 *   <li>File = FileId + 1 (so a node without a file, FileId −1, is 0); Start = LineStart − StartBase; Span =
 *       (LineEnd − LineStart) − SpanBase, the difference taken in 64 bits; Kind = KindId; Flags as in NODES.
 *   <li>The rule, exact so that a full and an incremental build give the same bytes: StartBase and SpanBase are the
 *       smallest LineStart and span of any node (0 when N = 0), and each width is {@link BitPacking#widthFor} of its
 *       field's largest value (0 when every value is 0).
 *   <li>The section is {@link #sectionBytes} = {@value #HEADER_BYTES} + {@link BitPacking#areaBytes}(N·RecordBits)
 *       bytes.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (the reader checks the header at open and ids against K and F).
 */
public final class PackedNodeFormat {
  /** Bytes of the header before Records. */
  public static final int HEADER_BYTES = 24;
  /** Offset of the five widths (one byte each, in grammar order). */
  public static final int WIDTHS = 0;
  /** Offset of the reserved zero bytes. */
  public static final int ZERO = 5;
  /** Offset of StartBase. */
  public static final int START_BASE = 8;
  /** Offset of SpanBase. */
  public static final int SPAN_BASE = 16;
  /** FlagBits: the flags {@link NodeRecordFormat#FLAG_EXTERNAL} and {@link NodeRecordFormat#FLAG_MERGED}. */
  public static final int FLAG_BITS = 2;
  /** The widest field but Flags: File, Start and Kind need at most 32 bits, a Span 33. */
  public static final int MAX_FIELD_BITS = 33;
  /** Number of fields in a record. */
  public static final int FIELDS = 5;

  private PackedNodeFormat() {}

  /**
   * Whether NODES, NODE_DETAILS, FILE_SYMBOLS and NAME_INDEX of a file are the packed ones ({@link PackedNodeFormat},
   * {@link SparseDetailsFormat}, {@link PackedFileSymbolsFormat}, {@link NameIndexFormat.Coding#packed}) rather than
   * {@link NodeRecordFormat}, {@link NodeDetailsFormat}, {@link FileSymbolsFormat} and Int32 slots: the compact layout
   * from version {@link SnapshotFormat#VERSION_PACKED_NODES} on.
   */
  public static boolean packed(int formatVersion, CompactCsrFormat.Layout layout) {
    return formatVersion >= SnapshotFormat.VERSION_PACKED_NODES && layout == CompactCsrFormat.Layout.COMPACT;
  }

  /** {@link #packed(int, CompactCsrFormat.Layout)} for a file with this header. */
  public static boolean packed(SnapshotHeader header) {
    return packed(header.formatVersion(), CompactCsrFormat.layoutOf(header));
  }

  /** The header's fields: widths and bases. Validated by the reader, not here. */
  public record Header(int fileBits, int startBits, int spanBits, int kindBits, int flagBits, long startBase,
      long spanBase) {
    /** Bits of one record. */
    public int recordBits() {
      return fileBits + startBits + spanBits + kindBits + flagBits;
    }

    /** The five widths in grammar order. */
    public int[] widths() {
      return new int[] {fileBits, startBits, spanBits, kindBits, flagBits};
    }
  }

  /** Reads the header; unchecked. Needs {@link #HEADER_BYTES} bytes. */
  public static Header header(MemorySegment nodes) {
    return new Header(width(nodes, 0), width(nodes, 1), width(nodes, 2), width(nodes, 3), width(nodes, 4),
        nodes.get(LONG, START_BASE), nodes.get(LONG, SPAN_BASE));
  }

  private static int width(MemorySegment nodes, int field) {
    return Byte.toUnsignedInt(nodes.get(BYTE, WIDTHS + field));
  }

  /** The reserved bytes of the header as one value (zero in a sound section): bytes 5..7. */
  public static int zero(MemorySegment nodes) {
    return nodes.get(INT, 4) >>> 8;
  }

  /** The section's length for {@code nodeCount} nodes of {@code recordBits} bits. */
  public static long sectionBytes(long nodeCount, int recordBits) {
    return HEADER_BYTES + BitPacking.areaBytes(nodeCount * recordBits);
  }

  /** The raw field at bit {@code bit} of Records; unchecked. */
  public static long field(MemorySegment nodes, long bit, int width) {
    return BitPacking.get(nodes, HEADER_BYTES, bit, width);
  }

  /**
   * Writes the section for the node columns {@code [0, nodeCount)} (the full layout's field values), computing the
   * header by the rule. O(N).
   *
   * @throws IllegalArgumentException if a flag other than the two known ones is set, or a FileId is below −1
   */
  public static void write(SectionSink out, int nodeCount, int[] fileId, int[] lineStart, int[] lineEnd, int[] kindId,
      int[] flags) throws IOException {
    Header h = writeHeader(out, nodeCount, fileId, lineStart, lineEnd, kindId, flags);
    int[] widths = h.widths();
    long startBase = h.startBase();
    long spanBase = h.spanBase();
    BitPacking.Writer packed = new BitPacking.Writer(out);
    for (int v = 0; v < nodeCount; v++) {
      packed.add(fileId[v] + 1L, widths[0]);
      packed.add(lineStart[v] - startBase, widths[1]);
      packed.add((long) lineEnd[v] - lineStart[v] - spanBase, widths[2]);
      packed.add(kindId[v], widths[3]);
      packed.add(flags[v], widths[4]);
    }
    packed.finish();
  }

  /**
   * Computes the Header of the node columns {@code [0, nodeCount)} by the rule and writes it ({@value #HEADER_BYTES}
   * bytes); also the Header of {@link BlockedNodeFormat}. O(N).
   *
   * @throws IllegalArgumentException if a flag other than the two known ones is set, or a FileId is below −1
   */
  static Header writeHeader(SectionSink out, int nodeCount, int[] fileId, int[] lineStart, int[] lineEnd,
      int[] kindId, int[] flags) throws IOException {
    long startBase = 0;
    long spanBase = 0;
    long maxFile = 0;
    long maxKind = 0;
    for (int v = 0; v < nodeCount; v++) {
      long span = (long) lineEnd[v] - lineStart[v];
      startBase = v == 0 ? lineStart[v] : Math.min(startBase, lineStart[v]);
      spanBase = v == 0 ? span : Math.min(spanBase, span);
      if (fileId[v] < -1 || kindId[v] < 0 || (flags[v] & ~((1 << FLAG_BITS) - 1)) != 0) {
        throw new IllegalArgumentException("node " + v + ": file id " + fileId[v] + ", kind id " + kindId[v]
            + ", flags 0x" + Integer.toHexString(flags[v]) + " do not fit a packed record");
      }
      maxFile = Math.max(maxFile, fileId[v] + 1L);
      maxKind = Math.max(maxKind, kindId[v]);
    }
    long maxStart = 0;
    long maxSpan = 0;
    for (int v = 0; v < nodeCount; v++) {
      maxStart = Math.max(maxStart, lineStart[v] - startBase);
      maxSpan = Math.max(maxSpan, (long) lineEnd[v] - lineStart[v] - spanBase);
    }
    Header h = new Header(BitPacking.widthFor(maxFile), BitPacking.widthFor(maxStart), BitPacking.widthFor(maxSpan),
        BitPacking.widthFor(maxKind), FLAG_BITS, startBase, spanBase);
    int[] widths = h.widths();
    for (int w : widths) {
      out.putByte(w);
    }
    out.putByte(0);
    out.putByte(0);
    out.putByte(0);
    out.putLong(startBase);
    out.putLong(spanBase);
    return h;
  }

  /**
   * Node reads over a packed section whose header the caller has checked: the field positions computed once. O(1)
   * per read, unchecked. Immutable; thread-safe.
   */
  public static final class Fields implements NodeFields {
    private final MemorySegment nodes;
    private final int recordBits;
    private final int fileAt;
    private final int startAt;
    private final int spanAt;
    private final int kindAt;
    private final int flagsAt;
    private final long fileMask;
    private final long startMask;
    private final long spanMask;
    private final long kindMask;
    private final long startBase;
    private final long spanBase;

    /** Reads over {@code nodes}, whose header is {@code h}. */
    public Fields(MemorySegment nodes, Header h) {
      this.nodes = nodes;
      this.recordBits = h.recordBits();
      this.fileAt = 0;
      this.startAt = h.fileBits();
      this.spanAt = startAt + h.startBits();
      this.kindAt = spanAt + h.spanBits();
      this.flagsAt = kindAt + h.kindBits();
      this.fileMask = BitPacking.mask(h.fileBits());
      this.startMask = BitPacking.mask(h.startBits());
      this.spanMask = BitPacking.mask(h.spanBits());
      this.kindMask = BitPacking.mask(h.kindBits());
      this.startBase = h.startBase();
      this.spanBase = h.spanBase();
    }

    /** The field at bit {@code bit} of Records under {@code mask}: one unaligned 8-byte load. */
    private long at(long bit, long mask) {
      return BitPacking.getMasked(nodes, HEADER_BYTES, bit, mask);
    }

    /** Bit offset, in Records, of node {@code id}'s field {@code field} (0 File … 4 Flags). */
    public long bitOf(long id, int field) {
      int at = switch (field) {
        case 0 -> fileAt;
        case 1 -> startAt;
        case 2 -> spanAt;
        case 3 -> kindAt;
        default -> flagsAt;
      };
      return id * recordBits + at;
    }

    /** Node {@code id}'s FileId as stored, minus one: −1 for none; a long, so a damaged value is not wrapped. */
    @Override
    public long fileId(long id) {
      return at(id * recordBits + fileAt, fileMask) - 1;
    }

    /** Node {@code id}'s LineStart, in 64 bits (a damaged header may put it outside the int range). */
    @Override
    public long lineStart(long id) {
      return startBase + at(id * recordBits + startAt, startMask);
    }

    /** Node {@code id}'s LineEnd, in 64 bits. */
    @Override
    public long lineEnd(long id) {
      return lineStart(id) + spanBase + at(id * recordBits + spanAt, spanMask);
    }

    /** Node {@code id}'s KindId. */
    @Override
    public long kindId(long id) {
      return at(id * recordBits + kindAt, kindMask);
    }

    /** Node {@code id}'s Flags. */
    @Override
    public int flags(long id) {
      return (int) at(id * recordBits + flagsAt, (1 << FLAG_BITS) - 1);
    }
  }
}
