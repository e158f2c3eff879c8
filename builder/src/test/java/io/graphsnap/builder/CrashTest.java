package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that ingests and builds in a loop ({@link CrashWorker}) with SIGKILL at random points, and
 * after every kill checks that the store opens, that {@code refs/HEAD} names a snapshot that verifies, that the
 * last snapshot the child saw published is still whole, and that a rerun of the build completes and equals a
 * full build of the current objects. The store stays the same across kills, so damage would accumulate.
 *
 * <p>A killed process loses nothing the kernel already has, so this tests the write ordering against process
 * death (the folder is on tmpfs when available, for speed); power loss additionally depends on the syncs, which
 * the code issues before every rename and commit.
 */
class CrashTest {
  private static final int KILLS = 20;

  @TempDir(factory = MemoryTempDir.class) Path dir;

  @Test
  void killedAtRandomPointsTheStoreStaysUsableAndTheBuildResumes() throws Exception {
    Path storeDir = dir.resolve("store");
    Random random = new Random(4242);
    int killsWhileWorking = 0;
    int recoveries = 0;
    List<String> seen = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      AtomicReference<String> lastPublished = new AtomicReference<>();
      AtomicInteger publishes = new AtomicInteger();
      Process child = start(storeDir, kill);
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", out.readLine(), "child " + kill + " did not open the store");
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("published ")) {
              lastPublished.set(line.split(" ")[1]);
              publishes.incrementAndGet();
            }
          }
        } catch (IOException ignored) {
          // the pipe breaks when the child dies
        }
      });
      // Kill after a random number of publishes (so later rounds, incremental builds and gc are hit too), then
      // a random delay into the next round.
      int wanted = random.nextInt(5);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (publishes.get() < wanted && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      Thread.sleep(random.nextInt(150));
      boolean working = child.isAlive();
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child " + kill + " did not die");
      reader.join(10_000);
      killsWhileWorking += working ? 1 : 0;
      seen.add(lastPublished.get() == null ? "-" : lastPublished.get().substring(0, 8));
      recoveries += checkAfterKill(storeDir, lastPublished.get(), kill);
    }
    System.out.printf("CrashTest: %d kills, %d of them cut an index commit short (recovered at open), last "
        + "published snapshots between kills: %s%n", KILLS, recoveries, seen);
    assertEquals(KILLS, killsWhileWorking, "only " + killsWhileWorking + " kills hit a working child");
    assertTrue(seen.stream().filter(s -> !s.equals("-")).count() >= 10, "too few publishes between kills: " + seen);
  }

  private static Process start(Path storeDir, int seed) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
        storeDir.toString(), Integer.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Checks the store after a kill; returns 1 if opening it had to recover a commit cut short, else 0. */
  private static int checkAfterKill(Path storeDir, String lastPublished, int kill) throws IOException {
    String context = "after kill " + kill;
    try (Store store = Store.open(storeDir, false, Duration.ofSeconds(30))) {
      int recovered = store.openWarnings().isEmpty() ? 0 : 1;
      Optional<Path> head = store.headSnapshot();
      if (lastPublished != null) {
        assertTrue(head.isPresent(), context + ": no HEAD after a publish");
        Path last = store.layout().snapshotFile(lastPublished);
        assertTrue(Files.isRegularFile(last), context + ": the last published snapshot " + lastPublished + " is gone");
        verify(last, context);
      }
      if (head.isPresent()) {
        verify(head.get(), context);
      }
      for (FileEntry file : store.currentFiles()) {
        store.objects().verify(file.objectId());
      }
      StoreBuild rerun = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of());
      Path full = storeDir.resolveSibling("full.gsnap");
      new SnapshotBuilder().build(StoreSnapshots.currentObjects(store), full);
      assertArrayEquals(Files.readAllBytes(full), Files.readAllBytes(rerun.result().path()),
          context + ": the rerun (" + rerun.how() + ") differs from a full build");
      verify(rerun.result().path(), context);
      assertEquals(rerun.result().snapshotId(), store.headSnapshotId().orElseThrow());
      return recovered;
    }
  }

  private static void verify(Path snapshot, String context) throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      g.verify();
    } catch (RuntimeException e) {
      throw new AssertionError(context + ": " + snapshot + " does not verify: " + e.getMessage(), e);
    }
  }
}
