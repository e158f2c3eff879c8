package io.graphsnap.format.snapshot;

import java.io.IOException;
import java.util.Arrays;

/**
 * Streams a {@link FrontCodedListFormat FrontCodedList} into a section: the caller gives the count, then
 * {@link #add} each string in order (strictly increasing unsigned bytes, as the format requires), then
 * {@link #finish}. Where the strings come from is the caller's business (a name table, a merge of sorted runs,
 * another snapshot's names): this class holds only the previous string, one encoded entry and the block starts
 * (8 bytes per block: 60 MB for 120 M names in blocks of 16). O(total bytes). Mutable, single-threaded; the sink
 * is the caller's.
 */
public final class FrontCodedListWriter {
  private final SectionSink out;
  private final long count;
  private final int blockSize;
  private long[] blockStarts;
  private int blocks;
  private long added;
  /** Bytes written to {@link #out} so far, from the section's start. */
  private long position;
  private byte[] previous = new byte[64];
  private int previousLength;
  private final byte[] varints = new byte[2 * FrontCodedListFormat.MAX_VARINT_BYTES];

  /** A writer of {@code count} strings in blocks of {@link FrontCodedListFormat#DEFAULT_BLOCK_SIZE}; writes the header. */
  public FrontCodedListWriter(SectionSink out, long count) throws IOException {
    this(out, count, FrontCodedListFormat.DEFAULT_BLOCK_SIZE);
  }

  /**
   * A writer of {@code count} strings (below 2<sup>32</sup>) in blocks of {@code blockSize}; writes the header.
   *
   * @throws IllegalArgumentException if the count or the block size is out of range
   */
  public FrontCodedListWriter(SectionSink out, long count, int blockSize) throws IOException {
    if (count < 0 || count > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("count " + count + " outside [0, 2^32)");
    }
    if (!FrontCodedListFormat.validBlockSize(blockSize)) {
      throw new IllegalArgumentException("block size " + blockSize + " is not a power of two in [1, "
          + FrontCodedListFormat.MAX_BLOCK_SIZE + "]");
    }
    this.out = out;
    this.count = count;
    this.blockSize = blockSize;
    this.blockStarts = new long[(int) Math.min(1 << 16, Math.max(1, FrontCodedListFormat.blockCount(count, blockSize)))];
    out.putInt((int) count);
    out.putInt(blockSize);
    position = FrontCodedListFormat.BLOCKS;
  }

  /**
   * Adds the next string, {@code utf8[offset, offset + length)}.
   *
   * @throws IllegalArgumentException if it does not sort strictly after the previous string, or more strings than
   *     the count are added
   */
  public void add(byte[] utf8, int offset, int length) throws IOException {
    if (added == count) {
      throw new IllegalArgumentException("more than " + count + " strings added");
    }
    int common = added == 0 ? 0 : common(utf8, offset, length);
    if (added > 0) {
      checkIncreasing(utf8, offset, length, common);
    }
    int shared = 0;
    int at;
    if (added % blockSize == 0) { // a head: whole
      if (blocks == blockStarts.length) {
        blockStarts = Arrays.copyOf(blockStarts, blocks * 2);
      }
      blockStarts[blocks++] = position;
      at = CompactCsrFormat.writeVar(varints, 0, length);
    } else {
      shared = common;
      at = CompactCsrFormat.writeVar(varints, 0, shared);
      at = CompactCsrFormat.writeVar(varints, at, length - shared);
    }
    int suffix = length - shared;
    out.put(varints, 0, at);
    out.put(utf8, offset + shared, suffix);
    remember(utf8, offset, shared, suffix);
    position += at + suffix;
    added++;
  }

  /** Adds the next string, every byte of {@code utf8}. */
  public void add(byte[] utf8) throws IOException {
    add(utf8, 0, utf8.length);
  }

  /**
   * Writes the block index: call once, after the last string.
   *
   * @throws IllegalStateException if fewer strings than the count were added
   */
  public void finish() throws IOException {
    if (added != count) {
      throw new IllegalStateException("finish after " + added + " of " + count + " strings");
    }
    out.putLongs(blockStarts, blocks);
  }

  /** The length of the common prefix of the previous string and this one. */
  private int common(byte[] utf8, int offset, int length) {
    int mismatch = Arrays.mismatch(previous, 0, previousLength, utf8, offset, offset + length);
    return mismatch < 0 ? length : mismatch;
  }

  private void checkIncreasing(byte[] utf8, int offset, int length, int shared) {
    int suffixFirst = shared < length ? utf8[offset + shared] & 0xFF : -1;
    int previousAt = shared < previousLength ? previous[shared] & 0xFF : -1;
    if (!FrontCodedListFormat.entryIncreases(previousLength, shared, length - shared, suffixFirst, previousAt)) {
      throw new IllegalArgumentException("string " + added + " does not sort strictly after string " + (added - 1));
    }
  }

  /** Makes {@code previous} the string whose first {@code shared} bytes it already holds, then the suffix. */
  private void remember(byte[] utf8, int offset, int shared, int suffixLength) {
    int length = shared + suffixLength;
    if (length > previous.length) {
      previous = Arrays.copyOf(previous, Math.max(length, previous.length * 2));
    }
    System.arraycopy(utf8, offset + shared, previous, shared, suffixLength);
    previousLength = length;
  }
}
