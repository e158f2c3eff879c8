package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sorted strings held in a {@link FrontCodedListFormat FrontCodedList} (a compact file's NODE_NAMES and FILE_PATHS from
 * version 6), read in place. A lookup of name i reads one BlockStart and walks at most BlockSize − 1 entries from its block's head;
 * comparisons with a key follow the walk without rebuilding the name (tracking the key's common prefix with the
 * current name: an entry sharing more than that prefix keeps the comparison, one sharing less compares only its
 * suffix), so {@link #equalsAt}, {@link #find}, {@link #lowerBound} and {@link #prefixEnd} allocate nothing. Binary
 * searches compare block heads, then walk one block. {@link #cursor()} decodes blocks sequentially.
 *
 * <p>{@link #open} checks the header and that the index fits, O(1); every read checks that its BlockStart lies
 * among the blocks, that its VarUInts and bytes end before the index and that Shared is at most the previous
 * name's length, so any bytes give answers or a {@link io.graphsnap.format.snapshot.CorruptSnapshotException}
 * naming the section and offset; {@link #verify} checks the rest (blocks contiguous, names strictly increasing
 * with canonical Shared, UTF-8). Immutable; thread-safe.
 */
final class FrontCodedStrings implements SortedStrings {
  /** Longest name decoded into a Java array. */
  private static final long MAX_DECODED_BYTES = Integer.MAX_VALUE - 16;
  private static final int EQUALS = 0;
  private static final int COMPARE = 1;
  private static final int PREFIX = 2;
  /** Longest block {@link #get} copies to the heap before decoding (longer ones are read in place). */
  private static final long COPIED_BLOCK_BYTES = 1 << 14;

  private final Section section;
  /** What the strings are, for messages ("node names"). */
  private final String what;
  private final MemorySegment bytes;
  private final int count;
  private final int shift;
  private final int mask;
  private final int blockSize;
  private final long blockCount;
  /** Offset of BlockStart[0]: the blocks lie in [BLOCKS, indexAt). */
  private final long indexAt;

  private FrontCodedStrings(Section section, String what, int count, int blockSize, long blockCount, long indexAt) {
    this.section = section;
    this.what = what;
    this.bytes = section.bytes();
    this.count = count;
    this.blockSize = blockSize;
    this.shift = Integer.numberOfTrailingZeros(blockSize);
    this.mask = blockSize - 1;
    this.blockCount = blockCount;
    this.indexAt = indexAt;
  }

  /**
   * Checks the header, that the index fits the section and that BlockStart[0] is the first block's offset. O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if not
   */
  static FrontCodedStrings open(Section section, String what) {
    long length = section.length();
    if (length < FrontCodedListFormat.BLOCKS) {
      throw section.corrupt(0, "section length mismatch: actual=" + length + " vs expected>="
          + FrontCodedListFormat.BLOCKS + " (Count, BlockSize)");
    }
    MemorySegment b = section.bytes();
    long count = FrontCodedListFormat.count(b);
    if (count > Integer.MAX_VALUE - 1) {
      throw section.corrupt(FrontCodedListFormat.COUNT, "count out of range: actual=" + count + " vs expected<="
          + (Integer.MAX_VALUE - 1) + " (ids are int)");
    }
    long blockSize = FrontCodedListFormat.blockSize(b);
    if (!FrontCodedListFormat.validBlockSize(blockSize)) {
      throw section.corrupt(FrontCodedListFormat.BLOCK_SIZE, "block size out of range: actual=" + blockSize
          + " vs expected a power of two in [1, " + FrontCodedListFormat.MAX_BLOCK_SIZE + "]");
    }
    long blocks = FrontCodedListFormat.blockCount(count, (int) blockSize);
    // each block holds at least its head's VarUInt: one byte
    long minimum = FrontCodedListFormat.BLOCKS + blocks * (1 + FrontCodedListFormat.START_BYTES);
    if (length < minimum) {
      throw section.corrupt(0, "section too short for " + count + " strings in " + blocks + " blocks: actual=" + length
          + " vs expected>=" + minimum);
    }
    long indexAt = FrontCodedListFormat.indexOffset(length, blocks);
    if (blocks == 0 && length != FrontCodedListFormat.BLOCKS) {
      throw section.corrupt(FrontCodedListFormat.BLOCKS, "an empty list has bytes after its header: actual="
          + length + " vs expected=" + FrontCodedListFormat.BLOCKS);
    }
    FrontCodedStrings names = new FrontCodedStrings(section, what, (int) count, (int) blockSize, blocks, indexAt);
    if (blocks > 0 && FrontCodedListFormat.blockStart(b, indexAt, 0) != FrontCodedListFormat.BLOCKS) {
      throw section.corrupt(indexAt, "BlockStart[0] is not the first block: actual="
          + FrontCodedListFormat.blockStart(b, indexAt, 0) + " vs expected=" + FrontCodedListFormat.BLOCKS);
    }
    return names;
  }

  @Override
  public int count() {
    return count;
  }

  /**
   * Decodes name {@code id} with one copy of each of its bytes: a first walk from the block's head notes where each
   * entry's suffix lies, then the name is filled from its last entry backwards, each entry giving only the bytes
   * before those later entries already gave (the name's byte p comes from the last entry sharing at most p bytes).
   * Blocks of up to {@link #COPIED_BLOCK_BYTES} are copied to the heap first, longer ones read in place.
   */
  @Override
  public String get(int id) {
    java.util.Objects.checkIndex(id, count);
    long b = id >>> shift;
    long start = blockStart(b);
    long end = b + 1 < blockCount ? blockStart(b + 1) : indexAt;
    if (end > start && end - start <= COPIED_BLOCK_BYTES) {
      return fromCopy(id, start, end);
    }
    return inPlace(id, b);
  }

  /**
   * {@link #get} from a heap copy of the block {@code [start, end)}: one bulk copy, then array reads (a mapped
   * segment's per-byte reads cost more than the copy). Checks every read against the copy's end.
   */
  private String fromCopy(int id, long start, long end) {
    byte[] block = new byte[(int) (end - start)];
    MemorySegment.copy(bytes, BYTE, start, block, 0, block.length);
    int last = id & mask;
    int[] suffixAt = new int[last + 1];
    int[] shared = new int[last + 1];
    int at = 0;
    long length = 0;
    for (int j = 0; j <= last; j++) {
      long s = 0;
      if (j > 0) {
        s = arrayVar(block, at, start);
        at += (int) (s >>> 32);
        s &= 0xFFFF_FFFFL;
        if (s > length) {
          throw tooMuchShared(start + at, id >>> shift, j, s, length);
        }
      }
      long t = arrayVar(block, at, start);
      at += (int) (t >>> 32);
      t &= 0xFFFF_FFFFL;
      if (t > block.length - at) {
        throw section.corrupt(start + at, t + " name bytes run past block " + (id >>> shift) + " (" + block.length
            + " bytes)");
      }
      suffixAt[j] = at;
      shared[j] = (int) s;
      length = s + t;
      at += (int) t;
    }
    byte[] utf8 = new byte[(int) length]; // below the block's length
    int low = utf8.length;
    for (int j = last; j >= 0 && low > 0; j--) {
      if (shared[j] < low) {
        System.arraycopy(block, suffixAt[j], utf8, shared[j], low - shared[j]);
        low = shared[j];
      }
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** The VarUInt at {@code block[at]} (a copy of the bytes from section offset {@code start}), as {@link #readVar}. */
  private long arrayVar(byte[] block, int at, long start) {
    long value = 0;
    for (int i = 0; i < FrontCodedListFormat.MAX_VARINT_BYTES; i++) {
      if (at + i >= block.length) {
        throw section.corrupt(start + at, "VarUInt runs past its block");
      }
      int b = block[at + i];
      value |= (long) (b & 0x7F) << (7 * i);
      if (b >= 0) {
        if (value > 0xFFFF_FFFFL || (b == 0 && i > 0)) {
          throw section.corrupt(start + at, "VarUInt out of range or not in its shortest form: " + value);
        }
        return value | ((long) (i + 1) << 32);
      }
    }
    throw section.corrupt(start + at, "VarUInt longer than " + FrontCodedListFormat.MAX_VARINT_BYTES + " bytes");
  }

  /** {@link #get} reading the mapped bytes in place: for blocks too long to copy (or a damaged next BlockStart). */
  private String inPlace(int id, long b) {
    int last = id & mask;
    long[] suffixAt = new long[last + 1];
    long[] sharedSuffix = new long[last + 1]; // Shared << 32 | SuffixLength
    long pos = blockStart(b);
    long length = 0;
    for (int j = 0; j <= last; j++) {
      long e;
      if (j > 0) {
        e = entry(pos, b, j, length);
        pos += entryBytes(e);
      } else {
        long v = readVar(pos);
        pos += v >>> 32;
        e = v & 0xFFFF_FFFFL;
        checkBytes(pos, e);
      }
      suffixAt[j] = pos;
      sharedSuffix[j] = e;
      length = (e >>> 32) + (e & 0xFFFF_FFFFL);
      pos += e & 0xFFFF_FFFFL;
    }
    if (length > MAX_DECODED_BYTES) {
      throw section.corrupt(suffixAt[last], what + ": string " + id + " is " + length + " bytes, longer than "
          + MAX_DECODED_BYTES);
    }
    byte[] utf8 = new byte[(int) length];
    int low = utf8.length; // bytes [low, length) are filled
    for (int j = last; j >= 0 && low > 0; j--) {
      int shared = (int) (sharedSuffix[j] >>> 32);
      if (shared < low) {
        MemorySegment.copy(bytes, BYTE, suffixAt[j], utf8, shared, low - shared);
        low = shared;
      }
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equalsAt(int id, byte[] key) {
    return walk(id >>> shift, id & mask, key, EQUALS, false) == 0;
  }

  @Override
  public int find(byte[] key) {
    int at = lowerBound(key);
    return at < count && equalsAt(at, key) ? at : -1;
  }

  @Override
  public int lowerBound(byte[] key) {
    return firstAbove(key, COMPARE);
  }

  @Override
  public int prefixEnd(int from, byte[] key) {
    return Math.max(from, firstAbove(key, PREFIX));
  }

  /**
   * The first id whose name compares {@code >= 0} with {@code key} ({@code COMPARE}) or {@code > 0} with it as a
   * prefix ({@code PREFIX}), N if none: both are monotone over sorted names. A binary search over the heads, then a
   * walk of the block before the first head that qualifies.
   */
  private int firstAbove(byte[] key, int mode) {
    long lo = 0;
    long hi = blockCount;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (qualifies(walk(mid, 0, key, mode, false), mode)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo == 0) {
      return 0;
    }
    long b = lo - 1; // its head does not qualify; the first that does is in it or is the next head
    return (int) ((b << shift) + walk(b, blockLength(b) - 1, key, mode, true));
  }

  private static boolean qualifies(long comparison, int mode) {
    return mode == COMPARE ? comparison >= 0 : comparison > 0;
  }

  /** The number of names in block {@code b}. */
  private int blockLength(long b) {
    return (int) Math.min(blockSize, count - (b << shift));
  }

  /**
   * Walks block {@code b} from its head to its name {@code last}, comparing each name with {@code key} as {@code
   * mode} says. Not {@code search}: returns name {@code last}'s comparison (EQUALS: 0 if equal, else 1). {@code
   * search}: returns the index in the block of the first name that {@link #qualifies}, or {@code last + 1}.
   * Tracks {@code common}, the length of the common prefix of the current name and the key, and the name's byte
   * there ({@code -1} where the name ends): no name is rebuilt.
   */
  private long walk(long b, int last, byte[] key, int mode, boolean search) {
    long pos = blockStart(b);
    long v = readVar(pos);
    pos += v >>> 32;
    long length = v & 0xFFFF_FFFFL;
    checkBytes(pos, length);
    long common = commonPrefix(pos, length, key, 0);
    int at = common < length ? bytes.get(BYTE, pos + common) & 0xFF : -1;
    pos += length;
    for (int j = 0; ; j++) {
      if (j > 0) {
        long e = entry(pos, b, j, length);
        pos += entryBytes(e);
        long shared = e >>> 32;
        long suffix = e & 0xFFFF_FFFFL;
        if (shared <= common) { // the name agrees with the key up to shared: compare its suffix
          long k = commonPrefix(pos, suffix, key, shared);
          common = shared + k;
          at = k < suffix ? bytes.get(BYTE, pos + k) & 0xFF : -1;
        } // else it keeps the previous name's bytes up to past common: same comparison
        length = shared + suffix;
        pos += suffix;
      }
      int c = comparison(mode, common, length, at, key);
      if (search) {
        if (qualifies(c, mode)) {
          return j;
        }
        if (j == last) {
          return j + 1;
        }
      } else if (j == last) {
        return c;
      }
    }
  }

  /** The comparison of a name of {@code length} bytes whose common prefix with the key is {@code common}. */
  private static int comparison(int mode, long common, long length, int at, byte[] key) {
    int keyLength = key.length;
    return switch (mode) {
      case EQUALS -> common == keyLength && length == keyLength ? 0 : 1;
      case COMPARE -> common == length ? (common == keyLength ? 0 : -1)
          : common == keyLength ? 1 : Integer.compare(at, key[(int) common] & 0xFF);
      default -> common == keyLength ? 0 : common == length ? -1 : Integer.compare(at, key[(int) common] & 0xFF);
    };
  }

  /** How many of the {@code n} bytes at {@code pos} equal {@code key} from {@code from} on. */
  private long commonPrefix(long pos, long n, byte[] key, long from) {
    long limit = Math.min(n, key.length - from);
    MemorySegment b = bytes;
    int k = 0;
    while (k < limit && b.get(BYTE, pos + k) == key[(int) from + k]) {
      k++;
    }
    return k;
  }

  // ---------------------------------------------------------------- checked reads

  /** BlockStart[b], checked to lie among the blocks. */
  private long blockStart(long b) {
    long offset = indexAt + FrontCodedListFormat.START_BYTES * b;
    long start = FrontCodedListFormat.blockStart(bytes, indexAt, b);
    if (start < FrontCodedListFormat.BLOCKS || start >= indexAt) {
      throw section.corrupt(offset, "BlockStart[" + b + "] out of range: actual=" + start + " vs expected in ["
          + FrontCodedListFormat.BLOCKS + ", " + indexAt + ")");
    }
    return start;
  }

  /** The VarUInt at {@code pos}: its value in the low 32 bits, its byte count above. */
  private long readVar(long pos) {
    long value = 0;
    for (int i = 0; i < FrontCodedListFormat.MAX_VARINT_BYTES; i++) {
      if (pos + i >= indexAt) {
        throw section.corrupt(pos, "VarUInt runs into the block index at " + indexAt);
      }
      int b = bytes.get(BYTE, pos + i);
      value |= (long) (b & 0x7F) << (7 * i);
      if (b >= 0) {
        if (value > 0xFFFF_FFFFL) {
          throw section.corrupt(pos, "VarUInt out of range: actual=" + value + " vs expected<2^32");
        }
        if (b == 0 && i > 0) {
          throw section.corrupt(pos, "VarUInt not in its shortest form: " + (i + 1) + " bytes for " + value);
        }
        return value | ((long) (i + 1) << 32);
      }
    }
    throw section.corrupt(pos, "VarUInt longer than " + FrontCodedListFormat.MAX_VARINT_BYTES + " bytes");
  }

  /**
   * The Entry at {@code pos}, name {@code j} of block {@code b} after a name of {@code previousLength} bytes: Shared
   * &lt;&lt; 32 | SuffixLength, checked (Shared at most the previous length, the suffix before the index). Its suffix
   * starts {@link #entryBytes} after {@code pos}.
   */
  private long entry(long pos, long b, int j, long previousLength) {
    long s = readVar(pos);
    long shared = s & 0xFFFF_FFFFL;
    long t = readVar(pos + (s >>> 32));
    long suffix = t & 0xFFFF_FFFFL;
    if (shared > previousLength) {
      throw tooMuchShared(pos, b, j, shared, previousLength);
    }
    checkBytes(pos + (s >>> 32) + (t >>> 32), suffix);
    return shared << 32 | suffix;
  }

  /** The bytes of an entry's two VarUInts (which {@link #readVar} requires in their shortest form). */
  private static int entryBytes(long entry) {
    return CompactCsrFormat.varintBytes((int) (entry >>> 32)) + CompactCsrFormat.varintBytes((int) entry);
  }

  private void checkBytes(long pos, long n) {
    if (n > indexAt - pos) {
      throw section.corrupt(pos, n + " name bytes run into the block index at " + indexAt);
    }
  }

  private RuntimeException tooMuchShared(long pos, long b, int j, long shared, long previousLength) {
    return section.corrupt(pos, what + ": string " + ((b << shift) + j) + " shares more than the previous string: actual="
        + shared + " vs expected<=" + previousLength);
  }

  // ---------------------------------------------------------------- sequential decoding

  @Override
  public NameCursor cursor() {
    return new Cursor();
  }

  /**
   * Decodes names into one buffer: the next id continues from the current one (one entry), any other id starts at
   * its block's head. Not thread-safe.
   */
  private final class Cursor implements NameCursor {
    private byte[] buffer = new byte[64];
    private int length;
    /** The id whose entry starts at {@link #pos}, or -1. */
    private long next = -1;
    private long pos;

    @Override
    public byte[] copy(int id) {
      java.util.Objects.checkIndex(id, count);
      long b = id >>> shift;
      int j = id & mask;
      if (j == 0 || id != next) {
        head(b);
        for (int k = 1; k <= j; k++) {
          entry(b, k);
        }
      } else {
        entry(b, j);
      }
      next = id + 1L;
      return buffer;
    }

    @Override
    public int length() {
      return length;
    }

    /** Decodes block {@code b}'s head: its offset is read from the index. */
    void head(long b) {
      pos = blockStart(b);
      long v = readVar(pos);
      pos += v >>> 32;
      long n = v & 0xFFFF_FFFFL;
      checkBytes(pos, n);
      ensure(n, pos);
      MemorySegment.copy(bytes, BYTE, pos, buffer, 0, (int) n);
      length = (int) n;
      pos += n;
    }

    /** Decodes the entry at {@link #pos}, name {@code j} of block {@code b}. */
    void entry(long b, int j) {
      long e = FrontCodedStrings.this.entry(pos, b, j, length);
      pos += entryBytes(e);
      long shared = e >>> 32;
      long suffix = e & 0xFFFF_FFFFL;
      ensure(shared + suffix, pos);
      MemorySegment.copy(bytes, BYTE, pos, buffer, (int) shared, (int) suffix);
      length = (int) (shared + suffix);
      pos += suffix;
    }

    private void ensure(long n, long at) {
      if (n > MAX_DECODED_BYTES) {
        throw section.corrupt(at, "a name of " + n + " bytes, longer than " + MAX_DECODED_BYTES);
      }
      if (n > buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_DECODED_BYTES, Math.max(n, 2L * buffer.length)));
      }
    }
  }

  // ---------------------------------------------------------------- verification

  @Override
  public void verify() {
    Cursor c = new Cursor();
    byte[] previous = new byte[64];
    int previousLength = 0;
    long expectedStart = FrontCodedListFormat.BLOCKS;
    for (long b = 0; b < blockCount; b++) {
      long startOffset = indexAt + FrontCodedListFormat.START_BYTES * b;
      long start = blockStart(b);
      if (start != expectedStart) {
        throw section.corrupt(startOffset, "BlockStart[" + b + "] is not where block " + (b - 1) + " ends: actual="
            + start + " vs expected=" + expectedStart);
      }
      int n = blockLength(b);
      for (int j = 0; j < n; j++) {
        long id = (b << shift) + j;
        long entryAt = j == 0 ? start : c.pos;
        int from; // the name is known well-formed before this byte (a character boundary)
        if (j == 0) {
          c.head(b);
          if (b > 0 && Arrays.compareUnsigned(previous, 0, previousLength, c.buffer, 0, c.length) >= 0) {
            throw notIncreasing(entryAt, id);
          }
          from = 0;
        } else {
          long e = entry(entryAt, b, j, c.length);
          long shared = e >>> 32;
          long suffix = e & 0xFFFF_FFFFL;
          long suffixAt = entryAt + entryBytes(e);
          int suffixFirst = suffix > 0 ? bytes.get(BYTE, suffixAt) & 0xFF : -1;
          int previousAt = shared < c.length ? c.buffer[(int) shared] & 0xFF : -1;
          if (!FrontCodedListFormat.entryIncreases(c.length, shared, suffix, suffixFirst, previousAt)) {
            throw notIncreasing(entryAt, id);
          }
          from = (int) shared; // back to where a character of the previous (well-formed) name starts
          while (from > 0 && from < c.length && (c.buffer[from] & 0xC0) == 0x80) {
            from--;
          }
          c.entry(b, j);
        }
        long bad = Utf8.firstInvalid(MemorySegment.ofArray(c.buffer), from, c.length);
        if (bad >= 0) {
          throw section.corrupt(entryAt, what + ": string " + id + " is not well-formed UTF-8 at byte " + bad);
        }
        if (j == n - 1) {
          if (c.length > previous.length) {
            previous = new byte[Math.max(c.length, 2 * previous.length)];
          }
          System.arraycopy(c.buffer, 0, previous, 0, c.length);
          previousLength = c.length;
        }
      }
      expectedStart = c.pos;
    }
    if (count > 0 && expectedStart != indexAt) {
      throw section.corrupt(expectedStart, "the last block ends before the block index: actual=" + expectedStart
          + " vs expected=" + indexAt);
    }
  }

  private RuntimeException notIncreasing(long offset, long id) {
    return section.corrupt(offset, what + " are not strictly increasing: string " + id + " "
        + quote(get((int) id)) + " does not sort after string " + (id - 1) + " " + quote(get((int) id - 1)));
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
  }
}
