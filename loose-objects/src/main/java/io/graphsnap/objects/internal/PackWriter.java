package io.graphsnap.objects.internal;

import io.graphsnap.format.object.Hex;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Writes one pack ({@link PackFormat}) into a temporary file: objects are appended as they are {@link #add added}
 * (gathered and written a mebibyte at a time, with direct I/O where possible: {@link DirectAppendStream}; no sync), {@link #complete()} appends the fan-out table, the index and the footer and
 * forces the file to disk, and {@link #moveInto} renames it onto its content name in the packs folder (the caller
 * forces that folder once for every pack of a commit). So a pack under its final name is always whole and durable.
 *
 * <p>Mutable, not thread-safe: one owner. Memory: about 60 bytes of flat arrays per object (its id, offset, two
 * lengths and a hash slot; the bytes go to the file).
 */
public final class PackWriter implements AutoCloseable {
  private enum State { OPEN, COMPLETE, MOVED, CLOSED }

  private final Path tmp;
  private final FileChannel channel;
  private final DirectAppendStream out;
  /** The ids in order of addition, {@link ObjectId#BYTES} each: flat, no object per id. */
  private byte[] ids = new byte[64 * ObjectId.BYTES];
  /** Open addressing over {@link #ids} by each id's leading bits: a position plus one, 0 empty; at most half full. */
  private int[] slots = new int[128];
  /**
   * Mixed into each id's slot: ids are SHA-256 of what the input holds, so an input crafted to put many ids in one
   * run of slots would need to know it.
   */
  private final long seed = ThreadLocalRandom.current().nextLong();
  private long[] offsets = new long[64];
  private int[] lengths = new int[64];
  private int[] rawLengths = new int[64];
  private int count;
  private long offset;
  private String contentName;
  private State state = State.OPEN;

  /** A writer into a new temporary file in {@code tmpDir}. */
  public PackWriter(Path tmpDir) throws IOException {
    Path file = Files.createTempFile(tmpDir, "pack-", ".tmp");
    FileChannel opened = null;
    try {
      opened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      DirectAppendStream stream = new DirectAppendStream(file, opened); // bulk bytes, not kept in the page cache
      ByteBuffer header = little(PackFormat.HEADER_BYTES);
      header.putInt(PackFormat.MAGIC).putInt(PackFormat.VERSION_CURRENT);
      stream.write(header.array());
      this.tmp = file;
      this.channel = opened;
      this.out = stream;
    } catch (IOException | RuntimeException e) {
      try {
        if (opened != null) {
          opened.close();
        }
      } finally {
        Files.deleteIfExists(file);
      }
      throw e;
    }
    offset = PackFormat.HEADER_BYTES;
  }

  /**
   * Appends object {@code id} with {@code bytes} (whose SHA-256 the caller computed as {@code id}), as an LZ4 block
   * if that is shorter; returns false, writing nothing, if this pack already holds {@code id}. O(length).
   */
  public boolean add(ObjectId id, byte[] bytes) throws IOException {
    checkState(State.OPEN);
    if (contains(id)) {
      return false;
    }
    return add(id, bytes.length, Lz4Block.compress(bytes, bytes.length), bytes);
  }

  /**
   * Appends object {@code id} of {@code rawLength} bytes as {@code block} (an LZ4 block of it, see {@link
   * Lz4Block}) or, when {@code block} is null, as {@code raw}; returns false, writing nothing, if this pack already
   * holds {@code id}. For objects compressed elsewhere (a worker thread, or a block copied from another pack). O(length).
   */
  public boolean add(ObjectId id, int rawLength, byte[] block, byte[] raw) throws IOException {
    checkState(State.OPEN);
    int slot = slotOf(id);
    if (slots[slot] != 0) {
      return false;
    }
    if (count == offsets.length) {
      ids = Arrays.copyOf(ids, count * 2 * ObjectId.BYTES);
      offsets = Arrays.copyOf(offsets, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
      rawLengths = Arrays.copyOf(rawLengths, count * 2);
    }
    byte[] stored = block != null ? block : raw;
    if (block == null ? raw.length != rawLength : block.length >= rawLength) {
      throw new IllegalArgumentException("object " + id.hex() + " of " + rawLength + " bytes stored as "
          + stored.length + (block == null ? " raw bytes" : " compressed bytes (not shorter)"));
    }
    out.write(stored);
    id.copyInto(ids, count * ObjectId.BYTES);
    offsets[count] = offset;
    lengths[count] = stored.length;
    rawLengths[count] = rawLength;
    slots[slot] = count + 1;
    count++;
    offset += stored.length;
    if (count > slots.length / 2) {
      rehash(slots.length * 2);
    }
    return true;
  }

  /** Whether this pack holds {@code id}. O(1) expected. */
  public boolean contains(ObjectId id) {
    return slots[slotOf(id)] != 0;
  }

  /** The slot holding {@code id}, or the empty slot where it would go. */
  private int slotOf(ObjectId id) {
    int mask = slots.length - 1;
    int slot = slotHash(id.hashCode()) & mask; // hashCode: the id's first four bytes
    while (slots[slot] != 0 && !id.matches(ids, (slots[slot] - 1) * ObjectId.BYTES)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < count; i++) {
      int slot = slotHash(ObjectId.hashCodeAt(ids, i * ObjectId.BYTES)) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  private int slotHash(int leading) {
    return (int) PathFingerprint.mix(leading ^ seed);
  }

  /** The number of objects added. */
  public int count() {
    return count;
  }

  /** The bytes of object data written so far. */
  public long dataBytes() {
    return offset - PackFormat.HEADER_BYTES;
  }

  /** The bytes of object {@code id} as written to the temporary file, or null if this pack does not hold it. */
  public byte[] read(ObjectId id) throws IOException {
    int slot = slots[slotOf(id)];
    if (slot == 0) {
      return null;
    }
    int at = slot - 1;
    if (state == State.OPEN) {
      out.flush();
    }
    byte[] bytes = new byte[lengths[at]];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = offsets[at];
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("pack temporary " + tmp + " is shorter than what was written to it");
      }
    }
    if (lengths[at] == rawLengths[at]) {
      return bytes;
    }
    byte[] raw = Lz4Block.decompress(bytes, 0, bytes.length, rawLengths[at]);
    if (raw == null) {
      throw new IOException("pack temporary " + tmp + " holds a block for " + id.hex() + " that does not decompress");
    }
    return raw;
  }

  /**
   * Appends the fan-out table, the index and the footer, and forces the file to disk. The pack then takes no more
   * objects. O(count · log count).
   */
  public void complete() throws IOException {
    checkState(State.OPEN);
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(ids, a * ObjectId.BYTES, (a + 1) * ObjectId.BYTES,
        ids, b * ObjectId.BYTES, (b + 1) * ObjectId.BYTES)); // ObjectId's order
    ByteBuffer fanout = little(PackFormat.FANOUT_BYTES);
    ByteBuffer index = little(Math.multiplyExact(PackFormat.ENTRY_BYTES, count));
    MessageDigest name = ObjectId.sha256();
    int[] perFirstByte = new int[PackFormat.FANOUT_BUCKETS];
    for (Integer i : order) {
      int at = i * ObjectId.BYTES;
      perFirstByte[ids[at] & 0xff]++;
      name.update(ids, at, ObjectId.BYTES);
      index.put(ids, at, ObjectId.BYTES).putLong(offsets[i]).putInt(lengths[i]).putInt(rawLengths[i]);
    }
    int cumulative = 0;
    for (int b = 0; b < PackFormat.FANOUT_BUCKETS; b++) {
      cumulative += perFirstByte[b];
      fanout.putInt(cumulative);
    }
    CRC32C crc = new CRC32C();
    crc.update(fanout.array());
    crc.update(index.array());
    ByteBuffer footer = little(PackFormat.FOOTER_BYTES);
    footer.putLong(offset).putLong(count).putInt((int) crc.getValue()).putInt(PackFormat.MAGIC);
    out.write(fanout.array());
    out.write(index.array());
    out.write(footer.array());
    out.flush();
    channel.force(true);
    contentName = PackFormat.PREFIX + Hex.of(name.digest()) + PackFormat.SUFFIX;
    state = State.COMPLETE;
  }

  /**
   * Renames the completed pack onto its content name in {@code packsDir} (created if missing) and returns its path;
   * does not force the folder (the caller does, once per commit). A pack of that name is replaced: it holds the same
   * objects.
   */
  public Path moveInto(Path packsDir) throws IOException {
    checkState(State.COMPLETE);
    out.close();
    channel.close();
    SafeFiles.ensureDirectory(packsDir);
    Path target = packsDir.resolve(contentName);
    SafeFiles.checkFileIfPresent(target); // a link or FIFO under a pack's name is refused, never replaced
    FileSync.renameAtomically(tmp, target);
    state = State.MOVED;
    return target;
  }

  /** Deletes the temporary file unless the pack was moved into place. Idempotent. */
  @Override
  public void close() throws IOException {
    if (state == State.MOVED || state == State.CLOSED) {
      state = State.CLOSED;
      return;
    }
    state = State.CLOSED;
    try {
      out.close();
    } finally {
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private void checkState(State expected) {
    if (state != expected) {
      throw new IllegalStateException("pack " + tmp + " is " + state.name().toLowerCase(java.util.Locale.ROOT)
          + ", expected " + expected.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static ByteBuffer little(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
