package io.graphsnap.bench.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of {@link HttpLoad}'s non-blocking load: a {@link Selector} over its share of the keep-alive
 * connections, each with at most one request in flight (no pipelining, as wrk2). So a few threads drive many
 * connections, and the client spends its CPU on one write and one read per request instead of on a thread switch
 * per connection.
 *
 * <p>Closed loop ({@code intervalNanos} 0): a connection sends its next request as soon as its answer is in. Open
 * loop: connection {@code c} (of {@code clients} in all) sends its {@code k}-th request at its due time
 * {@code start + c * interval / clients + k * interval}, or, if its previous answer came back late, as soon as it
 * does; each latency is counted from the due time (so a server that falls behind is charged for the queue), the
 * service time from the send. The thread waits for the next due time in {@link Selector#select(long)} while it is
 * more than {@value #PARK_BELOW_NANOS} ns away (answers wake it), and in {@link LockSupport#parkNanos} below that
 * ({@code select} only takes milliseconds); an answer that arrives while it is parked is read, and timed, when it
 * wakes, at most that wait late. On Linux the thread's timer slack is set to 1 µs ({@link TimerSlack}) so that
 * waits end on time (the default lets them end up to 50 µs late).
 *
 * <p>Requests stop at {@code stop}; answers still in flight then are awaited (up to {@value #DRAIN_NANOS} ns; one
 * still missing counts as an error). A non-200 answer, a connection the server closes with a request in flight, or
 * a malformed response counts as an error; the connection is opened again for the next request.
 *
 * <p>Confined to its thread ({@link #run}); the caller reads the histograms and counters after joining it.
 */
final class LoadLoop implements Runnable {
  static final long PARK_BELOW_NANOS = 1_000_000;
  static final long DRAIN_NANOS = 10_000_000_000L;

  /** One keep-alive connection and the request it has in flight. */
  private static final class Conn {
    final int index;
    SocketChannel channel;
    SelectionKey key;
    final ResponseReader reader = new ResponseReader();
    ByteBuffer pending;
    int path;
    long k;
    long due;
    long sentAt;
    boolean inFlight;

    Conn(int index) {
      this.index = index;
    }
  }

  private final InetSocketAddress address;
  private final byte[][] requests;
  private final int clients;
  private final double intervalNanos;
  private final Conn[] conns;
  private final Selector selector;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(16 * 1024);
  final LatencyHistogram latencies = new LatencyHistogram();
  final LatencyHistogram service;
  long errors;
  long start;
  long stop;
  private String firstError;

  /**
   * @param requests each request's bytes (cycled; shared read-only between loops)
   * @param mine the indices (0 to {@code clients - 1}) of this loop's connections
   * @param rate requests per second of all loops together, 0 for a closed loop
   */
  LoadLoop(InetSocketAddress address, byte[][] requests, int clients, int[] mine, double rate) throws IOException {
    this.address = address;
    this.requests = requests;
    this.clients = clients;
    this.intervalNanos = rate > 0 ? clients * 1e9 / rate : 0;
    this.service = rate > 0 ? new LatencyHistogram() : latencies;
    this.selector = Selector.open();
    this.conns = new Conn[mine.length];
    try {
      for (int i = 0; i < mine.length; i++) {
        Conn c = new Conn(mine[i]);
        c.path = (int) ((long) mine[i] * requests.length / clients);
        conns[i] = c;
        connect(c);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The first failure seen (for the report), or null. */
  String firstError() {
    return firstError;
  }

  private void connect(Conn c) throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.connect(address);
      ch.configureBlocking(false);
      c.key = ch.register(selector, SelectionKey.OP_READ, c);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    c.channel = ch;
  }

  /** Runs from {@code start} to {@code stop} (set before the thread starts; {@link System#nanoTime} values). */
  @Override
  public void run() {
    try {
      if (intervalNanos > 0) {
        TimerSlack.tighten(1_000); // waits for a due time end on time, not up to 50 µs late
      }
      loop();
    } catch (IOException | RuntimeException e) {
      fail(null, e);
    } finally {
      close();
    }
  }

  private void loop() throws IOException {
    boolean open = intervalNanos > 0;
    for (Conn c : conns) {
      c.due = start + (long) (intervalNanos * c.index / clients);
    }
    long drainBy = stop + DRAIN_NANOS;
    while (true) {
      long now = System.nanoTime();
      long next = Long.MAX_VALUE; // the earliest due time of an idle connection
      int inFlight = 0;
      if (now < stop) {
        for (Conn c : conns) {
          if (!c.inFlight && c.pending == null) {
            if (c.due <= now) {
              send(c, now);
            } else {
              next = Math.min(next, c.due);
            }
          }
        }
      }
      for (Conn c : conns) {
        inFlight += c.inFlight ? 1 : 0;
      }
      if (now >= stop && inFlight == 0) {
        return;
      }
      if (now >= drainBy) {
        errors += inFlight; // never answered
        fail(null, new IOException(inFlight + " requests unanswered " + DRAIN_NANOS / 1_000_000_000 + " s after the end"));
        return;
      }
      next = Math.min(next, now < stop ? stop : drainBy);
      long wait = next - now;
      int ready;
      if (!open || wait >= PARK_BELOW_NANOS) {
        ready = selector.select(this::onReady, Math.max(1, wait / 1_000_000));
      } else {
        ready = selector.selectNow(this::onReady);
        if (ready == 0 && wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  private void send(Conn c, long now) {
    if (c.channel == null) {
      try {
        connect(c);
      } catch (IOException e) {
        fail(c, e);
        errors++;
        advance(c);
        return;
      }
    }
    byte[] request = requests[c.path];
    c.path = c.path + 1 == requests.length ? 0 : c.path + 1;
    c.sentAt = now;
    c.inFlight = true;
    ByteBuffer out = request.length <= writeBuffer.capacity() ? writeBuffer.clear() : ByteBuffer.allocate(request.length);
    out.put(request).flip();
    try {
      c.channel.write(out);
      if (out.hasRemaining()) { // the socket's send buffer is full: the rest when it has room
        c.pending = ByteBuffer.allocate(out.remaining()).put(out).flip();
        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    } catch (IOException e) {
      broken(c, e);
    }
  }

  private void onReady(SelectionKey key) {
    Conn c = (Conn) key.attachment();
    if (!key.isValid()) {
      return;
    }
    try {
      if (key.isWritable() && c.pending != null) {
        c.channel.write(c.pending);
        if (!c.pending.hasRemaining()) {
          c.pending = null;
          key.interestOps(SelectionKey.OP_READ);
        }
      }
      if (key.isReadable()) {
        read(c);
      }
    } catch (IOException e) {
      broken(c, e);
    }
  }

  private void read(Conn c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      throw new IOException("the server closed the connection");
    }
    readBuffer.flip();
    while (readBuffer.hasRemaining()) {
      if (!c.inFlight) {
        throw new IOException("bytes from the server with no request in flight");
      }
      int status = c.reader.feed(readBuffer);
      if (status < 0) {
        return;
      }
      long t1 = System.nanoTime();
      c.inFlight = false;
      if (intervalNanos > 0) {
        latencies.record(t1 - c.due);
        service.record(t1 - c.sentAt);
      } else {
        latencies.record(t1 - c.sentAt);
      }
      if (status != 200) {
        errors++;
      }
      advance(c);
      if (t1 < stop && c.due <= t1) {
        send(c, t1); // closed loop: the next request at once; open loop: it is already due
      }
    }
  }

  /** The connection's next request: due one interval after the last (open loop), or now (closed loop). */
  private void advance(Conn c) {
    c.k++;
    if (intervalNanos > 0) {
      c.due = start + (long) (intervalNanos * c.index / clients) + (long) (c.k * intervalNanos);
    } else {
      c.due = 0;
    }
  }

  /** The connection failed: its request in flight is an error; it is opened again for the next one. */
  private void broken(Conn c, IOException e) {
    if (c.inFlight || c.reader.inResponse()) {
      errors++;
      fail(c, e);
      advance(c);
    }
    c.inFlight = false;
    c.pending = null;
    if (c.key != null) {
      c.key.cancel();
    }
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing
    }
    c.channel = null;
    c.key = null;
    c.reader.reset();
  }

  private void fail(Conn c, Exception e) {
    if (firstError == null) {
      firstError = (c == null ? "" : "connection " + c.index + ": ") + e;
    }
  }

  /** Closes the connections (done by {@link #run} at its end; for a loop that never runs). */
  void close() {
    for (Conn c : conns) {
      if (c != null && c.channel != null) {
        try {
          c.channel.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
