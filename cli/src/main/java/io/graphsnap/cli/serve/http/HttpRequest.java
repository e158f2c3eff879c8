package io.graphsnap.cli.serve.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed request head ({@link RequestParser}): the method, the target split into its raw (still
 * percent-encoded) path and query, the headers in the order sent. Header names are matched without regard to
 * case. Request bodies are never kept (the server serves GET and HEAD; a body is read and dropped).
 *
 * <p>Immutable and thread-safe once built; header lookup is a linear scan (a request has a handful).
 */
public final class HttpRequest {
  private final String method;
  private final String path;
  private final String query;
  private final boolean http10;
  private final String[] names;
  private final String[] values;
  private final int headerCount;
  private final boolean keepAlive;
  private final long contentLength;

  HttpRequest(String method, String path, String query, boolean http10, String[] names, String[] values,
      int headerCount, long contentLength) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.http10 = http10;
    this.names = names;
    this.values = values;
    this.headerCount = headerCount;
    this.contentLength = contentLength;
    String connection = header("Connection");
    this.keepAlive = http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
  }

  /** The method, as sent (case-sensitive: {@code GET}, {@code HEAD}, ...). */
  public String method() {
    return method;
  }

  /** The target's path, still percent-encoded ({@code /api/lookup}). */
  public String rawPath() {
    return path;
  }

  /** The target's query after {@code ?}, still percent-encoded, or null when the target has no {@code ?}. */
  public String rawQuery() {
    return query;
  }

  /** True for an HTTP/1.0 request. */
  public boolean isHttp10() {
    return http10;
  }

  /** True if the client lets the connection stay open after the response (HTTP/1.1 unless {@code Connection: close}). */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** The body's length from {@code Content-Length}, 0 when absent. */
  public long contentLength() {
    return contentLength;
  }

  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    for (int i = 0; i < headerCount; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** Every value of header {@code name} (any case), in the order sent. */
  public List<String> headers(String name) {
    List<String> all = new ArrayList<>(1);
    for (int i = 0; i < headerCount; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        all.add(values[i]);
      }
    }
    return all;
  }

  private static boolean hasToken(String header, String token) {
    if (header == null) {
      return false;
    }
    for (String part : header.split(",")) {
      if (part.strip().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query) + (http10 ? " HTTP/1.0" : " HTTP/1.1");
  }
}
