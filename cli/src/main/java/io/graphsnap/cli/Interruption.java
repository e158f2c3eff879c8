package io.graphsnap.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, or SIGTERM) during a long command into a stop request for the thread that runs it, and
 * holds the JVM's shutdown until that thread has kept what it finished (at most {@link #GRACE_SECONDS}). The
 * request is {@link #requested()}, and, for {@link #install()}, also an interrupt of the thread (for work that
 * waits on queues, such as {@code build}'s extraction); {@link #installFlagOnly()} does not interrupt, for work
 * that polls between steps and whose file channels an interrupt would close mid-write ({@code ingest}). Used once:
 * install when the work starts, {@link #finished()} when it ends (normally or not). Thread-safe.
 */
final class Interruption {
  /** The longest the shutdown waits for the command to keep its finished work. */
  static final long GRACE_SECONDS = 30;

  private final Thread worker = Thread.currentThread();
  private final boolean interruptWorker;
  private volatile boolean requested;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "graphsnap-interrupt");

  private Interruption(boolean interruptWorker) {
    this.interruptWorker = interruptWorker;
  }

  /** Installs the shutdown hook for the calling thread: Ctrl-C interrupts it and sets {@link #requested()}. */
  static Interruption install() {
    return install(true);
  }

  /** Installs the shutdown hook for the calling thread: Ctrl-C only sets {@link #requested()}. */
  static Interruption installFlagOnly() {
    return install(false);
  }

  private static Interruption install(boolean interruptWorker) {
    Interruption i = new Interruption(interruptWorker);
    try {
      Runtime.getRuntime().addShutdownHook(i.hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // nothing to protect any more
    }
    return i;
  }

  /** Whether Ctrl-C (or SIGTERM) asked the command to stop. */
  boolean requested() {
    return requested;
  }

  private void onShutdown() {
    requested = true;
    if (interruptWorker) {
      worker.interrupt();
    }
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The work is over: removes the hook, or, when the JVM is already shutting down, lets it go on. */
  void finished() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or ran; it returns now that the latch is open
    }
  }
}
