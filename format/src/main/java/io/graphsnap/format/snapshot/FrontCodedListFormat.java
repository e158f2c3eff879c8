package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.lang.foreign.MemorySegment;

/**
 * A sorted list of byte strings, front-coded in blocks (as Lucene's terms dictionaries are): the shape of
 * {@link SectionId#NODE_NAMES} and {@link SectionId#FILE_PATHS} in a compact snapshot of format version {@link
 * SnapshotFormat#VERSION_FRONT_CODED_NAMES} and later ({@link #frontCoded}); every other string list, and both of
 * these in a file with the fixed adjacency or of an older version, are {@link StringListFormat StringLists}. The
 * grammar:
 *
 * <pre>
 * FrontCodedList --&gt; Count UInt32, BlockSize UInt32, Block^BlockCount, BlockStart UInt64^BlockCount
 *                     BlockCount = ⌈Count / BlockSize⌉
 * Block          --&gt; Length VarUInt, Byte^Length, Entry^(n−1)     n = min(BlockSize, Count − b·BlockSize)
 * Entry          --&gt; Shared VarUInt, SuffixLength VarUInt, Byte^SuffixLength
 * VarUInt        --&gt; as in {@link CompactCsrFormat} (LEB128, at most 5 bytes, below 2^32), in its shortest form
 * </pre>
 *
 * <ul>
 *   <li>A block's first string (its head) is whole; every other string is the previous string's first Shared bytes
 *       followed by its SuffixLength bytes. Shared is the longest common prefix of the two (so the bytes are
 *       canonical), at most the previous string's length.
 *   <li>Strings strictly increase as unsigned bytes (code-point order for UTF-8), across blocks too. So in a sound
 *       list SuffixLength ≥ 1 and, when Shared is below the previous string's length, the suffix's first byte is
 *       above the previous string's byte at Shared: {@link #entryIncreases} is the whole order check of an entry.
 *   <li>BlockSize is a power of two in [1, {@link #MAX_BLOCK_SIZE}]; string i is in block {@code i / BlockSize}.
 *   <li>BlockStart[b] is the offset in the section of block b's first byte: BlockStart[0] = {@link #BLOCKS}, strictly
 *       increasing; the index starts at {@link #indexOffset indexOffset} = section length − 8·BlockCount, where the
 *       last block ends. The index comes last because the writer streams the strings ({@link FrontCodedListWriter}).
 *   <li>Offsets are UInt64: the section may pass 4 GiB (120 M names); one string is below 2<sup>32</sup> bytes.
 *   <li>No alignment: every read is unaligned ({@link LittleEndian}).
 * </ul>
 *
 * <p>Reading string i costs one index read and decoding at most BlockSize − 1 entries before it; a scan in order
 * decodes each entry once. The reads here are unchecked (the reader checks bounds, see its {@code FrontCodedStrings});
 * stateless and thread-safe.
 */
public final class FrontCodedListFormat {
  /** Offset of Count. */
  public static final int COUNT = 0;
  /** Offset of BlockSize. */
  public static final int BLOCK_SIZE = 4;
  /** Offset of the first block: the fixed header's size. */
  public static final int BLOCKS = 8;
  /** Bytes of one BlockStart. */
  public static final int START_BYTES = 8;
  /** Largest BlockSize. */
  public static final int MAX_BLOCK_SIZE = 1 << 10;
  /**
   * The BlockSize the builder writes. Measured on the bench's medium graph (1.18 M names, 10.6 M edges; bench/README.md,
   * "Compact format"): NODE_NAMES is 0.84, 0.63 and 0.53 B/edge in blocks of 8, 16 and 32; with 32, lookups that hit
   * and {@code name(id)} were 4–14 % and 6–13 % slower than with 16 (twice the entries to walk), with 8 no faster.
   */
  public static final int DEFAULT_BLOCK_SIZE = 16;
  /** Most bytes of one VarUInt. */
  public static final int MAX_VARINT_BYTES = CompactCsrFormat.MAX_VARINT_BYTES;

  private FrontCodedListFormat() {}

  /**
   * Whether NODE_NAMES and FILE_PATHS of a file with this header are FrontCodedLists (else StringLists): the compact
   * layout ({@link CompactCsrFormat#layoutOf}) from version {@link SnapshotFormat#VERSION_FRONT_CODED_NAMES} on.
   */
  public static boolean frontCoded(SnapshotHeader header) {
    return frontCoded(header.formatVersion(), CompactCsrFormat.layoutOf(header));
  }

  /** {@link #frontCoded(SnapshotHeader)} from the version and the adjacency layout. */
  public static boolean frontCoded(int formatVersion, CompactCsrFormat.Layout layout) {
    return formatVersion >= SnapshotFormat.VERSION_FRONT_CODED_NAMES && layout == CompactCsrFormat.Layout.COMPACT;
  }

  /** Whether {@code blockSize} is a valid BlockSize: a power of two in [1, {@link #MAX_BLOCK_SIZE}]. */
  public static boolean validBlockSize(long blockSize) {
    return blockSize >= 1 && blockSize <= MAX_BLOCK_SIZE && Long.bitCount(blockSize) == 1;
  }

  /** BlockCount for {@code count} strings in blocks of {@code blockSize}. */
  public static long blockCount(long count, int blockSize) {
    return (count + blockSize - 1) / blockSize;
  }

  /** Offset of BlockStart[0] in a section of {@code sectionLength} bytes with {@code blockCount} blocks. */
  public static long indexOffset(long sectionLength, long blockCount) {
    return sectionLength - START_BYTES * blockCount;
  }

  /**
   * Whether an entry of {@code shared} and {@code suffixLength} whose suffix starts with {@code suffixFirst} (0–255)
   * follows a string of {@code previousLength} bytes whose byte at {@code shared} is {@code previousAtShared} (any
   * value when {@code shared == previousLength}) in strictly increasing order with a canonical Shared.
   */
  public static boolean entryIncreases(long previousLength, long shared, long suffixLength, int suffixFirst,
      int previousAtShared) {
    if (suffixLength < 1 || shared > previousLength) {
      return false;
    }
    return shared == previousLength || suffixFirst > previousAtShared;
  }

  // ---------------------------------------------------------------- reads (unchecked)

  /** Count, as an unsigned value. */
  public static long count(MemorySegment list) {
    return Integer.toUnsignedLong(list.get(INT, COUNT));
  }

  /** BlockSize, as an unsigned value. */
  public static long blockSize(MemorySegment list) {
    return Integer.toUnsignedLong(list.get(INT, BLOCK_SIZE));
  }

  /** BlockStart[b], for an index at {@code indexOffset}. */
  public static long blockStart(MemorySegment list, long indexOffset, long b) {
    return list.get(LONG, indexOffset + START_BYTES * b);
  }

  /** Receives the strings of a list in order, in a reused buffer. */
  @FunctionalInterface
  public interface StringVisitor {
    /** Receives string {@code bytes[0, length)}; must not keep or modify the buffer. */
    void accept(byte[] bytes, int length);
  }

  /**
   * Decodes every string of a list, in order, into one reused buffer, walking the blocks one after the other (they
   * are contiguous). Checks what the walk relies on (the count and block size fit the section, each VarUInt and
   * suffix ends before the index, a shared prefix is no longer than the string before), so a damaged list throws
   * {@link CorruptSnapshotException} naming {@code resource}, {@code section} and the offset instead of reading past
   * its blocks or allocating out of proportion; it does not check the order or the index (the reader's {@code
   * FrontCodedStrings} does). O(total bytes).
   */
  public static void forEach(MemorySegment list, StringVisitor visitor, String resource, String section) {
    long size = list.byteSize();
    long count = size < BLOCKS ? -1 : count(list);
    long blockSize = size < BLOCKS ? 0 : blockSize(list);
    if (count < 0 || count > size || !validBlockSize(blockSize)) {
      throw new CorruptSnapshotException(resource, section, 0, "count " + count + " or block size " + blockSize
          + " does not fit the section (" + size + " bytes)");
    }
    long end = indexOffset(size, blockCount(count, (int) blockSize));
    long pos = BLOCKS;
    byte[] buffer = new byte[64];
    int length = 0;
    for (long i = 0; i < count; i++) {
      int shared = 0;
      if (i % blockSize != 0) {
        long v = checkedVar(list, pos, end, resource, section);
        pos += v >>> 32;
        shared = (int) v;
      }
      long v = checkedVar(list, pos, end, resource, section);
      pos += v >>> 32;
      long suffix = v & 0xFFFF_FFFFL;
      if (shared > length || suffix > end - pos) {
        throw new CorruptSnapshotException(resource, section, pos, "string " + i + " shares " + shared + " bytes of "
            + length + " or its " + suffix + " bytes run past the blocks' end " + end);
      }
      length = shared + (int) suffix;
      if (length > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(length, 2 * buffer.length));
      }
      MemorySegment.copy(list, LittleEndian.BYTE, pos, buffer, shared, (int) suffix);
      pos += suffix;
      visitor.accept(buffer, length);
    }
  }

  /** {@link #forEach(MemorySegment, StringVisitor, String, String)} of a list with no file or section to name. */
  public static void forEach(MemorySegment list, StringVisitor visitor) {
    forEach(list, visitor, "front-coded list", "FrontCodedList");
  }

  /** The VarUInt at {@code pos}, which must start and end before {@code end} (see {@link #readVar}). */
  private static long checkedVar(MemorySegment list, long pos, long end, String resource, String section) {
    long v = pos < end ? readVar(list, pos) : 0;
    if (pos >= end || pos + (v >>> 32) > end) {
      throw new CorruptSnapshotException(resource, section, pos, "VarUInt past the blocks' end " + end);
    }
    return v;
  }

  /** The VarUInt at {@code pos} (unchecked): its value in the low 32 bits, its byte count above. */
  public static long readVar(MemorySegment list, long pos) {
    long value = 0;
    int i = 0;
    int b;
    do {
      b = list.get(LittleEndian.BYTE, pos + i);
      value |= (long) (b & 0x7F) << (7 * i);
      i++;
    } while (b < 0 && i < MAX_VARINT_BYTES);
    return (value & 0xFFFF_FFFFL) | ((long) i << 32);
  }
}
