package io.graphsnap.cli.serve.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server on NIO for {@code graphsnap serve}: an acceptor thread hands each new connection to one
 * of a few {@link EventLoop}s (round robin), and a loop reads, answers and writes its connections' requests on its
 * own thread, so a point query costs no thread hand-off at all; a handler hands expensive work to the given pool
 * ({@link HttpAnswer#later}) and the loop sends the answer when it is done.
 *
 * <p>What it promises: persistent connections (HTTP/1.1 keep-alive; HTTP/1.0 with {@code Connection: keep-alive});
 * pipelined requests answered one at a time, in order; request line, head, header count and body bounded
 * ({@link HttpLimits}: 414, 431, 413, then the connection closes); malformed requests 400 and closed; a request
 * that takes longer than {@link HttpLimits#requestMillis} to arrive 408 and closed; idle connections closed after
 * {@link HttpLimits#idleMillis}, clients that do not read their response after {@link HttpLimits#writeMillis}; at
 * most {@link HttpLimits#maxConnections} connections (one more is answered 503 and closed). Request bodies are
 * read and dropped (only GET and HEAD are served; {@code Transfer-Encoding} is refused with 501). A half-closed
 * connection (the client shut its side after a request) is answered, then closed.
 *
 * <p>Threads: 1 acceptor + {@code loops} loop threads (daemons); the pool is the caller's. Thread-safe;
 * {@link #close} stops it.
 */
public final class NioHttpServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final EventLoop[] loops;
  private final HttpLimits limits;
  private final Consumer<String> log;
  private final AtomicInteger open = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private NioHttpServer(InetSocketAddress address, int backlog, int loopCount, HttpLimits limits, HttpHandler handler,
      Executor pool, Consumer<String> log, String name) throws IOException {
    this.limits = limits;
    this.log = log;
    this.server = ServerSocketChannel.open();
    boolean ok = false;
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, backlog);
      loops = new EventLoop[loopCount];
      for (int i = 0; i < loopCount; i++) {
        loops[i] = new EventLoop(name + "-loop-" + (i + 1), handler, pool, limits, log, open::decrementAndGet);
      }
      ok = true;
    } finally {
      if (!ok) {
        server.close();
      }
    }
    for (EventLoop loop : loops) {
      loop.start();
    }
    acceptor = Thread.ofPlatform().daemon().name(name + "-accept").unstarted(this::accept);
    acceptor.start();
  }

  /**
   * Listens on {@code address} (port 0: any free one) and starts answering.
   *
   * @param loops event-loop threads (1 or 2 per core: each answers its connections' point queries itself)
   * @param pool where {@link HttpAnswer#later} work runs
   * @param log one-line events (failures)
   * @param name the threads' name prefix
   */
  public static NioHttpServer start(InetSocketAddress address, int backlog, int loops, HttpLimits limits,
      HttpHandler handler, Executor pool, Consumer<String> log, String name) throws IOException {
    if (loops < 1) {
      throw new IllegalArgumentException("loops " + loops);
    }
    return new NioHttpServer(address, backlog, loops, limits, handler, pool, log, name);
  }

  /** The port it listens on. */
  public int port() {
    return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
  }

  /** Connections open now (tests). */
  int openConnections() {
    return open.get();
  }

  private void accept() {
    int next = 0;
    while (!closed) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) { // out of file descriptors, a connection reset before it was taken
        if (closed) {
          return;
        }
        log.accept("accepting a connection failed: " + e);
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          return;
        }
        continue;
      }
      if (open.incrementAndGet() > limits.maxConnections()) {
        open.decrementAndGet();
        refuse(channel);
        continue;
      }
      try {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // small answers must not wait for a delayed ACK
      } catch (IOException e) {
        open.decrementAndGet();
        closeQuietly(channel);
        continue;
      }
      loops[next].adopt(channel);
      next = (next + 1) % loops.length;
    }
  }

  /** One connection too many: 503 and closed (a few hundred bytes into an empty send buffer: never blocks). */
  private void refuse(SocketChannel channel) {
    try {
      String date = HttpResponse.date(System.currentTimeMillis() / 1000);
      channel.write(ByteBuffer.wrap(HttpResponse.jsonError(503, "too many connections (at most "
          + limits.maxConnections() + ")").header("Retry-After", "1").encode(false, false, false, date)));
      channel.shutdownOutput();
    } catch (IOException ignored) {
      // the client is gone
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  /** Stops accepting; requests being answered get up to a second to finish; then every connection is closed. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (EventLoop loop : loops) {
      loop.stop(1_000);
    }
    try {
      acceptor.join(2_000);
      for (EventLoop loop : loops) {
        loop.join(3_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
