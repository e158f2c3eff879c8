package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Background store work is waited for to its end, whatever interrupts the waiting thread receives meanwhile. */
class UninterruptiblyTest {
  @Test
  void anInterruptedWaiterStillWaitsForTheEndAndKeepsItsInterrupt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<String> work = new CompletableFuture<>();
    Thread waiter = Thread.currentThread();
    Thread finisher = Thread.ofPlatform().start(() -> {
      try {
        waiting.await();
        Thread.sleep(50);
        waiter.interrupt(); // while the waiter waits: it must not give up
        Thread.sleep(50);
        work.complete("done");
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    waiting.countDown();
    try {
      assertEquals("done", Uninterruptibly.get(work));
      assertTrue(work.isDone());
      assertTrue(Thread.interrupted(), "the interrupt is restored (and cleared here)");
    } finally {
      finisher.join();
    }
  }

  @Test
  void aFailureIsThrownAsAnExecutionException() {
    CompletableFuture<String> work = CompletableFuture.failedFuture(new IOException("disk full"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> Uninterruptibly.get(work));
    assertEquals("disk full", e.getCause().getMessage());
  }
}
