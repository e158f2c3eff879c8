package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.cli.fault.ChildJvm;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 8 reader threads query one mapped snapshot (random lookups, misses, neighbour scans both ways, BFS)
 * and now and then open whatever {@code refs/HEAD} names at that moment, while a publisher thread alternates
 * the store between two codebases A and B (ingest {@code --replace-all}, incremental build, publish) and a
 * second process runs {@code graphsnap gc --keep 1} in a loop, so the file of the snapshot the readers map is
 * deleted and written again under them. Every answer is checked against the {@link LoadModel} of the snapshot
 * it came from; no wrong answer and no exception are allowed (opening a HEAD that gc deleted between reading
 * the ref and opening the file is the one expected race of lock-free readers, counted and retried). After
 * everything is closed, no snapshot of the store is still mapped ({@code /proc/self/maps} on Linux). Bounded
 * to about 15 s of load.
 */
class SnapshotLoadTest {
  private static final int READERS = 8;
  private static final long LOAD_MILLIS = 15_000;
  @TempDir Path dir;

  @Test
  void readersStayRightWhileSnapshotsArePublishedAndCollected() throws Exception {
    RandomCodebase codebaseA = new RandomCodebase(11, 250, 8, 20);
    RandomCodebase codebaseB = new RandomCodebase(12, 250, 8, 20);
    Path storeDir = dir.resolve("store");
    String idA = publish(storeDir, codebaseA.jsonLines);
    String idB = publish(dir.resolve("scratch"), codebaseB.jsonLines);
    Map<String, LoadModel> models = Map.of(idA, new LoadModel(codebaseA), idB, new LoadModel(codebaseB));
    Path snapshotsDir = storeDir.resolve("snapshots");
    int mappedBefore = Maps.linesUnder(snapshotsDir);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong operations = new AtomicLong();
    AtomicLong headOpens = new AtomicLong();
    AtomicLong headRaces = new AtomicLong();
    AtomicLong publishes = new AtomicLong();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    boolean sawDeletedMapping = false;
    ChildJvm.Child gc;
    Path stopFile = dir.resolve("stop-gc");
    try (GraphSnapshot mapped = GraphSnapshot.open(snapshotsDir.resolve(idA + ".gsnap"))) {
      LoadModel modelA = models.get(idA);
      List<Thread> threads = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        long seed = r;
        threads.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          try {
            while (!stop.get()) {
              if (random.nextInt(200) == 0) {
                readHead(storeDir, models, random, operations, headOpens, headRaces, problems);
              } else {
                String wrong = modelA.check(mapped, random);
                operations.incrementAndGet();
                if (wrong != null) {
                  problems.add("mapped snapshot: " + wrong);
                }
              }
            }
          } catch (Throwable e) {
            problems.add(Thread.currentThread().getName() + ": " + e);
          }
        }));
      }
      threads.add(Thread.ofPlatform().name("publisher").start(() -> {
        try {
          for (int i = 1; !stop.get(); i++) {
            boolean toB = i % 2 == 1;
            String id = publish(storeDir, (toB ? codebaseB : codebaseA).jsonLines);
            if (!id.equals(toB ? idB : idA)) {
              problems.add("publish " + i + " gave snapshot " + id + ", expected " + (toB ? idB : idA));
            }
            publishes.incrementAndGet();
            Thread.sleep(150); // let the gc process take the lock between publishes
          }
        } catch (Throwable e) {
          problems.add("publisher: " + e);
        }
      }));
      gc = ChildJvm.start(dir.resolve("logs"), List.of(), GcLoop.class, storeDir.toString(), stopFile.toString(),
          Long.toString(LOAD_MILLIS + 20_000));
      long end = System.nanoTime() + LOAD_MILLIS * 1_000_000L;
      while (System.nanoTime() < end && problems.isEmpty()) {
        Thread.sleep(100);
        sawDeletedMapping |= Maps.deletedLinesUnder(snapshotsDir) > 0;
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(30_000);
      }
      Files.createFile(stopFile);
      assertEquals(0, gc.await(60), gc.output());
      sawDeletedMapping |= Maps.deletedLinesUnder(snapshotsDir) > 0;
      assertTrue(Maps.linesUnder(snapshotsDir) >= 1 || !Maps.available(), "the snapshot is mapped while open");
    }
    String gcLine = gc.output().lines().filter(l -> l.startsWith("gc-loop:")).findFirst().orElse("");
    System.out.printf("load: readers=%d operations=%d headOpens=%d headRacesWithGc=%d publishes=%d wrong=%d %s "
        + "readSnapshotDeletedWhileMapped=%s%n", READERS, operations.get(), headOpens.get(), headRaces.get(),
        publishes.get(), problems.size(), gcLine, sawDeletedMapping);
    assertEquals(List.of(), List.copyOf(problems), "wrong answers or exceptions under load");
    assertTrue(publishes.get() >= 2, "the publisher published both codebases");
    assertTrue(gcLine.matches(".*deletedSnapshots=[1-9].*"), "gc deleted snapshots while readers read: " + gcLine);
    if (Maps.available()) {
      assertTrue(sawDeletedMapping, "readers read a snapshot whose file gc had deleted");
      assertEquals(mappedBefore, Maps.linesUnder(snapshotsDir), "every snapshot mapping was released");
    }
  }

  /** Opens the snapshot HEAD names now (lock-free), runs 50 checked operations on it, closes it. */
  private static void readHead(Path storeDir, Map<String, LoadModel> models, SplittableRandom random,
      AtomicLong operations, AtomicLong headOpens, AtomicLong headRaces, ConcurrentLinkedQueue<String> problems)
      throws IOException {
    Optional<Path> head;
    GraphSnapshot g;
    try {
      head = Store.headSnapshot(storeDir);
      if (head.isEmpty()) {
        problems.add("no HEAD");
        return;
      }
      g = GraphSnapshot.open(head.get());
    } catch (NoSuchFileException raced) {
      headRaces.incrementAndGet(); // HEAD moved and gc deleted the file between reading the ref and opening it
      return;
    }
    try (g) {
      String name = head.get().getFileName().toString();
      LoadModel model = models.get(name.substring(0, name.length() - ".gsnap".length()));
      if (model == null) {
        problems.add("HEAD names an unknown snapshot " + name);
        return;
      }
      headOpens.incrementAndGet();
      for (int i = 0; i < 50; i++) {
        String wrong = model.check(g, random);
        operations.incrementAndGet();
        if (wrong != null) {
          problems.add("HEAD " + name + ": " + wrong);
        }
      }
    }
  }

  /** Opens the store (waiting for gc's lock), ingests {@code lines} as the complete set, builds, publishes. */
  private static String publish(Path storeDir, List<String> lines) throws IOException {
    try (Store store = Store.open(storeDir, true, Duration.ofSeconds(30))) {
      byte[] text = RandomCodebase.text(lines);
      IngestReport report = new JsonLinesIngester(store).replaceAll(true)
          .ingest(new ByteArrayInputStream(text), text.length);
      if (report.hasErrors()) {
        throw new IllegalStateException("bad lines: " + report.errors());
      }
      BuildResult result = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults());
      return result.snapshotId();
    }
  }

  /** Lines of {@code /proc/self/maps} (Linux): the snapshot files this process maps. */
  static final class Maps {
    private static final Path MAPS = Path.of("/proc/self/maps");

    static boolean available() {
      return Files.isReadable(MAPS);
    }

    static int linesUnder(Path folder) throws IOException {
      return count(folder, false);
    }

    static int deletedLinesUnder(Path folder) throws IOException {
      return count(folder, true);
    }

    private static int count(Path folder, boolean deletedOnly) throws IOException {
      if (!available()) {
        return 0;
      }
      String prefix = folder.toAbsolutePath().normalize() + "/";
      int n = 0;
      for (String line : Files.readAllLines(MAPS)) {
        if (line.contains(prefix) && (!deletedOnly || line.endsWith("(deleted)"))) {
          n++;
        }
      }
      return n;
    }
  }
}
