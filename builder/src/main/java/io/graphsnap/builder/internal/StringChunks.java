package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;

/**
 * Walks strings {@code [from, to)} of a mapped {@link StringListFormat StringList} (another snapshot's NODE_NAMES)
 * in chunks of whole strings, each chunk one bulk copy into a scratch array, never a per-byte segment read: the
 * passes that hash the previous snapshot's names into the Bloom filter and the name index, and optionally copy
 * them. The list must be sound (the reader checked its bounds; its ends are monotonic). Mutable scratch array,
 * grown to the longest string; not thread-safe.
 */
public final class StringChunks {
  /**
   * What receives the chunks and their strings.
   *
   * @param <E> what it may throw (an {@link java.io.IOException} when it writes)
   */
  @FunctionalInterface
  public interface Visitor<E extends Exception> {
    /** A chunk of whole strings, {@code bytes[0, length)}, before its strings are visited. */
    default void chunk(byte[] bytes, int length) throws E {}

    /** One string, {@code bytes[offset, offset + length)}; valid only during the call. */
    void string(byte[] bytes, int offset, int length) throws E;
  }

  private byte[] scratch;

  /** Chunks of about {@code chunkBytes} bytes (a single longer string gets a chunk of its own). */
  public StringChunks(int chunkBytes) {
    this.scratch = new byte[chunkBytes];
  }

  /** Visits strings {@code [from, to)} of {@code list}, a StringList of {@code count} strings. O(strings + bytes). */
  public <E extends Exception> void walk(MemorySegment list, long count, int from, int to, Visitor<E> visitor)
      throws E {
    long dataAt = StringListFormat.dataOffset(count);
    int i = from;
    while (i < to) {
      long start = StringListFormat.end(list, i);
      int j = i;
      long stop = start;
      while (j < to) {
        long next = StringListFormat.end(list, j + 1L);
        if (next - start > scratch.length && j > i) {
          break;
        }
        stop = next;
        j++;
      }
      int n = Math.toIntExact(stop - start);
      if (n > scratch.length) {
        scratch = new byte[n];
      }
      MemorySegment.copy(list, LittleEndian.BYTE, dataAt + start, scratch, 0, n);
      visitor.chunk(scratch, n);
      long offset = start;
      for (int k = i; k < j; k++) {
        long next = StringListFormat.end(list, k + 1L);
        visitor.string(scratch, (int) (offset - start), (int) (next - offset));
        offset = next;
      }
      i = j;
    }
  }
}
