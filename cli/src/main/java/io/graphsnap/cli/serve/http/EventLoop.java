package io.graphsnap.cli.serve.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One thread with one {@link Selector} driving its share of a {@link NioHttpServer}'s connections: it reads,
 * answers (through the handler, on this thread) and writes. Other threads reach it only through {@link #execute}
 * (a queue and a selector wake-up, sent only when the loop may be asleep). Every {@value #SWEEP_MILLIS} ms it
 * checks its connections' deadlines: cost linear in its connections.
 *
 * <p>Thread-safe entry points: {@link #execute}, {@link #adopt}, {@link #stop}; everything else runs on the loop's thread.
 */
final class EventLoop implements Runnable {
  static final long SWEEP_MILLIS = 100;
  /** Bytes of the direct buffer responses are encoded into (a larger response is written from the heap). */
  static final int SEND_BUFFER = 64 * 1024;

  private final Selector selector;
  private final HttpHandler handler;
  private final Executor pool;
  private final HttpLimits limits;
  private final Consumer<String> log;
  private final Runnable onClose;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupSent = new AtomicBoolean();
  private final ArrayList<Connection> connections = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long stopBy;
  private long nextSweep;
  /** Where a response is encoded before it is written (direct: the socket write copies nothing). */
  private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(SEND_BUFFER);
  private long dateSecond = -1;
  private String date;

  EventLoop(String name, HttpHandler handler, Executor pool, HttpLimits limits, Consumer<String> log, Runnable onClose)
      throws IOException {
    this.selector = Selector.open();
    this.handler = handler;
    this.pool = pool;
    this.limits = limits;
    this.log = log;
    this.onClose = onClose;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this);
  }

  void start() {
    thread.start();
  }

  HttpHandler handler() {
    return handler;
  }

  Executor pool() {
    return pool;
  }

  boolean stopping() {
    return stopping;
  }

  void log(String line) {
    log.accept(line);
  }

  /** The buffer a response is encoded into and written from (loop thread only; its content lasts until the next send). */
  ByteBuffer sendBuffer() {
    return sendBuffer;
  }

  /** Milliseconds of a monotonic clock. */
  long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** The {@code Date} header's value, formatted once a second. */
  String date() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      date = HttpResponse.date(second);
      dateSecond = second;
    }
    return date;
  }

  /** Runs {@code task} on this loop's thread, soon (any thread). */
  void execute(Runnable task) {
    tasks.add(task);
    if (Thread.currentThread() != thread && wakeupSent.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Takes over a newly accepted connection (any thread). */
  void adopt(SocketChannel channel) {
    execute(() -> {
      Connection c = new Connection(this, channel, limits);
      try {
        channel.configureBlocking(false);
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
      } catch (IOException e) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // already failing
        }
        onClose.run();
        return;
      }
      c.slot = connections.size();
      connections.add(c);
    });
  }

  /** A connection closed (loop thread): forget it. */
  void closed(Connection c) {
    int last = connections.size() - 1;
    if (c.slot <= last && connections.get(c.slot) == c) {
      Connection moved = connections.get(last);
      connections.set(c.slot, moved);
      moved.slot = c.slot;
      connections.remove(last);
    }
    onClose.run();
  }

  /** Stops: idle connections close at once, the others when their response is sent or after {@code graceMillis}. */
  void stop(long graceMillis) {
    stopBy = now() + graceMillis;
    stopping = true;
    selector.wakeup();
  }

  /** Waits for the loop's thread to end. */
  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  @Override
  public void run() {
    try {
      while (true) {
        wakeupSent.set(false);
        if (tasks.isEmpty()) {
          selector.select(this::onKey, SWEEP_MILLIS);
        } else {
          selector.selectNow(this::onKey);
        }
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        long now = now();
        if (now >= nextSweep) {
          nextSweep = now + SWEEP_MILLIS;
          for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size()) {
              connections.get(i).checkDeadline(now);
            }
          }
        }
        if (stopping) {
          for (int i = connections.size() - 1; i >= 0; i--) {
            if (i < connections.size() && (connections.get(i).idle() || now >= stopBy)) {
              connections.get(i).close();
            }
          }
          if (connections.isEmpty() || now >= stopBy) {
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.accept("HTTP event loop " + thread.getName() + " failed: " + e);
    } finally {
      for (int i = connections.size() - 1; i >= 0; i--) {
        connections.get(i).close();
      }
      for (Runnable task; (task = tasks.poll()) != null; ) {
        try {
          task.run(); // an adopt() still queued: it registers, and the next lines close it
        } catch (RuntimeException ignored) {
          // stopping
        }
      }
      for (int i = connections.size() - 1; i >= 0; i--) {
        connections.get(i).close();
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // stopping
      }
    }
  }

  private void onKey(SelectionKey key) {
    if (key.isValid()) {
      ((Connection) key.attachment()).onReady(key.readyOps());
    }
  }
}
