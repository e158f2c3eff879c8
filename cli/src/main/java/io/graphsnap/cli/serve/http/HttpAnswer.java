package io.graphsnap.cli.serve.http;

import java.util.function.Supplier;

/**
 * What a {@link HttpHandler} gives back for a request: a {@link HttpResponse} to send at once (answered on the
 * connection's event-loop thread), or {@link Later}: work to run on the server's worker pool (an expensive question),
 * whose response is sent when it is done. While a connection waits for it, its further (pipelined) requests wait
 * unread, so responses always leave in request order.
 */
public sealed interface HttpAnswer permits HttpResponse, HttpAnswer.Later {
  /** Work for the worker pool; {@code work} must not throw (a throw is answered 500). */
  record Later(Supplier<HttpResponse> work) implements HttpAnswer {}

  /** An answer computed on the worker pool. */
  static HttpAnswer later(Supplier<HttpResponse> work) {
    return new Later(work);
  }
}
