package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A failed task's cause reaches the waiting thread as it was thrown, or as an IOException naming it. */
class TaskFailuresTest {
  @Test
  void causesComeBackAsTheyWereThrown() {
    IOException io = new IOException("disk");
    assertSame(io, TaskFailures.rethrow(new ExecutionException(io)));
    IllegalStateException state = new IllegalStateException("state");
    assertSame(state, assertThrows(IllegalStateException.class,
        () -> TaskFailures.rethrow(new ExecutionException(state))));
    OutOfMemoryError oom = new OutOfMemoryError("heap");
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> TaskFailures.rethrow(new ExecutionException(oom))));
    Exception checked = new Exception("other");
    assertSame(checked, TaskFailures.rethrow(new ExecutionException(checked)).getCause());
    ExecutionException bare = new ExecutionException("no cause", null);
    assertInstanceOf(IOException.class, TaskFailures.rethrow(bare));
  }
}
