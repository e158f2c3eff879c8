package io.graphsnap.builder.internal.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One background platform thread for the CPU work an incremental build can do beside the sequential copy (the
 * Bloom filter's re-hash, the bitmaps), so that on a machine with a second core it costs no wall time. Tasks run
 * in submission order; {@link #close()} waits for the running one, so no task outlives the build's mappings.
 * Owned by one build; {@link #submit} and {@link #join} from the owning thread only.
 */
public final class SideWork implements AutoCloseable {
  private final ExecutorService executor;

  SideWork(String threadName) {
    this.executor = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().name(threadName).daemon()
        .unstarted(task));
  }

  /** Queues {@code task}; its result or failure comes out of {@link #join}. */
  <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }

  /**
   * Waits for {@code task} and returns its result, rethrowing its {@link IOException}, unchecked exception or
   * error as it was thrown.
   */
  public static <T> T join(Future<T> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for background work of the build");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException("background work of the build failed: " + cause, cause);
    }
  }

  /** Drops queued tasks, interrupts the running one and waits for it to end. Idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
