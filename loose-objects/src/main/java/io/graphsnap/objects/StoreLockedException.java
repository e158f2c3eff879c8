package io.graphsnap.objects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another process (or another open {@link Store} in this one) holds the store's writer lock. Readers of
 * snapshots never need the lock; only ingest, build and gc do.
 */
public final class StoreLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String holder;

  /** Creates the exception; {@code holder} describes the holder if known (may be empty). */
  public StoreLockedException(Path lockFile, String holder) {
    super("store is locked by another graphsnap process" + (holder.isEmpty() ? "" : " (" + holder + ")")
        + "; wait for it to finish, or pass --wait SECONDS (lock=" + lockFile + ")");
    this.holder = holder;
  }

  /** What is known about the holder ({@code "pid 1234"}), or empty. */
  public String holder() {
    return holder;
  }
}
