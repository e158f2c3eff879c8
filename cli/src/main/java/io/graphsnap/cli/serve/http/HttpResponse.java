package io.graphsnap.cli.serve.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A response to send: status, headers, body. The server adds {@code Content-Length}, {@code Date} and, when it
 * closes the connection afterwards, {@code Connection: close}; it sends no body for HEAD, 204 and 304.
 * {@link #encode} is the one place that lays out the bytes on the wire:
 *
 * <pre>
 * Response --&gt; "HTTP/1.1" SP Status SP Reason CRLF, (Name ": " Value CRLF)^n, "Content-Length: " N CRLF,
 *              "Date: " IMF-fixdate CRLF, ["Connection: close" CRLF | "Connection: keep-alive" CRLF], CRLF, Body
 * </pre>
 *
 * Header names and values must be ISO-8859-1 without CR or LF (checked when added). Not thread-safe while being
 * built; the body array is owned by the response once given.
 */
public final class HttpResponse implements HttpAnswer {
  /**
   * Header lines checked and encoded once, for headers every response of a kind carries (a JSON answer's
   * {@code Content-Type}, {@code Cache-Control}, ...): a response given one sends its bytes as they are instead of
   * checking and encoding each header again. Immutable; thread-safe.
   */
  public static final class HeaderBlock {
    private final String[] namesAndValues;
    private final byte[] encoded;

    private HeaderBlock(String[] namesAndValues, byte[] encoded) {
      this.namesAndValues = namesAndValues;
      this.encoded = encoded;
    }

    /** The block of {@code name, value, name, value, ...} (checked as {@link #header(String, String)} checks). */
    public static HeaderBlock of(String... namesAndValues) {
      if (namesAndValues.length % 2 != 0) {
        throw new IllegalArgumentException("names and values come in pairs");
      }
      int n = 0;
      for (String s : namesAndValues) {
        check(s);
        n += s.length() + 2;
      }
      byte[] encoded = new byte[n];
      int p = 0;
      for (int i = 0; i < namesAndValues.length; i += 2) {
        p = put(encoded, p, namesAndValues[i]);
        p = put(encoded, p, ": ");
        p = put(encoded, p, namesAndValues[i + 1]);
        p = crlf(encoded, p);
      }
      return new HeaderBlock(namesAndValues.clone(), encoded);
    }

    /** This block followed by {@code more}'s lines. */
    public HeaderBlock plus(String... more) {
      String[] all = java.util.Arrays.copyOf(namesAndValues, namesAndValues.length + more.length);
      System.arraycopy(more, 0, all, namesAndValues.length, more.length);
      return of(all);
    }

    String value(String name) {
      for (int i = 0; i < namesAndValues.length; i += 2) {
        if (namesAndValues[i].equalsIgnoreCase(name)) {
          return namesAndValues[i + 1];
        }
      }
      return null;
    }
  }

  private static final HeaderBlock NONE = HeaderBlock.of();
  private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] DATE = "Date: ".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final int status;
  private final byte[] body;
  private final HeaderBlock block;
  private String[] headers;
  private int size;

  /** A response with {@code status} and {@code body} (not copied). */
  public HttpResponse(int status, byte[] body) {
    this(status, body, NONE);
  }

  /** A response with {@code status}, {@code body} (not copied) and the header lines of {@code block} first. */
  public HttpResponse(int status, byte[] body, HeaderBlock block) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("HTTP status " + status);
    }
    this.status = status;
    this.body = body;
    this.block = block;
  }

  /** Adds header {@code name: value} (after those added before); returns this. */
  public HttpResponse header(String name, String value) {
    check(name);
    check(value);
    if (headers == null) {
      headers = new String[8];
    } else if (2 * size + 2 > headers.length) {
      headers = Arrays.copyOf(headers, 2 * headers.length);
    }
    headers[2 * size] = name;
    headers[2 * size + 1] = value;
    size++;
    return this;
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The body. */
  public byte[] body() {
    return body;
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    String v = block.value(name);
    if (v != null) {
      return v;
    }
    for (int i = 0; i < size; i++) {
      if (headers[2 * i].equalsIgnoreCase(name)) {
        return headers[2 * i + 1];
      }
    }
    return null;
  }

  private static void check(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c > 0xff) {
        throw new IllegalArgumentException("not a header text: " + s);
      }
    }
  }

  /** Whether a response with this status carries a body (not 1xx, 204, 304). */
  private boolean mayHaveBody() {
    return status >= 200 && status != 204 && status != 304;
  }

  /**
   * The number of bytes {@link #encode(ByteBuffer, boolean, boolean, boolean, String)} writes with the same
   * arguments.
   */
  int encodedLength(boolean keepAlive, boolean http10, boolean head, String date) {
    int n = 9 + 3 + 1 + reason(status).length() + 2 + block.encoded.length;
    for (int i = 0; i < size; i++) {
      n += headers[2 * i].length() + 2 + headers[2 * i + 1].length() + 2;
    }
    if (mayHaveBody()) {
      n += CONTENT_LENGTH.length + digits(body.length) + 2;
    }
    n += DATE.length + date.length() + 2;
    n += !keepAlive ? CLOSE.length : http10 ? KEEP_ALIVE.length : 0;
    n += 2;
    return n + (mayHaveBody() && !head ? body.length : 0);
  }

  /**
   * The bytes to send: head and (unless {@code head} is true or the status has none) body.
   *
   * @param keepAlive false to add {@code Connection: close} (the server closes after sending)
   * @param http10 true if the request was HTTP/1.0 (then a kept connection says {@code Connection: keep-alive})
   * @param head true for a HEAD request: the head of the GET response, no body
   * @param date the {@code Date} header's value
   */
  byte[] encode(boolean keepAlive, boolean http10, boolean head, String date) {
    byte[] out = new byte[encodedLength(keepAlive, http10, head, date)];
    encode(ByteBuffer.wrap(out), keepAlive, http10, head, date);
    return out;
  }

  /**
   * Writes the bytes {@link #encode(boolean, boolean, boolean, String)} returns into {@code out} at its position
   * (which must have {@link #encodedLength} bytes left), and advances it.
   */
  void encode(ByteBuffer out, boolean keepAlive, boolean http10, boolean head, String date) {
    boolean sendBody = mayHaveBody() && !head;
    out.put(STATUS_PREFIX);
    out.put((byte) ('0' + status / 100));
    out.put((byte) ('0' + status / 10 % 10));
    out.put((byte) ('0' + status % 10));
    out.put((byte) ' ');
    ascii(out, reason(status));
    out.put((byte) '\r').put((byte) '\n');
    out.put(block.encoded);
    for (int i = 0; i < size; i++) {
      ascii(out, headers[2 * i]);
      out.put((byte) ':').put((byte) ' ');
      ascii(out, headers[2 * i + 1]);
      out.put((byte) '\r').put((byte) '\n');
    }
    if (mayHaveBody()) {
      out.put(CONTENT_LENGTH);
      int length = body.length;
      for (int d = digits(length) - 1, p = out.position(); d >= 0; d--) {
        out.put(p + d, (byte) ('0' + length % 10));
        length /= 10;
      }
      out.position(out.position() + digits(body.length));
      out.put((byte) '\r').put((byte) '\n');
    }
    out.put(DATE);
    ascii(out, date);
    out.put((byte) '\r').put((byte) '\n');
    if (!keepAlive) {
      out.put(CLOSE);
    } else if (http10) {
      out.put(KEEP_ALIVE);
    }
    out.put((byte) '\r').put((byte) '\n');
    if (sendBody) {
      out.put(body);
    }
  }

  private static final byte[] STATUS_PREFIX = "HTTP/1.1 ".getBytes(StandardCharsets.ISO_8859_1);

  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }

  private static void ascii(ByteBuffer out, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      out.put((byte) s.charAt(i)); // ISO-8859-1, checked when added
    }
  }

  private static int put(byte[] out, int p, String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      out[p + i] = (byte) s.charAt(i); // ISO-8859-1, checked when added
    }
    return p + s.length();
  }

  private static int crlf(byte[] out, int p) {
    out[p] = '\r';
    out[p + 1] = '\n';
    return p + 2;
  }

  private static final java.time.format.DateTimeFormatter IMF_FIXDATE =
      java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

  /** The {@code Date} header's text (RFC 9110 IMF-fixdate) of a time in seconds since the epoch. */
  static String date(long epochSecond) {
    return IMF_FIXDATE.format(java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC));
  }

  /** A JSON error response {@code {"error":"MESSAGE"}} (the message is escaped). */
  static HttpResponse jsonError(int status, String message) {
    StringBuilder s = new StringBuilder(message.length() + 16).append("{\"error\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    byte[] body = s.append("\"}\n").toString().getBytes(StandardCharsets.UTF_8);
    return new HttpResponse(status, body).header("Content-Type", "application/json; charset=utf-8")
        .header("Cache-Control", "no-store");
  }

  /** The reason phrase of a status. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status";
    };
  }
}
