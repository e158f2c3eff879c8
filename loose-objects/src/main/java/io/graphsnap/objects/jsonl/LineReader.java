package io.graphsnap.objects.jsonl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a {@code \r} before it is dropped), holding at most
 * {@code maxLineBytes} of one line in memory: the rest of a longer line is counted and skipped, and the
 * line is marked {@link #overLong()}. A last line without a newline counts; an empty input has no lines.
 * Mutable, not thread-safe.
 */
final class LineReader {
  private static final int READ_BUFFER = 1 << 16;
  private static final int INITIAL_LINE = 1 << 13;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] input = new byte[READ_BUFFER];
  private int pos;
  private int limit;
  private long filled;
  private boolean eof;

  private byte[] line;
  private int length;
  private long lineBytes;
  private boolean overLong;
  private long lineNumber;

  LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.line = new byte[Math.min(INITIAL_LINE, maxLineBytes)];
  }

  /** Advances to the next line; false at the end of input. */
  boolean next() throws IOException {
    length = 0;
    lineBytes = 0;
    overLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        if (!fill()) {
          if (!any) {
            return false;
          }
          break; // last line, no newline
        }
      }
      any = true;
      int newline = indexOf(input, pos, limit, (byte) '\n');
      int end = newline < 0 ? limit : newline;
      append(pos, end - pos);
      if (newline >= 0) {
        pos = newline + 1;
        break;
      }
      pos = limit;
    }
    if (!overLong && length > 0 && line[length - 1] == '\r') {
      length--;
    }
    lineNumber++;
    return true;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** The current line's bytes, valid in {@code [0, length())} until the next call, if not over-long. */
  byte[] bytes() {
    return line;
  }

  /** Bytes of the current line held in {@link #bytes()}. */
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
    return filled - (limit - pos);
  }

  /** True if the current line holds only spaces and tabs. */
  boolean isBlank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return !overLong;
  }

  private void append(int from, int count) {
    lineBytes += count;
    if (overLong || count == 0) {
      return;
    }
    if ((long) length + count > maxLineBytes) {
      overLong = true;
      return;
    }
    if (length + count > line.length) {
      int capacity = (int) Math.min(maxLineBytes, Math.max((long) line.length * 2, (long) length + count));
      line = Arrays.copyOf(line, capacity);
    }
    System.arraycopy(input, from, line, length, count);
    length += count;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(input, 0, input.length);
    while (n == 0) {
      n = in.read(input, 0, input.length);
    }
    if (n < 0) {
      eof = true;
      pos = 0;
      limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    filled += n;
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
