package io.graphsnap.builder.internal;

import java.util.Arrays;

/**
 * NODE_DETAILS entries in the order added, packed into byte chunks (64 KiB,
 * doubling up to 4 MiB) with one {@code long} end per entry, instead of one {@code byte[]} per declaration: about
 * 8 bytes plus the entry's bytes per declaration (most entries are 3 bytes) where an array each cost about 40 with
 * its header, padding and references. {@link #get} copies an entry out. Append-only; not thread-safe.
 */
final class DetailEntries {
  private static final int FIRST_CHUNK_BYTES = 1 << 16;
  private static final int MAX_CHUNK_BYTES = 1 << 22;

  private byte[][] chunks = new byte[8][];
  private int chunkCount;
  private int chunkUsed;
  /** Per entry: chunk index (high 32 bits) and end offset within it (low 32 bits). */
  private long[] ends = new long[1024];
  private int size;

  /** Appends {@code entry} (copied) as entry {@link #size()}. */
  void add(byte[] entry) {
    add(entry, 0, entry.length);
  }

  /** Appends {@code bytes[offset, offset + n)} (copied) as entry {@link #size()}. */
  void add(byte[] bytes, int offset, int n) {
    if (chunkCount == 0 || n > chunks[chunkCount - 1].length - chunkUsed) {
      if (chunkCount == chunks.length) {
        chunks = Arrays.copyOf(chunks, 2 * chunkCount);
      }
      int next = chunkCount == 0 ? FIRST_CHUNK_BYTES : Math.min(MAX_CHUNK_BYTES, 2 * chunks[chunkCount - 1].length);
      chunks[chunkCount++] = new byte[Math.max(next, n)];
      chunkUsed = 0;
    }
    System.arraycopy(bytes, offset, chunks[chunkCount - 1], chunkUsed, n);
    chunkUsed += n;
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, (int) Math.min(Integer.MAX_VALUE - 16, 2L * size));
    }
    ends[size++] = (long) (chunkCount - 1) << 32 | chunkUsed;
  }

  /** Number of entries. */
  int size() {
    return size;
  }

  /** A copy of entry {@code i}. O(its length). */
  byte[] get(int i) {
    java.util.Objects.checkIndex(i, size);
    int chunk = (int) (ends[i] >>> 32);
    int end = (int) ends[i];
    int start = i > 0 && (int) (ends[i - 1] >>> 32) == chunk ? (int) ends[i - 1] : 0;
    return Arrays.copyOfRange(chunks[chunk], start, end);
  }

  /** The heap held: the chunks and the ends. */
  long heapBytes() {
    long bytes = 8L * ends.length;
    for (int i = 0; i < chunkCount; i++) {
      bytes += chunks[i].length;
    }
    return bytes;
  }

  /** Trims the ends to the entries held (after the last {@link #add}). */
  void trim() {
    ends = Arrays.copyOf(ends, size);
  }
}
