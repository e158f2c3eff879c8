package io.graphsnap.objects;

import io.graphsnap.format.object.FileSummary;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import io.graphsnap.objects.internal.TaskFailures;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and decodes objects on a thread of its own, a few batches ahead of the thread that visits them, and hands
 * them over strictly in order: a full build's collection (which interns names on its own thread) no longer waits for
 * each object's decompression and decoding. A failed read is reported at its place in the order, after every object
 * before it was visited, as the same read on the visiting thread would be.
 *
 * <p>Memory: up to {@value #AHEAD} batches of {@value #BATCH} decoded objects. One visiting thread; {@link #close}
 * stops the reading thread (a batch in progress finishes and is dropped).
 */
final class ReadBehind implements AutoCloseable {
  /** Objects decoded per task. */
  static final int BATCH = 128;
  /** Tasks in flight. */
  static final int AHEAD = 4;

  /** Reads object {@code i} of the order (on the reading thread). */
  @FunctionalInterface
  interface Reader {
    FileSummary read(int i) throws IOException;
  }

  /** A batch's objects {@code [from, from + count)}, and the failure of object {@code from + count} if any. */
  private record Batch(int from, FileSummary[] summaries, int count, IOException failure) {}

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "graphsnap-read-objects");
    t.setDaemon(true);
    return t;
  });
  private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
  private final Reader reader;
  private final int end;
  private int submitted;
  private Batch current;
  private int next;

  /** Objects {@code [from, to)} of the order, read by {@code reader}. */
  ReadBehind(Reader reader, int from, int to) {
    this.reader = reader;
    this.submitted = from;
    this.end = to;
    this.next = from;
  }

  /**
   * Object {@code i} of the order, which must be the next one (from, from + 1, …): decoded ahead, or its read's
   * failure.
   */
  FileSummary next(int i) throws IOException {
    if (i != next) {
      throw new IllegalStateException("object " + i + " asked for out of order, expected " + next);
    }
    next++;
    if (current == null || i >= current.from() + current.summaries().length) {
      current = take();
    }
    int k = i - current.from();
    if (k < current.count()) {
      FileSummary summary = current.summaries()[k];
      current.summaries()[k] = null;
      return summary;
    }
    throw current.failure();
  }

  private Batch take() throws IOException {
    while (inFlight.size() < AHEAD && submitted < end) {
      int from = submitted;
      int to = Math.min(end, from + BATCH);
      submitted = to;
      inFlight.add(thread.submit(() -> readBatch(from, to)));
    }
    try {
      return inFlight.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading objects");
    } catch (ExecutionException e) {
      throw TaskFailures.rethrow(e); // a read's own IOException comes in its Batch, in order
    }
  }

  private Batch readBatch(int from, int to) {
    FileSummary[] summaries = new FileSummary[to - from];
    for (int i = from; i < to; i++) {
      try {
        summaries[i - from] = reader.read(i);
      } catch (IOException e) {
        return new Batch(from, summaries, i - from, e);
      }
    }
    return new Batch(from, summaries, to - from, null);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    inFlight.clear();
  }
}
