package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.BitPacking;
import io.graphsnap.format.snapshot.PackedNodeFormat;

/**
 * The NODES section of bit-packed records ({@link PackedNodeFormat}). Open checks the header (widths, bases, the
 * reserved bytes) and the length in O(1), so that no read leaves the section and every LineStart fits an int; each
 * read checks what the header cannot bound: a kind id against K, a file id against F, a LineEnd against the int
 * range (one compare each). {@link #verifyEncoding} checks the header is the rule's (widths and bases minimal) and the
 * padding bits zero. Immutable; thread-safe.
 */
final class PackedNodeTable implements NodeTable {
  static final String[] FIELD_NAMES = {"FileBits", "StartBits", "SpanBits", "KindBits", "FlagBits"};

  private final Section section;
  private final PackedNodeFormat.Header header;
  private final PackedNodeFormat.Fields fields;
  private final int nodeCount;
  private final int kindCount;
  private final int fileCount;

  PackedNodeTable(Section section, int nodeCount, int kindCount, int fileCount) {
    PackedNodeFormat.Header h = checkedHeader(section);
    section.requireLength(PackedNodeFormat.sectionBytes(nodeCount, h.recordBits()), nodeCount + " packed records of "
        + h.recordBits() + " bits");
    this.section = section;
    this.header = h;
    this.fields = new PackedNodeFormat.Fields(section.bytes(), h);
    this.nodeCount = nodeCount;
    this.kindCount = kindCount;
    this.fileCount = fileCount;
  }

  /**
   * The Header of a packed or blocked NODES section, checked (O(1)): widths in range, the reserved bytes zero, every
   * LineStart the widths allow within the int range, SpanBase within (−2^32, 2^32).
   */
  static PackedNodeFormat.Header checkedHeader(Section section) {
    if (section.length() < PackedNodeFormat.HEADER_BYTES) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>="
          + PackedNodeFormat.HEADER_BYTES + " (the packed header)");
    }
    PackedNodeFormat.Header h = PackedNodeFormat.header(section.bytes());
    int[] widths = h.widths();
    for (int f = 0; f < widths.length; f++) {
      int max = f == 4 ? PackedNodeFormat.FLAG_BITS : PackedNodeFormat.MAX_FIELD_BITS;
      if (widths[f] > max || (f == 4 && widths[f] != max)) {
        throw section.corrupt(PackedNodeFormat.WIDTHS + f, FIELD_NAMES[f] + " out of range: actual=" + widths[f]
            + " vs expected" + (f == 4 ? "=" : "<=") + max);
      }
    }
    int zero = PackedNodeFormat.zero(section.bytes());
    if (zero != 0) {
      throw section.corrupt(PackedNodeFormat.ZERO, "reserved bytes are not zero: actual=0x" + Integer.toHexString(zero)
          + " vs expected=0");
    }
    long startMax = h.startBase() + BitPacking.mask(h.startBits());
    if (h.startBase() < Integer.MIN_VALUE || startMax > Integer.MAX_VALUE) {
      throw section.corrupt(PackedNodeFormat.START_BASE, "LineStarts [" + h.startBase() + ", " + startMax
          + "] outside the int range (StartBase, StartBits=" + h.startBits() + ")");
    }
    long span = 1L << 32;
    if (h.spanBase() <= -span || h.spanBase() >= span) {
      throw section.corrupt(PackedNodeFormat.SPAN_BASE, "SpanBase out of range: actual=" + h.spanBase()
          + " vs expected in (-2^32, 2^32)");
    }
    return h;
  }

  @Override
  public int fileId(int id) {
    return checkedFile(this, id, fields.fileId(id), fileCount);
  }

  @Override
  public int kindId(int id) {
    return checkedKind(this, id, fields.kindId(id), kindCount);
  }

  /** Node {@code id}'s stored file id {@code file} of {@code table}, checked against F (it is at least −1). */
  static int checkedFile(NodeTable table, int id, long file, int fileCount) {
    if (file >= fileCount) {
      throw table.section().corrupt(table.fileIdOffset(id), "node " + id + " file id out of range: actual=" + file
          + " vs expected in [-1, " + fileCount + ")");
    }
    return (int) file;
  }

  /** Node {@code id}'s stored kind id {@code kind} of {@code table}, checked against K (it is at least 0). */
  static int checkedKind(NodeTable table, int id, long kind, int kindCount) {
    if (kind >= kindCount) {
      throw table.section().corrupt(table.kindIdOffset(id), "node " + id + " kind id out of range: actual=" + kind
          + " vs expected<" + kindCount);
    }
    return (int) kind;
  }

  @Override
  public int lineStart(int id) {
    return (int) fields.lineStart(id); // within the int range: checked at open
  }

  @Override
  public int lineEnd(int id) {
    long end = fields.lineEnd(id);
    if (end != (int) end) {
      throw section.corrupt(offset(id, 2), "node " + id + " LineEnd outside the int range: actual=" + end);
    }
    return (int) end;
  }

  @Override
  public int flags(int id) {
    return fields.flags(id);
  }

  @Override
  public Section section() {
    return section;
  }

  @Override
  public long flagsOffset(int id) {
    return offset(id, 4);
  }

  @Override
  public long kindIdOffset(int id) {
    return offset(id, 3);
  }

  @Override
  public long fileIdOffset(int id) {
    return offset(id, 0);
  }

  /** Offset of the byte holding the first bit of node {@code id}'s field {@code field}. */
  private long offset(int id, int field) {
    return PackedNodeFormat.HEADER_BYTES + (fields.bitOf(id, field) >>> 3);
  }

  /**
   * Checks the header is the one the rule gives for these records (each width the largest field's, each base the
   * smallest value) and that the bits after the last record are zero. O(N).
   */
  @Override
  public void verifyEncoding() {
    int[] widths = header.widths();
    long[] max = new long[widths.length];
    long minStart = Long.MAX_VALUE;
    long minSpan = Long.MAX_VALUE;
    var bytes = section.bytes();
    for (int v = 0; v < nodeCount; v++) {
      lineEnd(v); // checks it fits an int
      for (int f = 0; f < widths.length; f++) {
        long value = PackedNodeFormat.field(bytes, fields.bitOf(v, f), widths[f]);
        max[f] = Math.max(max[f], value);
        if (f == 1) {
          minStart = Math.min(minStart, value);
        } else if (f == 2) {
          minSpan = Math.min(minSpan, value);
        }
      }
    }
    checkHeaderRule(section, header, nodeCount, max, minStart, minSpan);
    checkZeroPadding(section, PackedNodeFormat.HEADER_BYTES, (long) nodeCount * header.recordBits());
  }

  /**
   * Checks that the Header of a packed or blocked NODES section is the rule's for its records: each of the first four
   * widths the bits of that field's largest stored value ({@code max}: File, Start, Span, Kind), the smallest stored
   * Start and Span ({@code minStart}, {@code minSpan}) zero (both bases zero when there is no node).
   */
  static void checkHeaderRule(Section section, PackedNodeFormat.Header header, int nodeCount, long[] max,
      long minStart, long minSpan) {
    int[] widths = header.widths();
    for (int f = 0; f < 4; f++) {
      if (BitPacking.widthFor(max[f]) != widths[f]) {
        throw section.corrupt(PackedNodeFormat.WIDTHS + f, FIELD_NAMES[f] + " is not the rule's: actual=" + widths[f]
            + " vs expected=" + BitPacking.widthFor(max[f]) + " (the largest value's bits)");
      }
    }
    if (nodeCount == 0 ? header.startBase() != 0 || header.spanBase() != 0 : minStart != 0 || minSpan != 0) {
      throw section.corrupt(PackedNodeFormat.START_BASE, "StartBase or SpanBase is not the smallest value: "
          + "actual smallest stored Start=" + minStart + ", Span=" + minSpan + " vs expected=0");
    }
  }

  /** Checks that every bit of the section after the first {@code bits} bits of the area at byte {@code area} is zero. */
  static void checkZeroPadding(Section section, long area, long bits) {
    long first = area + (bits >>> 3);
    for (long at = first; at < section.length(); at++) {
      int b = Byte.toUnsignedInt(section.bytes().get(java.lang.foreign.ValueLayout.JAVA_BYTE, at));
      int allowed = at == first ? (1 << (bits & 7)) - 1 : 0; // the last field's bits in its last byte
      if ((b & ~allowed) != 0) {
        throw section.corrupt(at, "padding after the last record is not zero: actual=0x" + Integer.toHexString(b));
      }
    }
  }
}
