package io.graphsnap.cli.watch;

import java.util.concurrent.TimeUnit;

/**
 * What a {@link Watcher} in this process is doing, for work that must not compete with its builds (the server's
 * answer warmer): a change has been seen and a build is <em>pending</em> (debouncing), a build is <em>running</em>,
 * or it is <em>idle</em> since some time. Every change seen and every build started raises the
 * {@linkplain #generation() generation}, so a waiter can tell that something happened while it waited.
 *
 * <p>A {@link Watcher} reports into it (tests may too); anything may wait on it. {@link #NONE} is an activity that is always
 * idle (no watch in this process). Thread-safe; every method is O(1) apart from the waits.
 */
public final class BuildActivity {
  /** No watch: always idle, never changes. */
  public static final BuildActivity NONE = new BuildActivity();

  private boolean pending;
  private boolean running;
  private long generation;
  private long idleSince = System.nanoTime();
  private String lastPublished;
  private boolean wholeWanted;
  private final java.util.List<Runnable> publishListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A new activity, idle. */
  public BuildActivity() {}

  /** A change was seen: a build will follow after the debounce. */
  public synchronized void changeSeen() {
    if (this == NONE) {
      return;
    }
    pending = true;
    generation++;
    notifyAll();
  }

  /** A build (ingest, snapshot, publish) starts. */
  public synchronized void buildStarted() {
    if (this == NONE) {
      return;
    }
    pending = false;
    running = true;
    generation++;
    notifyAll();
  }

  /** The build ended; {@code publishedId} is the snapshot it published, or null if it failed. */
  public void buildFinished(String publishedId) {
    if (this == NONE) {
      return;
    }
    synchronized (this) {
      running = false;
      idleSince = System.nanoTime();
      if (publishedId != null) {
        lastPublished = publishedId;
      }
      notifyAll();
    }
    if (publishedId != null) {
      publishListeners.forEach(Runnable::run);
    }
  }

  /**
   * Calls {@code listener} (in the watch's thread, after {@link #buildFinished} with a publish) so that a server in
   * this process serves what was published at once instead of when the file system reports it.
   */
  public void onPublished(Runnable listener) {
    if (this != NONE) {
      publishListeners.add(listener);
    }
  }

  /**
   * Someone waits for a whole snapshot while a base + delta is served: the watch should fold its layer into a
   * snapshot now rather than when it has been quiet for a while.
   */
  public synchronized void wantWhole() {
    if (this == NONE) {
      return;
    }
    wholeWanted = true;
    notifyAll();
  }

  /** A fold has started: the wish for a whole snapshot is being served. */
  public synchronized void clearWholeWanted() {
    wholeWanted = false;
  }

  /** Whether {@link #wantWhole} was called and not yet taken. */
  public synchronized boolean wholeWanted() {
    return wholeWanted;
  }

  /** Whether a build is running or a change waits for one. */
  public synchronized boolean busy() {
    return pending || running;
  }

  /** Raised by every change seen and every build started. */
  public synchronized long generation() {
    return generation;
  }

  /** The snapshot the last successful build published, or null. */
  public synchronized String lastPublished() {
    return lastPublished;
  }

  /**
   * Waits until no build is running or pending and none has been for {@code quietMillis}; returns at once if so.
   * False if {@code timeoutMillis} passed first.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized boolean awaitQuiet(long quietMillis, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
    while (true) {
      long now = System.nanoTime();
      long wait;
      if (pending || running) {
        wait = deadline - now;
      } else {
        long quietLeft = idleSince + quiet - now;
        if (quietLeft <= 0) {
          return true;
        }
        wait = Math.min(quietLeft, deadline - now);
      }
      if (deadline - now <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, wait));
    }
  }
}
