package io.graphsnap.cli.serve;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mapped snapshot (or base + delta, {@link #isLayered()}) and the number of holders using it: the {@link LiveSnapshot} (while it is current) and
 * each request answering from it. The mapping is closed exactly once, by whichever holder releases it last.
 * Thread-safe (lock-free).
 */
public final class SnapshotLease implements AutoCloseable {
  private final String id;
  private final GraphSnapshot snapshot;
  private final LayeredSnapshot layered;
  /** Holders; 0 means closed, and a closed lease can never be retained again. */
  private final AtomicInteger holders = new AtomicInteger(1);

  SnapshotLease(String id, GraphSnapshot snapshot) {
    this.id = id;
    this.snapshot = snapshot;
    this.layered = null;
  }

  SnapshotLease(String id, LayeredSnapshot layered) {
    this.id = id;
    this.snapshot = null;
    this.layered = layered;
  }

  /** Whether this is a base + delta ({@link #layered()}) rather than one whole snapshot ({@link #snapshot()}). */
  public boolean isLayered() {
    return layered != null;
  }

  /**
   * The base + delta; valid until this lease is released.
   *
   * @throws IllegalStateException if this lease is a whole snapshot
   */
  public LayeredSnapshot layered() {
    if (layered == null) {
      throw new IllegalStateException("snapshot " + id + " is not layered");
    }
    return layered;
  }

  /** The snapshot id (the file name without {@code .gsnap}), or {@code <base>+<delta>} when layered. */
  public String id() {
    return id;
  }

  /**
   * The mapped snapshot; valid until this lease is {@linkplain #close() released}.
   *
   * @throws IllegalStateException if this lease is layered (see {@link LiveSnapshot#acquireWhole})
   */
  public GraphSnapshot snapshot() {
    if (snapshot == null) {
      throw new IllegalStateException("snapshot " + id + " is a base + delta: ask LiveSnapshot.acquireWhole");
    }
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
      if (layered != null) {
        layered.close();
      } else {
        snapshot.close();
      }
    } else if (left < 0) {
      throw new IllegalStateException("snapshot lease " + id + " released more often than retained");
    }
  }

  /** True once the last holder has released it (the mapping is closed). */
  public boolean isClosed() {
    return holders.get() == 0;
  }
}
