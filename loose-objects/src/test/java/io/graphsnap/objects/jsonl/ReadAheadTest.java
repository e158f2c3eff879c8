package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  @Test
  void chunksComeOutInOrderThenTheEndForEver() throws IOException {
    AtomicInteger n = new AtomicInteger();
    ReadAhead<Integer> ahead = new ReadAhead<>(() -> n.get() < 100 ? List.of(n.getAndIncrement()) : List.of(), 3, "t");
    List<Integer> seen = new ArrayList<>();
    for (List<Integer> chunk = ahead.take(); !chunk.isEmpty(); chunk = ahead.take()) {
      seen.addAll(chunk);
    }
    assertEquals(100, seen.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, seen.get(i));
    }
    assertTrue(ahead.take().isEmpty());
    assertTrue(ahead.stop().isEmpty());
  }

  @Test
  void theReadersFailureReachesTheTakerAfterWhatWasReadBeforeIt() throws IOException {
    AtomicInteger n = new AtomicInteger();
    ReadAhead<Integer> ahead = new ReadAhead<>(() -> {
      if (n.get() == 3) {
        throw new IOException("disk gone at chunk 3");
      }
      return List.of(n.getAndIncrement());
    }, 2, "t");
    assertEquals(List.of(0), ahead.take());
    assertEquals(List.of(1), ahead.take());
    assertEquals(List.of(2), ahead.take());
    IOException e = assertThrows(IOException.class, ahead::take);
    assertTrue(e.getMessage().contains("disk gone at chunk 3"), e.getMessage());
    assertTrue(ahead.take().isEmpty());
  }

  @Test
  void readsAheadWhileTheTakerIsBusyUpToItsCapacity() throws Exception {
    AtomicInteger read = new AtomicInteger();
    ReadAhead<Integer> ahead = new ReadAhead<>(() -> List.of(read.getAndIncrement()), 4, "t");
    assertEquals(List.of(0), ahead.take());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (read.get() < 6 && System.nanoTime() < deadline) {
      Thread.sleep(5); // the taker is busy: the reader fills the queue (4) and holds one more chunk waiting for room
    }
    assertEquals(6, read.get(), "chunks read while the taker was busy");
    List<List<Integer>> left = ahead.stop();
    assertTrue(left.size() >= 4, "the unread chunks are handed back: " + left);
    assertEquals(List.of(1), left.get(0));
  }

  @Test
  void stopDoesNotWaitForAStalledInput() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch reading = new CountDownLatch(1);
    ReadAhead<Integer> ahead = new ReadAhead<>(() -> {
      reading.countDown();
      never.await(); // a producer that writes nothing and never closes
      return List.of();
    }, 2, "t");
    assertTrue(reading.await(10, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    assertTrue(ahead.stop().isEmpty());
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "stop waited about a second at most");
    never.countDown();
  }
}
