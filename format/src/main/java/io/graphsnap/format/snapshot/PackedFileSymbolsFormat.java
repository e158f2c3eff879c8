package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * FILE_SYMBOLS of a compact file from format version {@link SnapshotFormat#VERSION_PACKED_NODES} (see
 * {@link PackedNodeFormat#packed}): the lists of {@link FileSymbolsFormat}, each node id stored as its offset from
 * its file's smallest id in as few bits as the largest offset needs (a file's nodes share a name prefix, so their
 * ids are close), and the Starts and Bases bit-packed too. The grammar:
 *
 * <pre>
 * FileSymbols --&gt; OffsetBits UInt8, StartBits UInt8, BaseBits UInt8, Zero Byte^5, Starts, Bases, Offsets
 * Starts      --&gt; {@link BitPacking Packed} of (F+1)·StartBits bits: Starts[f] at bit f·StartBits
 * Bases       --&gt; Packed of F·BaseBits bits: Bases[f] at bit f·BaseBits
 * Offsets     --&gt; Packed of S·OffsetBits bits: Offsets[i] at bit i·OffsetBits
 * </pre>
 *
 * <ul>
 *   <li>Starts and the lists' content and order are exactly {@link FileSymbolsFormat}'s (S = Starts[F]); the i-th
 *       listed node of file f is Bases[f] + Offsets[Starts[f] + i].
 *   <li>The rule: Bases[f] is the smallest id of file f's list (0 for an empty list); each width (in [0,
 *       {@value #MAX_BITS}]) is {@link BitPacking#widthFor} of the largest value of its array (StartBits: of S).
 *   <li>The section is {@link #sectionBytes} bytes: 8 and the three packed areas.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (the reader checks Starts against S and ids against N).
 */
public final class PackedFileSymbolsFormat {
  /** Bytes before Starts: the three widths and the reserved bytes. */
  public static final int HEADER_BYTES = 8;
  /** The widest field: ids, offsets and Starts are below 2^31. */
  public static final int MAX_BITS = 31;
  /** Index of OffsetBits among the header's widths. */
  public static final int OFFSET_BITS = 0;
  /** Index of StartBits among the header's widths. */
  public static final int START_BITS = 1;
  /** Index of BaseBits among the header's widths. */
  public static final int BASE_BITS = 2;

  private PackedFileSymbolsFormat() {}

  /** Width {@code i} of the header ({@link #OFFSET_BITS}, {@link #START_BITS}, {@link #BASE_BITS}); unchecked. */
  public static int width(MemorySegment section, int i) {
    return Byte.toUnsignedInt(section.get(BYTE, i));
  }

  /** The reserved bytes 3..7 as one value (zero in a sound section). */
  public static long zero(MemorySegment section) {
    return section.get(LittleEndian.LONG, 0) >>> 24;
  }

  /**
   * Where the parts of a section with these widths lie, for {@code fileCount} files. Immutable.
   *
   * @param fileCount F
   * @param offsetBits OffsetBits
   * @param startBits StartBits
   * @param baseBits BaseBits
   */
  public record Areas(int fileCount, int offsetBits, int startBits, int baseBits) {
    /** The areas of {@code section} (its widths read, unchecked). */
    public static Areas of(MemorySegment section, int fileCount) {
      return new Areas(fileCount, width(section, OFFSET_BITS), width(section, START_BITS), width(section, BASE_BITS));
    }

    /** Offset of Starts. */
    public long starts() {
      return HEADER_BYTES;
    }

    /** Offset of Bases. */
    public long bases() {
      return starts() + BitPacking.areaBytes((fileCount + 1L) * startBits);
    }

    /** Offset of Offsets. */
    public long offsets() {
      return bases() + BitPacking.areaBytes((long) fileCount * baseBits);
    }

    /** The section's length for {@code symbolCount} listed nodes. */
    public long sectionBytes(long symbolCount) {
      return offsets() + BitPacking.areaBytes(symbolCount * offsetBits);
    }

    /** Starts[f]; unchecked. */
    public long start(MemorySegment section, int f) {
      return BitPacking.get(section, starts(), (long) f * startBits, startBits);
    }

    /** Bases[f]; unchecked. */
    public long base(MemorySegment section, int f) {
      return BitPacking.get(section, bases(), (long) f * baseBits, baseBits);
    }

    /** Offsets[i]; unchecked. */
    public long offset(MemorySegment section, long i) {
      return BitPacking.get(section, offsets(), i * offsetBits, offsetBits);
    }

    /** Offset of the byte holding Starts[f]'s first bit, for messages. */
    public long startOffset(int f) {
      return starts() + ((long) f * startBits >>> 3);
    }

    /** Offset of the byte holding Bases[f]'s first bit, for messages. */
    public long baseOffset(int f) {
      return bases() + ((long) f * baseBits >>> 3);
    }

    /** Offset of the byte holding Offsets[i]'s first bit, for messages. */
    public long offsetOffset(long i) {
      return offsets() + (i * offsetBits >>> 3);
    }
  }

  /** Writes the section for {@code index} (computed by {@link FileSymbolsFormat#order}). O(F + S). */
  public static void write(SectionSink out, FileSymbolsFormat.Index index) throws IOException {
    int[] starts = index.starts();
    int[] ids = index.nodeIds();
    int fileCount = starts.length - 1;
    int[] bases = new int[fileCount];
    long maxOffset = 0;
    long maxBase = 0;
    for (int f = 0; f < fileCount; f++) {
      if (starts[f] == starts[f + 1]) {
        continue;
      }
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int i = starts[f]; i < starts[f + 1]; i++) {
        min = Math.min(min, ids[i]);
        max = Math.max(max, ids[i]);
      }
      bases[f] = min;
      maxBase = Math.max(maxBase, min);
      maxOffset = Math.max(maxOffset, (long) max - min);
    }
    int offsetBits = BitPacking.widthFor(maxOffset);
    int startBits = BitPacking.widthFor(starts[fileCount]);
    int baseBits = BitPacking.widthFor(maxBase);
    out.putByte(offsetBits);
    out.putByte(startBits);
    out.putByte(baseBits);
    for (int i = 3; i < HEADER_BYTES; i++) {
      out.putByte(0);
    }
    BitPacking.Writer packed = new BitPacking.Writer(out);
    for (int start : starts) {
      packed.add(start, startBits);
    }
    packed.finish();
    packed = new BitPacking.Writer(out);
    for (int base : bases) {
      packed.add(base, baseBits);
    }
    packed.finish();
    packed = new BitPacking.Writer(out);
    for (int f = 0; f < fileCount; f++) {
      for (int i = starts[f]; i < starts[f + 1]; i++) {
        packed.add((long) ids[i] - bases[f], offsetBits);
      }
    }
    packed.finish();
  }
}
