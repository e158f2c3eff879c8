package io.graphsnap.objects.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed background task threw, for the thread that waited for it: unchecked exceptions and errors are
 * rethrown as they were, an {@link IOException} is returned as it was, anything else wrapped in one. Not API.
 * Stateless, thread-safe.
 */
public final class TaskFailures {
  private TaskFailures() {}

  /**
   * The cause of {@code failure} as an {@link IOException} for the caller to throw.
   *
   * @throws RuntimeException the cause itself, if it is one
   * @throws Error the cause itself, if it is one
   */
  public static IOException rethrow(ExecutionException failure) {
    Throwable cause = failure.getCause();
    switch (cause) {
      case RuntimeException r -> throw r;
      case Error e -> throw e;
      case IOException io -> {
        return io;
      }
      case null -> {
        return new IOException(failure);
      }
      default -> {
        return new IOException(cause);
      }
    }
  }
}
