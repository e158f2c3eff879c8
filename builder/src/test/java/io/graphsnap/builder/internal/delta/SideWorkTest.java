package io.graphsnap.builder.internal.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SideWorkTest {
  @Test
  void joinReturnsTheResultAndRethrowsTheTasksOwnException() throws Exception {
    IOException io = new IOException("disk");
    IllegalStateException state = new IllegalStateException("bad state");
    try (SideWork side = new SideWork("test-side")) {
      Future<String> ok = side.submit(() -> "done");
      Future<String> failsIo = side.submit(() -> {
        throw io;
      });
      Future<String> failsState = side.submit(() -> {
        throw state;
      });
      assertEquals("done", SideWork.join(ok));
      assertSame(io, assertThrows(IOException.class, () -> SideWork.join(failsIo)));
      assertSame(state, assertThrows(IllegalStateException.class, () -> SideWork.join(failsState)));
    }
  }

  @Test
  void tasksRunInSubmissionOrderOnOneThread() throws Exception {
    StringBuffer order = new StringBuffer();
    try (SideWork side = new SideWork("test-side")) {
      Future<Thread> first = side.submit(() -> {
        order.append('a');
        return Thread.currentThread();
      });
      Future<Thread> second = side.submit(() -> {
        order.append('b');
        return Thread.currentThread();
      });
      assertSame(SideWork.join(first), SideWork.join(second));
      assertEquals("test-side", SideWork.join(first).getName());
    }
    assertEquals("ab", order.toString());
  }

  @Test
  void closeInterruptsTheRunningTaskAndWaitsForItToEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    SideWork side = new SideWork("test-side");
    side.submit(() -> {
      started.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      finished.set(true);
      return null;
    });
    started.await();
    side.close();
    assertTrue(interrupted.get(), "close interrupts the running task");
    assertTrue(finished.get(), "close returned before the running task ended");
  }
}
