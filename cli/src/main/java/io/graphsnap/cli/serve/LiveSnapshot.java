package io.graphsnap.cli.serve;

import io.graphsnap.reader.GraphSnapshot;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The snapshot a server answers from, switched atomically when a new one is published (see the package
 * documentation for the contract). A request {@linkplain #acquire() acquires} the current lease and answers
 * wholly from it; {@link #publish} makes a new snapshot current and releases the live snapshot's hold on the
 * old one, whose mapping closes when the last request using it releases it.
 *
 * <p>Thread-safe and lock-free: acquire is one read and one compare-and-set in the common case.
 */
public final class LiveSnapshot implements AutoCloseable {
  private final AtomicReference<SnapshotLease> current = new AtomicReference<>();
  private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * The current snapshot, retained for the caller, who must close the lease when done; null while none is
   * published (or after {@link #close}).
   */
  public SnapshotLease acquire() {
    while (true) {
      SnapshotLease lease = current.get();
      if (lease == null) {
        return null;
      }
      if (lease.tryRetain()) {
        return lease;
      }
      // retired and closed between the read and the retain: a newer one is current by now
      Thread.onSpinWait();
    }
  }

  /** The id of the current snapshot, or null. */
  public String currentId() {
    SnapshotLease lease = current.get();
    return lease == null ? null : lease.id();
  }

  /**
   * Makes {@code snapshot} (named {@code id}) current, taking ownership of it, and returns the lease it
   * replaced (already released by this live snapshot; closed once its last request ends), or null.
   */
  public SnapshotLease publish(String id, GraphSnapshot snapshot) {
    SnapshotLease lease = new SnapshotLease(id, snapshot);
    if (closed) {
      lease.close();
      throw new IllegalStateException("the live snapshot is closed");
    }
    SnapshotLease old = current.getAndSet(lease);
    if (old != null) {
      old.close();
    }
    if (closed) { // closed concurrently: do not leak the new mapping
      SnapshotLease mine = current.getAndSet(null);
      if (mine != null) {
        mine.close();
      }
    }
    listeners.forEach(Runnable::run);
    return old;
  }

  /**
   * Calls {@code listener} after every {@link #publish} (in the publishing thread: it must only signal, e.g. wake
   * the {@link AnswerWarmer}).
   */
  public void onPublish(Runnable listener) {
    listeners.add(listener);
  }

  /** Stops serving: releases the current snapshot (closed when the requests using it end). Idempotent. */
  @Override
  public void close() {
    closed = true;
    SnapshotLease old = current.getAndSet(null);
    if (old != null) {
      old.close();
    }
  }
}
