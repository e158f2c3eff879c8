package io.graphsnap.cli.serve.http;

/**
 * The bounds a {@link NioHttpServer} holds every connection to, so that one client cannot exhaust memory,
 * connections or time.
 *
 * @param maxRequestLine most bytes of the request line ({@code GET /path?query HTTP/1.1}); longer: 414, then closed
 * @param maxHead most bytes of the request line and the headers together; more: 431, then closed
 * @param maxHeaders most header lines; more: 431, then closed
 * @param maxBody most bytes of a request body (read and discarded: only GET and HEAD are served); more: 413, then closed
 * @param maxConnections most open connections; a connection beyond is answered 503 and closed
 * @param requestMillis time from a request's first byte to its last (head and body); beyond: 408, then closed
 *     (a client that sends one byte a second cannot hold a connection longer)
 * @param idleMillis time a keep-alive connection may wait for its next request; beyond: closed
 * @param writeMillis time a response may take to be sent (a client that does not read); beyond: closed
 */
public record HttpLimits(int maxRequestLine, int maxHead, int maxHeaders, int maxBody, int maxConnections,
    long requestMillis, long idleMillis, long writeMillis) {

  /** The server's defaults: 32 KiB request line, 64 KiB head, 64 headers, 64 KiB body, 1,024 connections, 10 s, 30 s, 60 s. */
  public static HttpLimits defaults() {
    return new HttpLimits(32 * 1024, 64 * 1024, 64, 64 * 1024, 1024, 10_000, 30_000, 60_000);
  }

  /** Checks that every bound is positive and the request line fits in the head. */
  public HttpLimits {
    if (maxRequestLine < 16 || maxHead < maxRequestLine || maxHeaders < 1 || maxBody < 0 || maxConnections < 1
        || requestMillis < 1 || idleMillis < 1 || writeMillis < 1) {
      throw new IllegalArgumentException("bad HTTP limits: " + maxRequestLine + ", " + maxHead + ", " + maxHeaders
          + ", " + maxBody + ", " + maxConnections + ", " + requestMillis + ", " + idleMillis + ", " + writeMillis);
    }
  }

  /** These limits with other timeouts (tests). */
  public HttpLimits withTimeouts(long request, long idle, long write) {
    return new HttpLimits(maxRequestLine, maxHead, maxHeaders, maxBody, maxConnections, request, idle, write);
  }

  /** These limits with another connection cap (tests). */
  public HttpLimits withMaxConnections(int n) {
    return new HttpLimits(maxRequestLine, maxHead, maxHeaders, maxBody, n, requestMillis, idleMillis, writeMillis);
  }
}
