package io.graphsnap.bench.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One share of {@link HttpLoad}'s non-blocking load: a {@link Selector} over its keep-alive connections, each
 * with at most one request in flight (no pipelining, as wrk2). A few threads drive many connections, so the
 * client spends its CPU on a write and a read per request instead of on a thread switch per connection.
 *
 * <p>Closed loop ({@code rate} 0): the reading thread ({@link #run}) sends a connection's next request as soon as
 * its answer is in. Open loop: connection {@code c} (of {@code clients} in all) sends its {@code k}-th request at
 * its due time {@code start + c * interval / clients + k * interval}, or, if its previous answer came back late,
 * as soon as it does; each latency counts from the due time (a server that falls behind is charged for its queue),
 * the service time from the send. The due requests are sent by a second thread, the pacer, which sleeps until the
 * next due time ({@link LockSupport#parkNanos}, timer slack 1 µs on Linux: {@link TimerSlack}), while the reading
 * thread sleeps in the selector until an answer arrives, so answers are timed when they arrive (a selector only
 * waits whole milliseconds, so one thread could not do both precisely). A connection is owned by one thread at a
 * time: the pacer takes an idle one ({@code IDLE → BUSY}); the reading thread hands it back when the answer is in
 * and its next request is not due yet, and sends it itself when it is.
 *
 * <p>Requests stop at {@code stop}; answers still in flight then are awaited (up to {@value #DRAIN_NANOS} ns; one
 * still missing counts as an error). A non-200 answer, a connection the server closes with a request in flight, or
 * a malformed response counts as an error; the connection is opened again for the next request.
 *
 * <p>The caller reads the histograms and counters after {@link #run} returns.
 */
final class LoadLoop implements Runnable {
  static final long DRAIN_NANOS = 10_000_000_000L;
  private static final int IDLE = 0;
  private static final int BUSY = 1;
  private static final int DEAD = 2;

  /** One keep-alive connection and the request it has in flight. */
  private static final class Conn {
    final int index;
    /** IDLE: nothing in flight, the pacer may send; BUSY: a request in flight (or being sent); DEAD: cannot connect. */
    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile SocketChannel channel;
    SelectionKey key;
    final ResponseReader reader = new ResponseReader();
    int path;
    /** The request in flight (its index), for a retry on a new connection. */
    int sent;
    /** Whether the request in flight was already sent once on a connection the server closed. */
    boolean retried;
    long k;
    volatile long due;
    volatile long sentAt;

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
  private final ThreadLocal<ByteBuffer> writeBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(16 * 1024));
  final LatencyHistogram latencies = new LatencyHistogram();
  final LatencyHistogram service;
  private long errors;
  long start;
  long stop;
  private volatile String firstError;
  private Thread pacer;
  /** The due time the pacer sleeps until (Long.MAX_VALUE: none); the reading thread wakes it for an earlier one. */
  private volatile long pacerWakesAt = Long.MAX_VALUE;

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

  /** Requests that failed or were answered with another status than 200 (after {@link #run}). */
  long errors() {
    return errors;
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

  /** Runs from {@code start} to {@code stop} (set before; {@link System#nanoTime} values), then drains. */
  @Override
  public void run() {
    try {
      for (Conn c : conns) {
        c.due = start + (long) (intervalNanos * c.index / clients);
      }
      if (intervalNanos > 0) {
        pacer = Thread.ofPlatform().name(Thread.currentThread().getName() + "-pacer").start(this::pace);
      } else {
        long now;
        while ((now = System.nanoTime()) < start) {
          LockSupport.parkNanos(start - now);
        }
        for (Conn c : conns) {
          c.state.set(BUSY);
          send(c, System.nanoTime());
        }
      }
      read();
    } catch (IOException | RuntimeException e) {
      fail(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(null, e);
    } finally {
      if (pacer != null) {
        try {
          pacer.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      close();
    }
  }

  /** The pacer (open loop): sends each idle connection's request at its due time, until {@code stop}. */
  private void pace() {
    TimerSlack.tighten(1_000); // waits end on time, not up to 50 µs late
    while (true) {
      long now = System.nanoTime();
      if (now >= stop) {
        return;
      }
      long next = stop;
      for (Conn c : conns) {
        if (c.state.get() != IDLE) {
          continue;
        }
        long due = c.due;
        if (due > now) {
          next = Math.min(next, due);
        } else if (c.state.compareAndSet(IDLE, BUSY)) {
          send(c, now);
        }
      }
      pacerWakesAt = next;
      now = System.nanoTime();
      if (next > now && !earlierIdle(next)) {
        LockSupport.parkNanos(next - now);
      }
      pacerWakesAt = Long.MAX_VALUE;
    }
  }

  /** True if a connection handed back while the pacer computed its wake time is due before {@code next}. */
  private boolean earlierIdle(long next) {
    for (Conn c : conns) {
      if (c.state.get() == IDLE && c.due < next) {
        return true;
      }
    }
    return false;
  }

  /** The reading thread: answers, timed as they arrive, until every request sent before {@code stop} is answered. */
  private void read() throws IOException, InterruptedException {
    long drainBy = stop + DRAIN_NANOS;
    while (true) {
      long now = System.nanoTime();
      if (now >= stop) {
        if (pacer != null) {
          pacer.join(); // it sends nothing more
        }
        int busy = 0;
        for (Conn c : conns) {
          busy += c.state.get() == BUSY ? 1 : 0;
        }
        if (busy == 0) {
          return;
        }
        if (now >= drainBy) {
          errors += busy;
          fail(null, new IOException(busy + " requests unanswered " + DRAIN_NANOS / 1_000_000_000 + " s after the end"));
          return;
        }
      }
      long until = now < stop ? stop : drainBy;
      selector.select(this::onReady, Math.max(1, Math.min(100, (until - now) / 1_000_000)));
    }
  }

  /** Sends the connection's next request (the caller owns it: state BUSY). */
  private void send(Conn c, long now) {
    if (c.channel == null) {
      c.state.set(DEAD);
      return;
    }
    c.sent = c.path;
    byte[] request = requests[c.path];
    c.path = c.path + 1 == requests.length ? 0 : c.path + 1;
    c.sentAt = now;
    ByteBuffer out = request.length <= 16 * 1024 ? writeBuffers.get().clear() : ByteBuffer.allocate(request.length);
    out.put(request).flip();
    try {
      while (true) {
        c.channel.write(out);
        if (!out.hasRemaining()) {
          return;
        }
        LockSupport.parkNanos(50_000); // the socket's send buffer is full (a request is a few hundred bytes: rare)
        if (System.nanoTime() > stop + DRAIN_NANOS) {
          throw new IOException("the server does not read requests");
        }
      }
    } catch (IOException e) { // the reading thread sees the connection fail and counts the error
      fail(c, e);
    }
  }

  private void onReady(SelectionKey key) {
    Conn c = (Conn) key.attachment();
    if (!key.isValid() || !key.isReadable()) {
      return;
    }
    try {
      readFrom(c);
    } catch (IOException e) {
      broken(c, e);
    }
  }

  private void readFrom(Conn c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      throw new IOException("the server closed the connection");
    }
    readBuffer.flip();
    while (readBuffer.hasRemaining()) {
      if (c.state.get() != BUSY) {
        throw new IOException("bytes from the server with no request in flight");
      }
      int status = c.reader.feed(readBuffer);
      if (status < 0) {
        return;
      }
      long t1 = System.nanoTime();
      if (intervalNanos > 0) {
        latencies.record(t1 - c.due);
        service.record(t1 - c.sentAt);
      } else {
        latencies.record(t1 - c.sentAt);
      }
      if (status != 200) {
        errors++;
      }
      next(c, t1);
    }
  }

  /** The connection's answer is in (or lost): its next request now if it is due, else back to the pacer. */
  private void next(Conn c, long now) {
    c.k++;
    c.retried = false;
    if (intervalNanos == 0) {
      if (now < stop) {
        send(c, now); // closed loop: at once
      } else {
        c.state.set(IDLE);
      }
      return;
    }
    long due = start + (long) (intervalNanos * c.index / clients) + (long) (c.k * intervalNanos);
    c.due = due;
    if (due <= now && now < stop) {
      send(c, now); // late: at once
      return;
    }
    c.state.set(IDLE);
    if (due < pacerWakesAt) {
      LockSupport.unpark(pacer);
    }
  }

  /** The connection failed: its request in flight is an error; it is opened again for the next one. */
  private void broken(Conn c, IOException e) {
    c.state.compareAndSet(IDLE, DEAD); // an idle connection the server closed: the pacer must not take it now
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
    boolean started = c.reader.inResponse();
    c.reader.reset();
    // the server closed a keep-alive connection as this request went out (the race every HTTP/1.1 client has):
    // sent again once on a new connection, as the blocking client did; anything else is an error
    boolean retry = c.state.get() == BUSY && !started && !c.retried;
    if (c.state.get() == BUSY && !retry) {
      errors++;
      fail(c, e);
    }
    try {
      connect(c);
    } catch (IOException again) {
      fail(c, again);
      c.state.set(DEAD);
      return;
    }
    if (retry) {
      c.retried = true;
      c.path = c.sent;
      long due = c.due;
      send(c, System.nanoTime());
      c.due = due;
    } else if (c.state.get() == BUSY) {
      next(c, System.nanoTime());
    } else { // was idle: the pacer may send on the new connection
      c.state.set(IDLE);
    }
  }

  private void fail(Conn c, Exception e) {
    if (firstError == null) {
      firstError = (c == null ? "" : "connection " + c.index + " (request " + c.k + "): ") + e;
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
