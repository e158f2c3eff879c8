package io.graphsnap.cli.serve.http;

/**
 * Answers requests for a {@link NioHttpServer}. Called on an event-loop thread, one request at a time per loop, so it
 * must be quick (microseconds to a few milliseconds) or hand the work over with {@link HttpAnswer#later}. Must be
 * thread-safe: the server runs several loops. A throw is answered 500 and logged.
 */
@FunctionalInterface
public interface HttpHandler {
  /** The answer to {@code request}. */
  HttpAnswer handle(HttpRequest request);
}
