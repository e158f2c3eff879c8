package io.graphsnap.cli.serve.http;

import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.x request heads from a connection's bytes: the one place that knows their layout (RFC 9112):
 *
 * <pre>
 * Head        --&gt; RequestLine, HeaderLine^n, EOL
 * RequestLine --&gt; Method SP Target SP Version EOL    Method: token; Target: origin-form, bytes 0x21-0x7E;
 *                                                   Version: HTTP/1.1 or HTTP/1.0 (another HTTP/d.d: 505)
 * HeaderLine  --&gt; Name ":" OWS Value OWS EOL        Name: token; Value: no control bytes but HT
 * EOL         --&gt; CR LF | LF
 * </pre>
 *
 * Refused, with the status the connection answers before closing: a request line over
 * {@link HttpLimits#maxRequestLine} (414), a head over {@link HttpLimits#maxHead} or with more than
 * {@link HttpLimits#maxHeaders} headers (431), a {@code Content-Length} over {@link HttpLimits#maxBody} (413),
 * {@code Transfer-Encoding} (501: no request body is ever needed), and everything malformed (400): a method that
 * is not a token (checked as the bytes arrive, so a client speaking another protocol is refused at once), a target
 * that is not a path, obsolete line folding, a header without a name, two different {@code Content-Length}s.
 *
 * <p>Incremental: {@link #headEnd} is called each time bytes arrive and resumes where it stopped (relative to the
 * head's start, so the caller may move the bytes). One per connection; not thread-safe. Cost linear in the head.
 */
final class RequestParser {
  /** A request the server refuses: the status and the reason (sent as {@code {"error": ...}}); the connection closes. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private final HttpLimits limits;
  /** Bytes of the current head already scanned for its end. */
  private int scanned;
  /** Newlines seen in the current head. */
  private int lines;
  /** True once the method's bytes have ended (a space seen on the first line). */
  private boolean methodEnded;

  RequestParser(HttpLimits limits) {
    this.limits = limits;
  }

  /** Forgets the head scanned so far: the next call to {@link #headEnd} starts a new request. */
  void reset() {
    scanned = 0;
    lines = 0;
    methodEnded = false;
  }

  /**
   * The index just past the blank line that ends the head starting at {@code start}, or -1 if it has not all
   * arrived (bytes up to {@code end}).
   *
   * @throws Refusal if the bytes so far break a limit or cannot begin a request
   */
  int headEnd(byte[] b, int start, int end) throws Refusal {
    for (int i = start + scanned; i < end; i++) {
      byte c = b[i];
      if (lines == 0) {
        if (!methodEnded) {
          if (c == ' ') {
            if (i == start) {
              throw new Refusal(400, "malformed request line (no method)");
            }
            methodEnded = true;
          } else if (!isTokenByte(c) || i - start >= 32) {
            throw new Refusal(400, "malformed request line (the method must be a short token)");
          }
        } else if (c != '\n' && i - start >= limits.maxRequestLine()) {
          throw new Refusal(414, "request line longer than " + limits.maxRequestLine() + " bytes");
        }
      }
      if (c == '\n') {
        if (lines == 0 && !methodEnded) {
          throw new Refusal(400, "malformed request line");
        }
        lines++;
        if (lines > limits.maxHeaders() + 1) {
          throw new Refusal(431, "more than " + limits.maxHeaders() + " request headers");
        }
        boolean blank = i - 1 >= start && (b[i - 1] == '\n' || (b[i - 1] == '\r' && i - 2 >= start && b[i - 2] == '\n'));
        if (blank && lines > 1) {
          scanned = i + 1 - start;
          return i + 1;
        }
      }
      if (i - start >= limits.maxHead()) {
        throw new Refusal(431, "request head (request line and headers) longer than " + limits.maxHead() + " bytes");
      }
    }
    scanned = end - start;
    return -1;
  }

  /**
   * Parses the head {@code [start, headEnd)} (as found by {@link #headEnd}).
   *
   * @throws Refusal if it is malformed or asks for what is not served
   */
  HttpRequest parse(byte[] b, int start, int headEnd) throws Refusal {
    int lineEnd = indexOf(b, (byte) '\n', start, headEnd);
    int lineStop = lineEnd > start && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    int sp1 = indexOf(b, (byte) ' ', start, lineStop);
    int sp2 = sp1 < 0 ? -1 : indexOf(b, (byte) ' ', sp1 + 1, lineStop);
    if (sp1 <= start || sp2 < 0 || sp2 == sp1 + 1) {
      throw new Refusal(400, "malformed request line (METHOD TARGET HTTP/1.1)");
    }
    String method = method(b, start, sp1);
    for (int i = sp1 + 1; i < sp2; i++) {
      if (b[i] < 0x21 || b[i] > 0x7e) {
        throw new Refusal(400, "malformed request target (a byte outside 0x21-0x7E)");
      }
    }
    if (b[sp1 + 1] != '/') {
      throw new Refusal(400, "the request target must be a path starting with /");
    }
    boolean http10 = version(b, sp2 + 1, lineStop);
    int q = indexOf(b, (byte) '?', sp1 + 1, sp2);
    String path = ascii(b, sp1 + 1, q < 0 ? sp2 : q);
    String query = q < 0 ? null : ascii(b, q + 1, sp2);

    String[] names = new String[Math.min(8, limits.maxHeaders())];
    String[] values = new String[names.length];
    int count = 0;
    long contentLength = -1;
    for (int p = lineEnd + 1; p < headEnd; ) {
      int e = indexOf(b, (byte) '\n', p, headEnd);
      int stop = e > p && b[e - 1] == '\r' ? e - 1 : e;
      if (stop == p) {
        break; // the blank line
      }
      if (b[p] == ' ' || b[p] == '\t') {
        throw new Refusal(400, "obsolete header line folding is not accepted");
      }
      int colon = indexOf(b, (byte) ':', p, stop);
      if (colon <= p) {
        throw new Refusal(400, "malformed header line (NAME: VALUE)");
      }
      for (int i = p; i < colon; i++) {
        if (!isTokenByte(b[i])) {
          throw new Refusal(400, "malformed header name");
        }
      }
      int vs = colon + 1;
      int ve = stop;
      while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
        vs++;
      }
      while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
        ve--;
      }
      for (int i = vs; i < ve; i++) {
        int c = b[i] & 0xff;
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new Refusal(400, "a control character in a header value");
        }
      }
      if (count == names.length) {
        names = java.util.Arrays.copyOf(names, Math.min(limits.maxHeaders(), 2 * count));
        values = java.util.Arrays.copyOf(values, names.length);
      }
      String name = ascii(b, p, colon);
      names[count] = name;
      values[count] = ascii(b, vs, ve);
      count++;
      if (name.equalsIgnoreCase("Content-Length")) {
        long n = contentLength(b, vs, ve);
        if (contentLength >= 0 && n != contentLength) {
          throw new Refusal(400, "two different Content-Length headers");
        }
        contentLength = n;
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        throw new Refusal(501, "request bodies with Transfer-Encoding are not accepted (only GET and HEAD are served)");
      }
      p = e + 1;
    }
    if (contentLength > limits.maxBody()) {
      throw new Refusal(413, "request body longer than " + limits.maxBody() + " bytes");
    }
    return new HttpRequest(method, path, query, http10, names, values, count, Math.max(0, contentLength));
  }

  private static String method(byte[] b, int from, int to) throws Refusal {
    int n = to - from;
    if (n == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T') {
      return "GET";
    }
    if (n == 4 && b[from] == 'H' && b[from + 1] == 'E' && b[from + 2] == 'A' && b[from + 3] == 'D') {
      return "HEAD";
    }
    for (int i = from; i < to; i++) {
      if (!isTokenByte(b[i])) {
        throw new Refusal(400, "malformed method");
      }
    }
    return ascii(b, from, to);
  }

  /** True for HTTP/1.0, false for HTTP/1.1. */
  private static boolean version(byte[] b, int from, int to) throws Refusal {
    boolean shape = to - from == 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
        && b[from + 4] == '/' && isDigit(b[from + 5]) && b[from + 6] == '.' && isDigit(b[from + 7]);
    if (!shape) {
      throw new Refusal(400, "malformed HTTP version");
    }
    if (b[from + 5] != '1' || (b[from + 7] != '0' && b[from + 7] != '1')) {
      throw new Refusal(505, "HTTP version " + ascii(b, from + 5, to) + " is not supported (HTTP/1.1 is)");
    }
    return b[from + 7] == '0';
  }

  private static long contentLength(byte[] b, int from, int to) throws Refusal {
    if (from == to || to - from > 18) {
      throw new Refusal(to - from > 18 ? 413 : 400, "malformed Content-Length");
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (!isDigit(b[i])) {
        throw new Refusal(400, "malformed Content-Length");
      }
      n = 10 * n + (b[i] - '0');
    }
    return n;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** RFC 9110 tchar. */
  static boolean isTokenByte(byte c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
      default -> false;
    };
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
