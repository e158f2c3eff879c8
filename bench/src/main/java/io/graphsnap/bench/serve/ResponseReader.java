package io.graphsnap.bench.serve;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads HTTP/1.1 responses from the bytes of one connection as they arrive, keeping only what a load generator
 * needs: the status code and the end of the response ({@code Content-Length} body, skipped unread). Incremental:
 * {@link #feed} takes whatever bytes came and says when a response is complete, so a response split over any
 * number of reads is read the same as one in a single read.
 *
 * <pre>
 * Response --&gt; "HTTP/1." D SP Status SP Reason EOL, (Name ":" Value EOL)^n, EOL, Body[Content-Length]
 * EOL      --&gt; CR LF | LF
 * </pre>
 *
 * Refused with an {@link IOException}: a response without {@code Content-Length} (the server always sends one), a
 * malformed status line, a head over {@value #MAX_HEAD} bytes. One per connection; not thread-safe. O(head bytes)
 * per response plus O(1) per body chunk.
 */
final class ResponseReader {
  static final int MAX_HEAD = 64 * 1024;
  /** Bytes kept of each head line: the status line's start and {@code Content-Length: N} fit. */
  private static final int KEPT = 64;

  private enum Phase { HEAD, BODY }

  private Phase phase = Phase.HEAD;
  private final byte[] line = new byte[KEPT];
  private int lineLength;
  private int lines;
  private int headBytes;
  private int status;
  private long contentLength = -1;
  private long bodyLeft;

  /** True between a response's first byte and its last. */
  boolean inResponse() {
    return headBytes > 0 || phase == Phase.BODY;
  }

  /**
   * Consumes bytes of {@code in} (from its position) up to the end of the current response; returns its status
   * when the response is complete (the position is then just past it), else -1 (all bytes consumed).
   *
   * @throws IOException if the bytes are not a response this reader accepts
   */
  int feed(ByteBuffer in) throws IOException {
    while (in.hasRemaining()) {
      if (phase == Phase.BODY) {
        int k = (int) Math.min(bodyLeft, in.remaining());
        in.position(in.position() + k);
        bodyLeft -= k;
        if (bodyLeft == 0) {
          return finish();
        }
        return -1;
      }
      byte b = in.get();
      if (++headBytes > MAX_HEAD) {
        throw new IOException("response head longer than " + MAX_HEAD + " bytes");
      }
      if (b != '\n') {
        if (lineLength < KEPT) {
          line[lineLength] = b;
        }
        lineLength++;
        continue;
      }
      int length = Math.min(lineLength, KEPT);
      if (length > 0 && line[length - 1] == '\r' && lineLength <= KEPT) {
        length--;
      }
      lineLength = 0;
      if (lines++ == 0) {
        status = status(length);
        continue;
      }
      if (length == 0) { // the blank line: the body follows
        if (contentLength < 0) {
          throw new IOException("a response without Content-Length (status " + status + ")");
        }
        phase = Phase.BODY;
        bodyLeft = contentLength;
        if (bodyLeft == 0) {
          return finish();
        }
        continue;
      }
      if (isContentLength(length)) {
        contentLength = number(16, length);
      }
    }
    return -1;
  }

  /** Forgets a response half read (the connection is gone). */
  void reset() {
    finish();
    lineLength = 0;
  }

  private int finish() {
    int s = status;
    phase = Phase.HEAD;
    lines = 0;
    headBytes = 0;
    contentLength = -1;
    status = 0;
    return s;
  }

  private int status(int length) throws IOException {
    if (length < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
        || line[5] != '1' || line[6] != '.' || line[8] != ' ' || !digit(line[9]) || !digit(line[10])
        || !digit(line[11])) {
      throw new IOException("not an HTTP/1.x status line");
    }
    return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  }

  private boolean isContentLength(int length) {
    String name = "content-length:";
    if (length < name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      int c = line[i] | 0x20; // lower case for letters; ':' and '-' are unchanged
      if (c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private long number(int from, int to) throws IOException {
    while (from < to && (line[from] == ' ' || line[from] == '\t')) {
      from++;
    }
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
      to--;
    }
    if (from == to || to - from > 15) {
      throw new IOException("malformed Content-Length");
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (!digit(line[i])) {
        throw new IOException("malformed Content-Length");
      }
      n = 10 * n + (line[i] - '0');
    }
    return n;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
