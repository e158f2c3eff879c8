package io.graphsnap.cli.serve;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
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
  private final java.util.List<Runnable> wholeWanted = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Notified on every publish and on close, for {@link #acquireWhole}. */
  private final Object published = new Object();
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
    return publish(new SnapshotLease(id, snapshot));
  }

  /**
   * Makes the base + delta {@code layered} (named {@code <base>+<delta>}) current, taking ownership of it; as
   * {@link #publish(String, GraphSnapshot)}. Questions a layered graph cannot answer wait for the next whole snapshot
   * ({@link #acquireWhole}).
   */
  public SnapshotLease publish(String id, LayeredSnapshot layered) {
    return publish(new SnapshotLease(id, layered));
  }

  private SnapshotLease publish(SnapshotLease lease) {
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
    synchronized (published) {
      published.notifyAll();
    }
    return old;
  }

  /**
   * The current snapshot if it is a whole one, else waits (up to {@code timeoutMillis}) until a whole one is
   * published, telling the {@link #onWholeWanted} listeners once that it is waited for (an in-process watch then
   * compacts at once). Retained for the caller as {@link #acquire()} is; null if none came in time or the live
   * snapshot is closed.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public SnapshotLease acquireWhole(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean told = false;
    while (!closed) {
      synchronized (published) {
        SnapshotLease lease = acquire();
        if (lease != null && !lease.isLayered()) {
          return lease;
        }
        if (lease != null) {
          lease.close();
        }
        if (!told) {
          told = true;
          wholeWanted.forEach(Runnable::run);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(published, left);
      }
    }
    return null;
  }

  /**
   * Calls {@code listener} when a request starts waiting for a whole snapshot while a base + delta is served (in the
   * waiting thread: it must only signal).
   */
  public void onWholeWanted(Runnable listener) {
    wholeWanted.add(listener);
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
    synchronized (published) {
      published.notifyAll();
    }
    SnapshotLease old = current.getAndSet(null);
    if (old != null) {
      old.close();
    }
  }
}
