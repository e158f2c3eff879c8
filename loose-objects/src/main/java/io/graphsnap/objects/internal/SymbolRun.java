package io.graphsnap.objects.internal;

import io.graphsnap.objects.DamagedIndexException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One symbol run on disk ({@link SymbolRunFormat}), open for lookups and scans. {@link #open} reads and checks the
 * header, footer and block index (kept in memory: one key and one offset per block, about 0.2 % of the file),
 * and a version-2 run's group filter (kept in memory too: 2 bytes a group);
 * each block is read with a positional read and its CRC checked when used. Immutable after open and thread-safe
 * (positional reads only); owns one file channel until {@link #close()}.
 */
public final class SymbolRun implements AutoCloseable {
  /** Receives entries in key order. */
  @FunctionalInterface
  public interface EntryVisitor {
    /** Called with the key (a fresh array) and its op byte. */
    void visit(byte[] key, byte op);
  }

  private final Path file;
  private final String name;
  private final FileChannel channel;
  private final long[] blockOffsets;
  private final byte[][] firstKeys;
  private final long blockIndexOffset;
  private final long entryCount;
  /** The groups' filter (a version-2 run), or null. */
  private final HashFilter groupFilter;

  private SymbolRun(Path file, FileChannel channel, long[] blockOffsets, byte[][] firstKeys, long blockIndexOffset,
      long entryCount, HashFilter groupFilter) {
    this.groupFilter = groupFilter;
    this.file = file;
    this.name = file.getFileName().toString();
    this.channel = channel;
    this.blockOffsets = blockOffsets;
    this.firstKeys = firstKeys;
    this.blockIndexOffset = blockIndexOffset;
    this.entryCount = entryCount;
  }

  /**
   * Opens the run at {@code file}.
   *
   * @throws DamagedIndexException if the file is not a whole run of a supported version
   */
  public static SymbolRun open(Path file) throws IOException {
    FileChannel channel = SafeFiles.open(file, StandardOpenOption.READ);
    boolean ok = false;
    try {
      long size = channel.size();
      if (size < SymbolRunFormat.HEADER_BYTES + SymbolRunFormat.FOOTER_BYTES) {
        throw damaged(file, "is " + size + " bytes, shorter than a header and a footer");
      }
      ByteBuffer header = read(channel, 0, SymbolRunFormat.HEADER_BYTES);
      int version = header.getInt(4);
      if (header.getInt(0) != SymbolRunFormat.MAGIC) {
        throw damaged(file, "has no symbol run header (magic=" + Integer.toHexString(header.getInt(0)) + ")");
      }
      if (version < SymbolRunFormat.VERSION_START || version > SymbolRunFormat.VERSION_CURRENT) {
        throw damaged(file, "has version " + version + ", supported " + SymbolRunFormat.VERSION_START + ".."
            + SymbolRunFormat.VERSION_CURRENT);
      }
      boolean filtered = version == SymbolRunFormat.VERSION_FILTERED;
      int footerBytes = filtered ? SymbolRunFormat.FOOTER_V2_BYTES : SymbolRunFormat.FOOTER_BYTES;
      if (size < SymbolRunFormat.HEADER_BYTES + footerBytes) {
        throw damaged(file, "is " + size + " bytes, shorter than a header and a version-" + version + " footer");
      }
      ByteBuffer footer = read(channel, size - footerBytes, footerBytes);
      long indexOffset = footer.getLong(0);
      int blockCount = footer.getInt(8);
      long entryCount = footer.getLong(12);
      int indexCrc = footer.getInt(20);
      if (footer.getInt(footerBytes - 4) != SymbolRunFormat.MAGIC) {
        throw damaged(file, "has no footer (truncated?)");
      }
      long indexEnd = size - footerBytes;
      HashFilter filter = null;
      if (filtered) {
        long filterOffset = footer.getLong(24);
        int filterWords = footer.getInt(32);
        if (filterWords < 1 || filterWords > Integer.MAX_VALUE / 8 || filterOffset < indexOffset || filterOffset + 8L * filterWords != indexEnd) {
          throw damaged(file, "footer is inconsistent: filterOffset=" + filterOffset + " filterWords=" + filterWords
              + " size=" + size);
        }
        ByteBuffer filterBytes = read(channel, filterOffset, 8 * filterWords);
        CRC32C crc = new CRC32C();
        crc.update(filterBytes.duplicate());
        if ((int) crc.getValue() != footer.getInt(36)) {
          throw damaged(file, "group filter checksum mismatch at offset " + filterOffset);
        }
        long[] words = new long[filterWords];
        filterBytes.asLongBuffer().get(words);
        filter = HashFilter.ofWords(words);
        indexEnd = filterOffset;
      }
      long indexLength = indexEnd - indexOffset;
      if (indexOffset < SymbolRunFormat.HEADER_BYTES || indexLength < 0 || indexLength > Integer.MAX_VALUE
          || blockCount < 0 || entryCount < 0) {
        throw damaged(file, "footer is inconsistent: blockIndexOffset=" + indexOffset + " size=" + size);
      }
      ByteBuffer index = read(channel, indexOffset, (int) indexLength);
      CRC32C crc = new CRC32C();
      crc.update(index.duplicate());
      if ((int) crc.getValue() != indexCrc) {
        throw damaged(file, "block index checksum mismatch at offset " + indexOffset);
      }
      long[] offsets = new long[blockCount];
      byte[][] keys = new byte[blockCount][];
      try {
        for (int b = 0; b < blockCount; b++) {
          offsets[b] = index.getLong();
          keys[b] = new byte[Short.toUnsignedInt(index.getShort())];
          index.get(keys[b]);
        }
      } catch (RuntimeException e) {
        throw damaged(file, "block index is shorter than its " + blockCount + " blocks");
      }
      ok = true;
      return new SymbolRun(file, channel, offsets, keys, indexOffset, entryCount, filter);
    } finally {
      if (!ok) {
        channel.close();
      }
    }
  }

  /** The run's file name (its name in the index's list of runs). */
  public String name() {
    return name;
  }

  /** The run's file. */
  public Path file() {
    return file;
  }

  /**
   * False if no key of this run has the group whose {@link SymbolRunFormat#groupHash} is {@code hash}; true if one may
   * (always, for a run without a filter). O(1).
   */
  public boolean mightHoldGroup(long hash) {
    return groupFilter == null || groupFilter.mightContain(hash);
  }

  /** The number of entries, tombstones included. */
  public long entryCount() {
    return entryCount;
  }

  /**
   * Visits the entries with keys in {@code [from, to)}, in order. O(log blocks + blocks read · block size).
   *
   * @throws UncheckedIOException wrapping a {@link DamagedIndexException} if a block is damaged
   */
  public void range(byte[] from, byte[] to, EntryVisitor visitor) {
    int block = lastBlockStartingAtOrBefore(from);
    for (int b = Math.max(block, 0); b < blockOffsets.length; b++) {
      if (Arrays.compareUnsigned(firstKeys[b], to) >= 0) {
        return;
      }
      ByteBuffer entries = block(b);
      while (entries.hasRemaining()) {
        byte[] key = new byte[Short.toUnsignedInt(entries.getShort())];
        entries.get(key);
        byte op = entries.get();
        if (Arrays.compareUnsigned(key, to) >= 0) {
          return;
        }
        if (Arrays.compareUnsigned(key, from) >= 0) {
          visitor.visit(key, op);
        }
      }
    }
  }

  /** A cursor over every entry in key order, reading one block at a time. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** Sequential access: {@link #next()} moves to the following entry; not thread-safe. */
  public final class Cursor {
    private int nextBlock;
    private ByteBuffer entries = ByteBuffer.allocate(0);
    private byte[] key;
    private byte op;

    /** Moves to the next entry; false at the end. */
    public boolean next() {
      while (!entries.hasRemaining()) {
        if (nextBlock >= blockOffsets.length) {
          key = null;
          return false;
        }
        entries = block(nextBlock++);
      }
      key = new byte[Short.toUnsignedInt(entries.getShort())];
      entries.get(key);
      op = entries.get();
      return true;
    }

    /** The current key. */
    public byte[] key() {
      return key;
    }

    /** The current op byte. */
    public byte op() {
      return op;
    }
  }

  private int lastBlockStartingAtOrBefore(byte[] key) {
    int lo = 0;
    int hi = firstKeys.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(firstKeys[mid], key) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Block {@code b}'s entries, checked. */
  private ByteBuffer block(int b) {
    long at = blockOffsets[b];
    long end = b + 1 < blockOffsets.length ? blockOffsets[b + 1] : blockIndexOffset;
    try {
      if (at < SymbolRunFormat.HEADER_BYTES || end - at < SymbolRunFormat.BLOCK_HEAD_BYTES
          || end - at > SymbolRunFormat.BLOCK_HEAD_BYTES + SymbolRunFormat.MAX_BLOCK_BYTES) {
        throw damaged(file, "block " + b + " has an impossible extent [" + at + ", " + end + ")");
      }
      ByteBuffer bytes = read(channel, at, (int) (end - at));
      int length = bytes.getInt(0);
      int expected = bytes.getInt(4);
      if (length != end - at - SymbolRunFormat.BLOCK_HEAD_BYTES) {
        throw damaged(file, "block " + b + " at offset " + at + " has length " + length + " vs extent "
            + (end - at - SymbolRunFormat.BLOCK_HEAD_BYTES));
      }
      bytes.position(SymbolRunFormat.BLOCK_HEAD_BYTES);
      ByteBuffer entries = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      crc.update(entries.duplicate());
      if ((int) crc.getValue() != expected) {
        throw damaged(file, "block " + b + " at offset " + at + " checksum mismatch");
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new java.io.EOFException("end of file at offset " + (at + buffer.position()));
      }
    }
    return buffer.flip();
  }

  private static DamagedIndexException damaged(Path file, String problem) {
    // The exception names the store (the parent of the index file it is given): symbols/ sits beside index.db.
    return new DamagedIndexException(file.getParent(), "symbol run " + file + " " + problem, null);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "SymbolRun[" + file + ", " + entryCount + " entries]";
  }
}
