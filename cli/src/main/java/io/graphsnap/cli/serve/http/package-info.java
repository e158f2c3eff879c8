/**
 * The HTTP/1.1 server under {@code graphsnap serve}: small, on Java NIO, no dependency.
 *
 * <p>Life cycle: {@link io.graphsnap.cli.serve.http.NioHttpServer#start} binds and starts an acceptor and the event
 * loops → each accepted connection is adopted by one loop → the loop reads a request head
 * ({@code RequestParser}), calls the {@link io.graphsnap.cli.serve.http.HttpHandler} on its own thread, and writes the
 * {@link io.graphsnap.cli.serve.http.HttpResponse} (or, for {@link io.graphsnap.cli.serve.http.HttpAnswer#later},
 * runs the work on the pool and writes its response when done) → the next request on the connection →
 * {@link io.graphsnap.cli.serve.http.NioHttpServer#close}.
 *
 * <p>Every bound ({@link io.graphsnap.cli.serve.http.HttpLimits}) ends in a status and a closed connection:
 * 400 malformed, 408 too slow, 413 body, 414 request line, 431 head, 501 {@code Transfer-Encoding}, 503 one
 * connection too many, 505 not HTTP/1.x.
 */
package io.graphsnap.cli.serve.http;
