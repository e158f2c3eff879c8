package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * FILE_SYMBOLS of a compact file from format version {@link SnapshotFormat#VERSION_PACKED_NODES} (see
 * {@link PackedNodeFormat#packed}): the lists of {@link FileSymbolsFormat}, each node id stored as its offset from
 * its file's smallest id in as few bits as the largest offset needs (a file's nodes share a name prefix, so their
 * ids are close). The grammar:
 *
 * <pre>
 * FileSymbols --&gt; OffsetBits UInt8, Zero Byte^7, Starts UInt32^(F+1), Bases Int32^F, Offsets
 * Offsets     --&gt; {@link BitPacking Packed} of S·OffsetBits bits; Offsets[i] at bit i·OffsetBits
 * </pre>
 *
 * <ul>
 *   <li>Starts and the lists' content and order are exactly {@link FileSymbolsFormat}'s (S = Starts[F]); the i-th
 *       listed node of file f is Bases[f] + Offsets[Starts[f] + i].
 *   <li>The rule: Bases[f] is the smallest id of file f's list (0 for an empty list); OffsetBits (in [0, 31]) is
 *       {@link BitPacking#widthFor} of the largest offset.
 *   <li>The section is {@link #sectionBytes} = 8 + 4·(F+1) + 4·F + {@link BitPacking#areaBytes}(S·OffsetBits) bytes.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (the reader checks Starts against S and ids against N).
 */
public final class PackedFileSymbolsFormat {
  /** Bytes before Starts: OffsetBits and the reserved bytes. */
  public static final int HEADER_BYTES = 8;
  /** The widest OffsetBits: an offset between two ids is below 2^31. */
  public static final int MAX_OFFSET_BITS = 31;

  private PackedFileSymbolsFormat() {}

  /** OffsetBits as stored; unchecked. */
  public static int offsetBits(MemorySegment section) {
    return Byte.toUnsignedInt(section.get(BYTE, 0));
  }

  /** The reserved bytes 1..7 as one value (zero in a sound section). */
  public static long zero(MemorySegment section) {
    return section.get(LittleEndian.LONG, 0) >>> 8;
  }

  /** Offset of Starts[f]. */
  public static long startOffset(int f) {
    return HEADER_BYTES + 4L * f;
  }

  /** Offset of Bases[f] for {@code fileCount} files. */
  public static long baseOffset(int fileCount, int f) {
    return HEADER_BYTES + 4L * (fileCount + 1) + 4L * f;
  }

  /** Offset of the Offsets area for {@code fileCount} files. */
  public static long offsetsOffset(int fileCount) {
    return HEADER_BYTES + 4L * (fileCount + 1) + 4L * fileCount;
  }

  /** The section's length. */
  public static long sectionBytes(int fileCount, long symbolCount, int offsetBits) {
    return offsetsOffset(fileCount) + BitPacking.areaBytes(symbolCount * offsetBits);
  }

  /** Starts[f], unsigned; unchecked. */
  public static long start(MemorySegment section, int f) {
    return Integer.toUnsignedLong(section.get(INT, startOffset(f)));
  }

  /** Bases[f]; unchecked. */
  public static int base(MemorySegment section, int fileCount, int f) {
    return section.get(INT, baseOffset(fileCount, f));
  }

  /** Offsets[i]; unchecked. */
  public static long offset(MemorySegment section, int fileCount, long i, int offsetBits) {
    return BitPacking.get(section, offsetsOffset(fileCount), i * offsetBits, offsetBits);
  }

  /** Writes the section for {@code index} (computed by {@link FileSymbolsFormat#order}). O(F + S). */
  public static void write(SectionSink out, FileSymbolsFormat.Index index) throws IOException {
    int[] starts = index.starts();
    int[] ids = index.nodeIds();
    int fileCount = starts.length - 1;
    int[] bases = new int[fileCount];
    long maxOffset = 0;
    for (int f = 0; f < fileCount; f++) {
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int i = starts[f]; i < starts[f + 1]; i++) {
        min = Math.min(min, ids[i]);
        max = Math.max(max, ids[i]);
      }
      bases[f] = starts[f] == starts[f + 1] ? 0 : min;
      maxOffset = Math.max(maxOffset, starts[f] == starts[f + 1] ? 0 : (long) max - min);
    }
    int bits = BitPacking.widthFor(maxOffset);
    out.putByte(bits);
    for (int i = 1; i < HEADER_BYTES; i++) {
      out.putByte(0);
    }
    out.putInts(starts, starts.length);
    out.putInts(bases, fileCount);
    BitPacking.Writer packed = new BitPacking.Writer(out);
    for (int f = 0; f < fileCount; f++) {
      for (int i = starts[f]; i < starts[f + 1]; i++) {
        packed.add((long) ids[i] - bases[f], bits);
      }
    }
    packed.finish();
  }
}
