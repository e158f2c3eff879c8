package io.graphsnap.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, or SIGTERM) during a long command into an interrupt of the thread that runs it, and holds
 * the JVM's shutdown until that thread has kept what it finished (at most {@link #GRACE_SECONDS}). Used once:
 * {@link #install()} when the work starts, {@link #finished()} when it ends (normally or not).
 */
final class Interruption {
  /** The longest the shutdown waits for the command to keep its finished work. */
  static final long GRACE_SECONDS = 30;

  private final Thread worker = Thread.currentThread();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "graphsnap-interrupt");

  private Interruption() {}

  /** Installs the shutdown hook for the calling thread. */
  static Interruption install() {
    Interruption i = new Interruption();
    try {
      Runtime.getRuntime().addShutdownHook(i.hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // nothing to protect any more
    }
    return i;
  }

  private void onShutdown() {
    worker.interrupt();
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
