package io.graphsnap.cli.serve.http;

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
  private final int status;
  private final byte[] body;
  private String[] headers = new String[8];
  private int size;

  /** A response with {@code status} and {@code body} (not copied). */
  public HttpResponse(int status, byte[] body) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("HTTP status " + status);
    }
    this.status = status;
    this.body = body;
  }

  /** Adds header {@code name: value} (after those added before); returns this. */
  public HttpResponse header(String name, String value) {
    check(name);
    check(value);
    if (2 * size + 2 > headers.length) {
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
   * The bytes to send: head and (unless {@code head} is true or the status has none) body.
   *
   * @param keepAlive false to add {@code Connection: close} (the server closes after sending)
   * @param http10 true if the request was HTTP/1.0 (then a kept connection says {@code Connection: keep-alive})
   * @param head true for a HEAD request: the head of the GET response, no body
   * @param date the {@code Date} header's value
   */
  byte[] encode(boolean keepAlive, boolean http10, boolean head, String date) {
    boolean sendBody = mayHaveBody() && !head;
    int n = 9 + 3 + 1 + reason(status).length() + 2;
    for (int i = 0; i < size; i++) {
      n += headers[2 * i].length() + 2 + headers[2 * i + 1].length() + 2;
    }
    String length = mayHaveBody() ? Integer.toString(body.length) : null;
    n += length == null ? 0 : 16 + length.length() + 2;
    n += 6 + date.length() + 2;
    String connection = !keepAlive ? "close" : http10 ? "keep-alive" : null;
    n += connection == null ? 0 : 12 + connection.length() + 2;
    n += 2;
    int headLength = n;
    byte[] out = new byte[headLength + (sendBody ? body.length : 0)];
    int p = put(out, 0, "HTTP/1.1 ");
    out[p++] = (byte) ('0' + status / 100);
    out[p++] = (byte) ('0' + status / 10 % 10);
    out[p++] = (byte) ('0' + status % 10);
    out[p++] = ' ';
    p = put(out, p, reason(status));
    p = crlf(out, p);
    for (int i = 0; i < size; i++) {
      p = put(out, p, headers[2 * i]);
      p = put(out, p, ": ");
      p = put(out, p, headers[2 * i + 1]);
      p = crlf(out, p);
    }
    if (length != null) {
      p = put(out, p, "Content-Length: ");
      p = put(out, p, length);
      p = crlf(out, p);
    }
    p = put(out, p, "Date: ");
    p = put(out, p, date);
    p = crlf(out, p);
    if (connection != null) {
      p = put(out, p, "Connection: ");
      p = put(out, p, connection);
      p = crlf(out, p);
    }
    p = crlf(out, p);
    if (sendBody) {
      System.arraycopy(body, 0, out, p, body.length);
    }
    return out;
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
