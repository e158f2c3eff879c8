package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several threads reading one snapshot get the answers one thread gets, including racing first uses of bitmaps. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void concurrentReadersAgree() throws Exception {
    TestGraph g = Fixtures.random(7, 400, 2000);
    Path file = Fixtures.write(dir, "c.gsnap", TestSnapshotWriter.write(g));
    List<String> expected;
    try (GraphSnapshot single = GraphSnapshot.open(file)) {
      expected = Exercise.transcript(single);
    }
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (GraphSnapshot shared = GraphSnapshot.open(file)) { // fresh: bitmap caches are filled concurrently
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<List<String>>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<List<String>>> task = () -> {
          start.await();
          List<List<String>> runs = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            runs.add(Exercise.transcript(shared));
          }
          return runs;
        };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<List<String>>> f : futures) {
        for (List<String> run : f.get()) {
          assertEquals(expected, run);
        }
      }
      shared.verify();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingWhileOthersReadFailsThemCleanly() throws Exception {
    TestGraph g = Fixtures.random(8, 300, 1500);
    Path file = Fixtures.write(dir, "close.gsnap", TestSnapshotWriter.write(g));
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      GraphSnapshot shared = GraphSnapshot.open(file);
      CountDownLatch running = new CountDownLatch(threads);
      List<Future<Throwable>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          running.countDown();
          try {
            while (true) {
              Exercise.transcript(shared);
            }
          } catch (Throwable e) {
            return e;
          }
        }));
      }
      running.await();
      Thread.sleep(50);
      shared.close();
      for (Future<Throwable> f : futures) {
        Throwable e = f.get();
        // the snapshot's own methods say AlreadyClosed; a bitmap the transcript iterates says IllegalState
        if (!(e instanceof IllegalStateException)) {
          throw new AssertionError("unexpected " + e, e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
