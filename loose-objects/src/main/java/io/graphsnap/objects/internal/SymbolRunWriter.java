package io.graphsnap.objects.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one symbol run ({@link SymbolRunFormat}) from keys given in strictly increasing order, into a temporary
 * file that {@link #finish} forces to disk and renames atomically onto its final name (its folder forced too), so
 * a run under its final name is always whole. A writer given a filter capacity writes version 2, with a filter of
 * the keys' groups sized for that many groups (16 bits each; more groups only raise its false positives). Mutable,
 * used once, not thread-safe. Memory: one block, and the filter if any.
 */
public final class SymbolRunWriter implements AutoCloseable {
  private final Path tmp;
  private final FileChannel channel;
  private final DirectAppendStream out;
  private final ByteBuffer block = ByteBuffer.allocate(SymbolRunFormat.MAX_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private ByteBuffer indexBytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private byte[] firstKey;
  private byte[] lastKey;
  private long offset;
  private int blockCount;
  private long entryCount;
  private boolean done;
  /** The groups' filter (version 2), or null (version 1). */
  private final HashFilter filter;
  /** The length of {@link #lastKey}'s group, when {@link #filter} is kept. */
  private int lastGroupLength = -1;

  /** A writer of a version-1 run (no filter) into a new temporary file in {@code tmpDir}. */
  public SymbolRunWriter(Path tmpDir) throws IOException {
    this(tmpDir, -1);
  }

  /**
   * A writer into a new temporary file in {@code tmpDir}: of a version-2 run whose filter is sized for {@code
   * filterCapacity} groups if that is not negative, else of a version-1 run.
   */
  public SymbolRunWriter(Path tmpDir, long filterCapacity) throws IOException {
    this.filter = filterCapacity < 0 ? null : new HashFilter(filterCapacity);
    this.tmp = Files.createTempFile(tmpDir, "symbols-", ".tmp");
    this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.out = new DirectAppendStream(tmp, channel); // written once, read later: not kept in the page cache
    ByteBuffer header = ByteBuffer.allocate(SymbolRunFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(SymbolRunFormat.MAGIC)
        .putInt(filter == null ? SymbolRunFormat.VERSION_START : SymbolRunFormat.VERSION_FILTERED);
    out.write(header.array());
    offset = SymbolRunFormat.HEADER_BYTES;
  }

  /**
   * Appends {@code key} with {@code op} ({@link SymbolRunFormat#ADD} or {@link SymbolRunFormat#REMOVE}).
   *
   * @throws IllegalArgumentException if {@code key} is not greater than the previous key
   */
  public void add(byte[] key, byte op) throws IOException {
    if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
      throw new IllegalArgumentException("symbol run keys must be strictly increasing");
    }
    if (key.length > 0xFFFF) {
      throw new IllegalArgumentException("symbol key is " + key.length + " bytes, more than 65535");
    }
    if (block.position() > 0 && block.position() + 3 + key.length > SymbolRunFormat.BLOCK_TARGET_BYTES) {
      closeBlock();
    }
    if (block.position() == 0) {
      firstKey = key;
    }
    block.putShort((short) key.length).put(key).put(op);
    if (filter != null) {
      int group = SymbolRunFormat.groupLength(key);
      if (group != lastGroupLength || !Arrays.equals(lastKey, 0, group, key, 0, group)) {
        filter.add(SymbolRunFormat.groupHash(key, group)); // keys are sorted: a group's keys are consecutive
      }
      lastGroupLength = group;
    }
    lastKey = key;
    entryCount++;
  }

  /** The number of entries added so far. */
  public long entryCount() {
    return entryCount;
  }

  /**
   * Completes the run and makes it durable as {@code target}: footer, flush, force, atomic rename, folder forced.
   * Returns the number of entries.
   */
  public long finish(Path target) throws IOException {
    if (block.position() > 0) {
      closeBlock();
    }
    long indexOffset = offset;
    indexBytes.flip();
    byte[] indexArray = Arrays.copyOf(indexBytes.array(), indexBytes.limit());
    out.write(indexArray);
    CRC32C crc = new CRC32C();
    crc.update(indexArray);
    if (filter == null) {
      ByteBuffer footer = ByteBuffer.allocate(SymbolRunFormat.FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      footer.putLong(indexOffset).putInt(blockCount).putLong(entryCount).putInt((int) crc.getValue())
          .putInt(SymbolRunFormat.MAGIC);
      out.write(footer.array());
    } else {
      long filterOffset = indexOffset + indexArray.length;
      long[] words = filter.words();
      ByteBuffer filterBytes = ByteBuffer.allocate(Math.multiplyExact(words.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
      filterBytes.asLongBuffer().put(words);
      CRC32C filterCrc = new CRC32C();
      filterCrc.update(filterBytes.array());
      out.write(filterBytes.array());
      ByteBuffer footer = ByteBuffer.allocate(SymbolRunFormat.FOOTER_V2_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      footer.putLong(indexOffset).putInt(blockCount).putLong(entryCount).putInt((int) crc.getValue())
          .putLong(filterOffset).putInt(words.length).putInt((int) filterCrc.getValue()).putInt(SymbolRunFormat.MAGIC);
      out.write(footer.array());
    }
    out.flush();
    channel.force(true);
    out.close();
    channel.close();
    done = true;
    FileSync.moveAtomically(tmp, target);
    return entryCount;
  }

  private void closeBlock() throws IOException {
    int length = block.position();
    CRC32C crc = new CRC32C();
    crc.update(block.array(), 0, length);
    ByteBuffer head = ByteBuffer.allocate(SymbolRunFormat.BLOCK_HEAD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(length).putInt((int) crc.getValue());
    out.write(head.array());
    out.write(block.array(), 0, length);
    int need = 8 + 2 + firstKey.length;
    if (indexBytes.remaining() < need) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(indexBytes.capacity() * 2, indexBytes.position() + need))
          .order(ByteOrder.LITTLE_ENDIAN);
      indexBytes.flip();
      bigger.put(indexBytes);
      indexBytes = bigger;
    }
    indexBytes.putLong(offset).putShort((short) firstKey.length).put(firstKey);
    offset += SymbolRunFormat.BLOCK_HEAD_BYTES + length;
    blockCount++;
    block.clear();
  }

  /** Deletes the temporary file unless {@link #finish} completed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
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
  }
}
