package io.graphsnap.objects.internal;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.Limits;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One pack ({@link PackFormat}) mapped read-only. {@link #open} checks the whole structure and the checksum of the
 * fan-out table and index before anything is served (O(count) once, which also fills a filter of the ids on the heap,
 * 2 bytes an object: {@link HashFilter}), so every later read is in bounds; {@link #find} asks the filter, then
 * searches the id's fan-out bucket (O(log(count / 256)), no allocation), {@link #read} copies one
 * object's bytes, decompressing a compressed one (the caller checks them against the id, as for a loose object).
 *
 * <p>Thread-safe for reads. Owns its mapping (the file descriptor is closed at open: on Linux and macOS the mapping
 * stays readable after the file is deleted); {@link #close()} unmaps it, after which a read throws {@link
 * IllegalStateException}, so the owner closes it only once no reader uses it.
 */
public final class PackFile implements AutoCloseable {
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Ids compare as unsigned bytes, which is the order of big-endian unsigned longs. */
  private static final ValueLayout.OfLong ID_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final Path file;
  private final Arena arena;
  private final MemorySegment pack;
  private final long fanoutOffset;
  private final long indexOffset;
  private final int count;
  private final int version;
  private final int entryBytes;
  /** The ids' filter, filled by {@link #checkEntries} as it reads every entry at open. */
  private final HashFilter filter;

  private PackFile(Path file, Arena arena, MemorySegment pack, long fanoutOffset, int count, int version) {
    this.file = file;
    this.arena = arena;
    this.pack = pack;
    this.fanoutOffset = fanoutOffset;
    this.indexOffset = fanoutOffset + PackFormat.FANOUT_BYTES;
    this.count = count;
    this.version = version;
    this.entryBytes = PackFormat.entryBytes(version);
    this.filter = new HashFilter(count);
  }

  /**
   * Maps and checks the pack at {@code file}.
   *
   * @throws CorruptObjectException if it is not a whole, sound pack of a supported version (the message names the
   *     file and what is wrong)
   * @throws io.graphsnap.objects.UnsafeStoreException if {@code file} is a link or not a regular file
   */
  public static PackFile open(Path file) throws IOException {
    Arena arena = Arena.ofShared();
    boolean ok = false;
    try {
      MemorySegment pack;
      try (FileChannel channel = SafeFiles.open(file, StandardOpenOption.READ)) {
        pack = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      }
      PackFile opened = check(file, arena, pack);
      ok = true;
      return opened;
    } finally {
      if (!ok) {
        arena.close();
      }
    }
  }

  private static PackFile check(Path file, Arena arena, MemorySegment pack) throws CorruptObjectException {
    long size = pack.byteSize();
    if (size < PackFormat.HEADER_BYTES + PackFormat.FANOUT_BYTES + PackFormat.FOOTER_BYTES) {
      throw damaged(file, "is " + size + " bytes, shorter than a header, a fan-out table and a footer");
    }
    if (pack.get(INT, 0) != PackFormat.MAGIC) {
      throw damaged(file, "has no pack header (magic=" + Integer.toHexString(pack.get(INT, 0)) + ")");
    }
    int version = pack.get(INT, 4);
    if (version < PackFormat.VERSION_START || version > PackFormat.VERSION_CURRENT) {
      throw damaged(file, "has version " + version + ", supported " + PackFormat.VERSION_START + ".."
          + PackFormat.VERSION_CURRENT + " (written by a newer graphsnap?)");
    }
    long footer = size - PackFormat.FOOTER_BYTES;
    if (pack.get(INT, footer + 20) != PackFormat.MAGIC) {
      throw damaged(file, "has no footer (truncated?)");
    }
    long fanoutOffset = pack.get(LONG, footer);
    long entries = pack.get(LONG, footer + 8);
    if (fanoutOffset < PackFormat.HEADER_BYTES || fanoutOffset > footer || entries < 0
        || entries > (footer - fanoutOffset) / PackFormat.entryBytes(version)
        || PackFormat.fileBytes(version, fanoutOffset, entries) != size) {
      throw damaged(file, "footer is inconsistent: fanoutOffset=" + fanoutOffset + " count=" + entries + " size="
          + size);
    }
    long checked = footer - fanoutOffset;
    if (checked > Integer.MAX_VALUE || entries > Integer.MAX_VALUE) {
      throw damaged(file, "index of " + entries + " entries is larger than a pack may hold");
    }
    CRC32C crc = new CRC32C();
    crc.update(pack.asSlice(fanoutOffset, checked).asByteBuffer());
    if ((int) crc.getValue() != pack.get(INT, footer + 16)) {
      throw damaged(file, "fan-out table and index checksum mismatch at offset " + fanoutOffset);
    }
    PackFile opened = new PackFile(file, arena, pack, fanoutOffset, (int) entries, version);
    opened.checkEntries();
    return opened;
  }

  /** Fan-out monotone and ending at count; ids strictly increasing and in their buckets; objects within Data. */
  private void checkEntries() throws CorruptObjectException {
    int previous = 0;
    for (int b = 0; b < PackFormat.FANOUT_BUCKETS; b++) {
      int upTo = bucketEnd(b);
      if (upTo < previous || upTo > count) {
        throw damaged(file, "fan-out table is not non-decreasing within 0.." + count + " at bucket " + b);
      }
      previous = upTo;
    }
    if (previous != count) {
      throw damaged(file, "fan-out table ends at " + previous + ", not at the entry count " + count);
    }
    int bucket = 0;
    for (int i = 0; i < count; i++) {
      long at = entryOffset(i);
      int first = pack.get(ValueLayout.JAVA_BYTE, at) & 0xff;
      while (bucket < PackFormat.FANOUT_BUCKETS && bucketEnd(bucket) <= i) {
        bucket++;
      }
      if (first != bucket) {
        throw damaged(file, "entry " + i + " has an id starting with byte " + first + " in fan-out bucket " + bucket);
      }
      filter.add(pack.get(ID_LONG, at + 8));
      if (i > 0 && compareIds(entryOffset(i - 1), at) >= 0) {
        throw damaged(file, "entry " + i + " does not sort after entry " + (i - 1) + " (ids must strictly increase)");
      }
      long offset = pack.get(LONG, at + PackFormat.ENTRY_OFFSET);
      long length = Integer.toUnsignedLong(pack.get(INT, at + PackFormat.ENTRY_LENGTH));
      long rawLength = version >= PackFormat.VERSION_COMPRESSED
          ? Integer.toUnsignedLong(pack.get(INT, at + PackFormat.ENTRY_RAW_LENGTH)) : length;
      if (Math.max(length, rawLength) > Limits.MAX_OBJECT_BYTES) {
        throw damaged(file, "entry " + i + " is " + Math.max(length, rawLength) + " bytes, more than the object"
            + " limit of " + Limits.MAX_OBJECT_BYTES);
      }
      if (length > rawLength) {
        throw damaged(file, "entry " + i + " stores " + length + " bytes for an object of " + rawLength
            + " (a compressed copy is shorter than the object)");
      }
      if (offset < PackFormat.HEADER_BYTES || offset > fanoutOffset - length) {
        throw damaged(file, "entry " + i + " lies outside the data: offset=" + offset + " length=" + length
            + " data ends at " + fanoutOffset);
      }
    }
  }

  /** The pack's file. */
  public Path file() {
    return file;
  }

  /** The number of objects. */
  public int count() {
    return count;
  }

  /** The index of the entry of {@code id}, or -1. O(log(count / 256)). */
  public int find(ObjectId id) {
    return find(id.toBytes());
  }

  /**
   * The index of the entry whose id is the 32 bytes {@code key}, or -1. O(log(count / 256)) for an id the pack holds,
   * O(1) (a filter word, {@link HashFilter}) for nearly every id it does not; no allocation.
   */
  public int find(byte[] key) {
    long k1 = longOf(key, 8);
    if (!filter.mightContain(k1)) {
      return -1;
    }
    int bucket = key[0] & 0xff;
    int lo = bucket == 0 ? 0 : bucketEnd(bucket - 1);
    int hi = bucketEnd(bucket) - 1;
    long k0 = longOf(key, 0);
    long k2 = longOf(key, 16);
    long k3 = longOf(key, 24);
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long at = entryOffset(mid);
      int c = Long.compareUnsigned(pack.get(ID_LONG, at), k0);
      if (c == 0) {
        c = Long.compareUnsigned(pack.get(ID_LONG, at + 8), k1);
      }
      if (c == 0) {
        c = Long.compareUnsigned(pack.get(ID_LONG, at + 16), k2);
      }
      if (c == 0) {
        c = Long.compareUnsigned(pack.get(ID_LONG, at + 24), k3);
      }
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The id of entry {@code i} (in [0, count)). */
  public ObjectId id(int i) {
    byte[] id = new byte[PackFormat.ID_BYTES];
    MemorySegment.copy(pack, ValueLayout.JAVA_BYTE, entryOffset(checkEntry(i)), id, 0, id.length);
    return ObjectId.fromBytes(id);
  }

  /** Where entry {@code i}'s object starts in the file: objects written later lie further on. */
  public long offset(int i) {
    return pack.get(LONG, entryOffset(checkEntry(i)) + PackFormat.ENTRY_OFFSET);
  }

  /** The length in bytes of entry {@code i}'s object (decompressed). */
  public int length(int i) {
    long at = entryOffset(checkEntry(i));
    return pack.get(INT, at + (version >= PackFormat.VERSION_COMPRESSED ? PackFormat.ENTRY_RAW_LENGTH
        : PackFormat.ENTRY_LENGTH));
  }

  /** The bytes entry {@code i}'s object takes in the file (less than {@link #length} when compressed). */
  public int storedLength(int i) {
    return pack.get(INT, entryOffset(checkEntry(i)) + PackFormat.ENTRY_LENGTH);
  }

  /**
   * A copy of entry {@code i}'s object bytes (decompressed), unchecked against its id, or null if its stored block
   * does not decompress to the object's length. O(length).
   */
  public byte[] read(int i) {
    byte[] stored = stored(i);
    int rawLength = length(i);
    return stored.length == rawLength ? stored : Lz4Block.decompress(stored, 0, stored.length, rawLength);
  }

  /** A copy of entry {@code i}'s bytes as stored (an LZ4 block or the object itself). */
  private byte[] stored(int i) {
    long at = entryOffset(checkEntry(i));
    byte[] stored = new byte[pack.get(INT, at + PackFormat.ENTRY_LENGTH)];
    MemorySegment.copy(pack, ValueLayout.JAVA_BYTE, pack.get(LONG, at + PackFormat.ENTRY_OFFSET), stored, 0,
        stored.length);
    return stored;
  }

  /**
   * A copy of entry {@code i}'s object bytes if they decompress and hash to the entry's id, else null (a damaged
   * copy). O(length).
   */
  public byte[] readWhole(int i) {
    byte[] bytes = read(i);
    return bytes != null && ObjectId.of(bytes).equals(id(i)) ? bytes : null;
  }

  /**
   * Entry {@code i} as it is stored, checked: its stored bytes (an LZ4 block when {@link #storedLength} is less than
   * {@link #length}, else the object itself), if they decompress and hash to the entry's id; else null (a damaged
   * copy). For copying an object into another pack without compressing it again ({@link PackWriter#add(ObjectId, int,
   * byte[], byte[])}). O(length).
   */
  public StoredObject readStoredWhole(int i) {
    byte[] stored = stored(i);
    int rawLength = length(i);
    byte[] raw = stored.length == rawLength ? stored : Lz4Block.decompress(stored, 0, stored.length, rawLength);
    if (raw == null || !ObjectId.of(raw).equals(id(i))) {
      return null;
    }
    return new StoredObject(rawLength, raw == stored ? null : stored, raw);
  }

  /**
   * An object as a pack stores it: {@code block} is its LZ4 block, or null when the object is stored raw; {@code raw}
   * is the object's bytes (decompressed).
   */
  public record StoredObject(int rawLength, byte[] block, byte[] raw) {}

  /**
   * Drops this process's resident pages of the pack ({@link MemorySegment#unload}: on Linux {@code madvise
   * MADV_DONTNEED}); its contents do not change and a later read faults the pages in again, from the page cache if
   * they are still there. What a long scan calls once it has read a pack, so that the process's resident set does not
   * grow by every pack it read. O(pages); safe beside concurrent reads; a no-op once closed.
   */
  public synchronized void unload() {
    if (arena.scope().isAlive()) {
      pack.unload();
    }
  }

  /** Unmaps the pack. Idempotent; reads after it throw {@link IllegalStateException}. */
  @Override
  public synchronized void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }

  @Override
  public String toString() {
    return "PackFile[" + file + ", " + count + " objects]";
  }

  private int checkEntry(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("entry " + i + " of a pack of " + count + " objects: " + file);
    }
    return i;
  }

  private long entryOffset(int i) {
    return indexOffset + (long) entryBytes * i;
  }

  /** Fanout[b]: the end (exclusive) of bucket b's entries. */
  private int bucketEnd(int b) {
    return pack.get(INT, fanoutOffset + 4L * b);
  }

  private int compareIds(long a, long b) {
    for (int k = 0; k < PackFormat.ID_BYTES; k += 8) {
      int c = Long.compareUnsigned(pack.get(ID_LONG, a + k), pack.get(ID_LONG, b + k));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long longOf(byte[] bytes, int from) {
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = v << 8 | (bytes[from + k] & 0xff);
    }
    return v;
  }

  private static CorruptObjectException damaged(Path file, String problem) {
    return new CorruptObjectException("pack " + file, problem + " (its objects are not served; ingest or build"
        + " again to store them anew)");
  }
}
