package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.LittleEndian;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes filled buffers to a file channel on a thread of its own, so that the producer fills the next buffer
 * while the kernel copies the last one into the page cache: {@link #swap} hands over a full buffer and returns
 * an empty one (blocking only when all {@value #BUFFERS} are in flight). Writes happen in hand-over order at the
 * positions given. A write failure is rethrown by the next {@link #swap} or by {@link #finish}; after a failure
 * the remaining buffers are dropped, not written.
 *
 * <p>The writer thread is never interrupted (an interrupt would close the channel): {@link #finish} and
 * {@link #close} stop it by a sentinel. Owned by one producer thread; {@link #close()} in a finally block.
 */
final class WriteBehind implements AutoCloseable {
  static final int BUFFERS = 4;

  private record Pending(ByteBuffer buffer, long position) {}

  private static final Pending STOP = new Pending(null, -1);

  private final FileChannel channel;
  private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Pending> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread writer;
  private volatile IOException failure;
  /** File offset of the write that failed (valid once {@link #failure} is set). */
  private volatile long failedAt;
  private boolean stopped;

  /**
   * Starts the writer thread for {@code channel}, with {@value #BUFFERS} − 1 direct buffers of {@code
   * bufferBytes} (the producer brings the last one to the first {@link #swap}).
   */
  WriteBehind(FileChannel channel, int bufferBytes) {
    this.channel = channel;
    for (int i = 0; i < BUFFERS - 1; i++) {
      empty.add(ByteBuffer.allocateDirect(bufferBytes).order(LittleEndian.ORDER));
    }
    this.writer = Thread.ofPlatform().name("graphsnap-write").daemon().start(this::run);
  }

  /**
   * Queues {@code buffer}'s bytes between position and limit for writing at file offset {@code position}, and
   * returns an empty buffer (cleared, little-endian) to fill next.
   *
   * @throws IOException if an earlier write failed
   */
  ByteBuffer swap(ByteBuffer buffer, long position) throws IOException {
    rethrow();
    try {
      full.put(new Pending(buffer, position));
      return empty.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing a buffer to the snapshot file's writer");
    }
  }

  /** Waits until every queued buffer is written (the writer thread keeps running); rethrows a write failure. */
  void drain() throws IOException {
    java.util.List<ByteBuffer> all = new java.util.ArrayList<>(BUFFERS - 1);
    try {
      for (int i = 0; i < BUFFERS - 1; i++) {
        all.add(empty.take()); // the producer holds one buffer: the pool is full once nothing is in flight
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the snapshot file's writer");
    } finally {
      empty.addAll(all);
    }
    rethrow();
  }

  /** Waits until every queued buffer is written and stops the writer thread; rethrows a write failure. */
  void finish() throws IOException {
    stop();
    rethrow();
  }

  /** Stops the writer thread after the queued buffers (written unless a write failed). Idempotent. */
  @Override
  public void close() {
    stop();
  }

  private void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    boolean interrupted = false;
    while (true) {
      try {
        full.put(STOP);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (true) {
      try {
        writer.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() throws IOException {
    IOException e = failure;
    if (e != null) {
      throw new IOException("writing the snapshot file at offset " + failedAt + " failed: " + e.getMessage(), e);
    }
  }

  private void run() {
    while (true) {
      Pending p;
      try {
        p = full.take();
      } catch (InterruptedException e) {
        continue; // nobody interrupts this thread; if someone does, keep serving the queue
      }
      if (p == STOP) {
        return;
      }
      ByteBuffer b = p.buffer();
      if (failure == null) {
        try {
          while (b.hasRemaining()) {
            channel.write(b, p.position() + b.position());
          }
        } catch (IOException e) {
          failedAt = p.position() + b.position();
          failure = e;
        } catch (RuntimeException | Error e) {
          failedAt = p.position() + b.position();
          failure = new IOException(e.toString(), e);
        }
      }
      b.clear();
      empty.add(b);
    }
  }
}
