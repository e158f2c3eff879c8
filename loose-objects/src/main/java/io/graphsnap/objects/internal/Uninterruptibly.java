package io.graphsnap.objects.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for background store work without ever abandoning it: an interrupt of the waiting thread is remembered and
 * restored once the work has ended, since work left running could still be writing files its caller then deletes or
 * lists (and an interrupt of the worker itself would close the channel it writes). Not API. Stateless.
 */
public final class Uninterruptibly {
  private Uninterruptibly() {}

  /**
   * The result of {@code work}, waiting for it to end however often this thread is interrupted meanwhile (the
   * interrupt status is set again before returning or throwing).
   *
   * @throws ExecutionException if the work failed
   */
  public static <T> T get(Future<T> work) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return work.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
