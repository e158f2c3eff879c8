package io.graphsnap.objects.jsonl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads chunks on a thread of its own, up to {@code capacity} chunks ahead of the thread that {@link #take}s them, so
 * that the input keeps flowing while that thread applies what it took: a producer piping lines into an ingest is
 * not stopped each time the ingest commits or updates its index (with a 64 KiB pipe, it was). Chunks come out in the
 * order they were read; an empty chunk is the end of input; the reading thread's failure is rethrown by {@link
 * #take}.
 *
 * <p>{@link #stop} stops the reading thread before its next read and waits up to a second for it; a thread that a
 * stalled input keeps blocked in a read past that is left to end with the input (it is a daemon and touches nothing
 * but the source it was given, whose memory the caller must therefore not free explicitly: the ingest allocates the
 * line blocks in an automatic arena). One thread takes; not for several.
 *
 * @param <T> a chunk's items
 */
final class ReadAhead<T> implements AutoCloseable {
  /** Reads the next chunk: empty at the end of input. */
  @FunctionalInterface
  interface ChunkSource<T> {
    List<T> next() throws IOException, InterruptedException;
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean stopped;
  private boolean ended;

  /** Starts reading from {@code source} on a new daemon thread named {@code name}. */
  ReadAhead(ChunkSource<T> source, int capacity, String name) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(() -> run(source), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(ChunkSource<T> source) {
    Object last = END;
    try {
      while (!stopped) {
        List<T> chunk = source.next();
        if (chunk.isEmpty()) {
          break;
        }
        if (!offer(chunk)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      return; // nobody takes any more
    } catch (IOException | RuntimeException | Error e) {
      last = e;
    }
    try {
      offer(last);
    } catch (InterruptedException e) {
      // nobody takes any more
    }
  }

  /** Puts {@code o} in the queue, waiting for room; false if stopped while waiting. */
  private boolean offer(Object o) throws InterruptedException {
    while (!queue.offer(o, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      if (stopped) {
        return false;
      }
    }
    return true;
  }

  /**
   * The next chunk, waiting for it; empty at the end of input (and on every call after it).
   *
   * @throws IOException as the reading thread's read threw it, or if this thread is interrupted while waiting
   */
  @SuppressWarnings("unchecked")
  List<T> take() throws IOException {
    if (ended) {
      return List.of();
    }
    Object next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for input");
    }
    if (next == END) {
      ended = true;
      return List.of();
    }
    if (next instanceof Throwable failure) {
      ended = true;
      switch (failure) {
        case IOException io -> throw new IOException(io.getMessage(), io);
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new UncheckedIOException(new IOException(failure));
      }
    }
    return (List<T>) next;
  }

  /**
   * Stops the reading thread and returns the chunks it read that were not taken (for the caller to release their
   * items). The thread is not interrupted (an interrupt would close the caller's input channel): it stops before
   * its next read; this waits up to a second for it, taking what it still puts.
   */
  List<List<T>> stop() {
    stopped = true;
    List<List<T>> left = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + 1_000_000_000L;
    try {
      do {
        drainTo(left);
        thread.join(20);
      } while (thread.isAlive() && System.nanoTime() < deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainTo(left);
    return left;
  }

  @SuppressWarnings("unchecked")
  private void drainTo(List<List<T>> left) {
    for (Object o = queue.poll(); o != null; o = queue.poll()) {
      if (o instanceof List<?> chunk) {
        left.add((List<T>) chunk);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
