package io.graphsnap.objects.jsonl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Splits a byte channel into lines ending in {@code \n} (a {@code \r} before it is dropped) <em>without copying
 * them</em>: input is read straight into {@linkplain Block blocks} of native memory (one copy, the kernel's: a
 * {@link java.nio.channels.FileChannel} reads into them directly), and each line is handed out as a place in its
 * block ({@link #block()}, {@link #offset()}, {@link #length()}), to be hashed or compared where it lies; only a line
 * that must be parsed is copied ({@link #copy}). Newlines are found eight bytes at a time.
 *
 * <p>Lines longer than a block get a larger block; at most {@code maxLineBytes} of one line are held: the rest of a
 * longer line is counted and skipped, and the line is marked {@link #overLong()}. A last line without a newline
 * counts; an empty input has no lines.
 *
 * <p>Block ownership: each line handed out holds its block ({@link Block#release} it once done with the line); a
 * block no line holds any more is reused for later input. Blocks are allocated in the {@link Arena} given, which the
 * caller closes after the last line is released. Mutable, not thread-safe: one thread reads lines; any thread may
 * release them, and other threads may read a block's bytes between a line's hand-out and its release, given a
 * happens-before edge such as a queue's or an executor's hand-off.
 */
final class LineReader {
  /** The size of a block unless a line needs more. */
  static final int DEFAULT_BLOCK_BYTES = 1 << 20;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * A piece of native memory that lines are read into; reused once no line holds it. Its holds are counted under
   * its lock: the reading thread adds them, any thread may release them ({@link ReadAhead}).
   */
  static final class Block {
    final MemorySegment segment;
    final ByteBuffer buffer;
    private final Deque<Block> pool;
    private int holds;

    private Block(MemorySegment segment, Deque<Block> pool) {
      this.segment = segment;
      this.buffer = segment.asByteBuffer();
      this.pool = pool;
    }

    /** Gives up one line's hold (on any thread); the block is reused when none is left. */
    void release() {
      boolean free;
      synchronized (this) {
        free = --holds == 0;
      }
      if (free && pool != null) {
        pool.push(this);
      }
    }

    private synchronized void hold() {
      holds++;
    }

    private synchronized int holds() {
      return holds;
    }

    private synchronized void holdOnlyByReader() {
      holds = 1;
    }
  }

  private final ReadableByteChannel in;
  private final int maxLineBytes;
  private final int blockBytes;
  private final Arena arena;
  private final Deque<Block> pool = new ConcurrentLinkedDeque<>();
  private Block current;
  private long pos;
  private long limit;
  private long consumed; // input bytes before current's offset 0
  private boolean eof;

  private Block lineBlock;
  private long lineOffset;
  private int length;
  private long lineBytes;
  private boolean overLong;
  private long lineNumber;
  private long bytesRead;

  LineReader(ReadableByteChannel in, int maxLineBytes, int blockBytes, Arena arena) {
    if (maxLineBytes < 1 || blockBytes < 8) {
      throw new IllegalArgumentException("maxLineBytes must be positive and blockBytes at least 8");
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.blockBytes = blockBytes;
    this.arena = arena;
    this.current = newBlock(blockBytes);
    current.holdOnlyByReader(); // the reader's own hold
  }

  /** Advances to the next line (holding its block once more); false at the end of input. */
  boolean next() throws IOException {
    overLong = false;
    lineBytes = 0;
    long start = pos;
    long scan = pos;
    long end;
    while (true) {
      long newline = indexOfNewline(current.segment, scan, limit);
      if (newline >= 0) {
        end = newline;
        pos = newline + 1;
        break;
      }
      if (eof) {
        if (limit == start && lineBytes == 0 && !overLong) {
          return false; // nothing left
        }
        end = limit; // the last line, without a newline
        pos = limit;
        break;
      }
      long kept = makeRoom(start);
      start = pos; // makeRoom moved (or dropped) the partial line: it is now [pos, limit)
      scan = start + kept;
      read();
    }
    lineNumber++;
    bytesRead = consumed + pos;
    long len = end - start;
    lineBytes += len;
    if (overLong || len > maxLineBytes) {
      overLong = true;
      lineBlock = null;
      length = 0;
      return true;
    }
    if (len > 0 && current.segment.get(ValueLayout.JAVA_BYTE, end - 1) == '\r') {
      len--;
    }
    lineBlock = current;
    lineOffset = start;
    length = (int) len;
    current.hold();
    return true;
  }

  /**
   * Before reading more: keeps the partial line {@code [start, limit)} (moved to the start of a block if the current
   * one is full, into a larger block if it fills one) and sets {@link #pos} to where it now starts; a partial line
   * over the limit is counted in {@link #lineBytes} and dropped instead. Returns how many of its bytes were already
   * scanned (all that are kept).
   */
  private long makeRoom(long start) {
    long partial = limit - start;
    if (!overLong && partial > maxLineBytes) {
      overLong = true;
    }
    if (overLong) {
      lineBytes += partial; // counted, not held
      if (limit == current.segment.byteSize()) {
        if (current.holds() > 1) {
          switchTo(newBlock(blockBytes));
        }
        consumed += limit;
        limit = 0;
      }
      pos = limit;
      return 0;
    }
    if (limit < current.segment.byteSize()) {
      pos = start; // room left after it
      return partial;
    }
    long need = Math.max(blockBytes, Math.min(partial * 2, (long) maxLineBytes + 1));
    Block target = current.holds() == 1 && start > 0 && current.segment.byteSize() >= need ? current : newBlock(need);
    MemorySegment.copy(current.segment, start, target.segment, 0, partial);
    consumed += start;
    if (target != current) {
      switchTo(target);
    }
    pos = 0;
    limit = partial;
    return partial;
  }

  private void switchTo(Block next) {
    current.release();
    current = next;
    current.holdOnlyByReader();
  }

  /** Reads more input after {@code limit} (there is room); sets {@link #eof} at the end. */
  private void read() throws IOException {
    ByteBuffer b = current.buffer;
    b.limit(b.capacity()).position((int) limit);
    int n;
    do {
      n = in.read(b);
    } while (n == 0);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** A block of {@code bytes}: a reused one if it is the standard size and one is free. */
  private Block newBlock(long bytes) {
    Block free = bytes == blockBytes ? pool.poll() : null;
    if (free != null) {
      return free;
    }
    return new Block(arena.allocate(bytes, 8), bytes == blockBytes ? pool : null);
  }

  /** The index of the first {@code \n} in {@code s[from, to)}, or -1: eight bytes at a time. */
  static long indexOfNewline(MemorySegment s, long from, long to) {
    long i = from;
    for (; i + 8 <= to; i += 8) {
      long x = s.get(WORD, i) ^ NEWLINES;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** The block holding the current line (null if over-long); valid until the line is released. */
  Block block() {
    return lineBlock;
  }

  /** Where the current line starts in its block. */
  long offset() {
    return lineOffset;
  }

  /** Bytes of the current line, newline and a {@code \r} before it excluded (0 if over-long). */
  int length() {
    return length;
  }

  /** True if the current line is longer than the limit; its bytes were skipped. */
  boolean overLong() {
    return overLong;
  }

  /** The current line's full length in bytes, newline excluded (also for over-long lines). */
  long lineBytes() {
    return lineBytes;
  }

  /** Bytes consumed so far, through the current line's newline. */
  long bytesRead() {
    return bytesRead;
  }

  /** True if the current line holds only spaces and tabs. */
  boolean isBlank() {
    if (overLong) {
      return false;
    }
    return isBlank(lineBlock.segment, lineOffset, length);
  }

  static boolean isBlank(MemorySegment s, long offset, int length) {
    for (long i = offset; i < offset + length; i++) {
      byte b = s.get(ValueLayout.JAVA_BYTE, i);
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** A copy of {@code length} bytes at {@code offset} of {@code block} (for a parser). */
  static byte[] copy(Block block, long offset, int length) {
    return copy(block, offset, length, new byte[length]);
  }

  /** Copies {@code length} bytes at {@code offset} of {@code block} to the start of {@code into}; returns it. */
  static byte[] copy(Block block, long offset, int length, byte[] into) {
    MemorySegment.copy(block.segment, ValueLayout.JAVA_BYTE, offset, into, 0, length);
    return into;
  }
}
