package io.graphsnap.cli.serve;

import io.graphsnap.reader.GraphSnapshot;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mapped snapshot and the number of holders using it: the {@link LiveSnapshot} (while it is current) and
 * each request answering from it. The mapping is closed exactly once, by whichever holder releases it last.
 * Thread-safe (lock-free).
 */
public final class SnapshotLease implements AutoCloseable {
  private final String id;
  private final GraphSnapshot snapshot;
  /** Holders; 0 means closed, and a closed lease can never be retained again. */
  private final AtomicInteger holders = new AtomicInteger(1);

  SnapshotLease(String id, GraphSnapshot snapshot) {
    this.id = id;
    this.snapshot = snapshot;
  }

  /** The snapshot id (the file name without {@code .gsnap}). */
  public String id() {
    return id;
  }

  /** The mapped snapshot; valid until this lease is {@linkplain #close() released}. */
  public GraphSnapshot snapshot() {
    return snapshot;
  }

  /** Adds a holder, unless the lease is already closed (then false: the caller must look for the current one). */
  boolean tryRetain() {
    for (int n = holders.get(); n > 0; n = holders.get()) {
      if (holders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Releases one holder; the last one unmaps the snapshot. */
  @Override
  public void close() {
    int left = holders.decrementAndGet();
    if (left == 0) {
      snapshot.close();
    } else if (left < 0) {
      throw new IllegalStateException("snapshot lease " + id + " released more often than retained");
    }
  }

  /** True once the last holder has released it (the mapping is closed). */
  public boolean isClosed() {
    return holders.get() == 0;
  }
}
