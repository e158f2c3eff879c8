package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.internal.ObjectRecordCodec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.Serializer;

/**
 * The reachability records kept as a log in sorted runs ({@code records/}, index schema 7) against a model of what
 * the MapDB map of schema 5 did: a look-up, then a put or a remove, per change.
 */
class RecordRunsTest {
  @TempDir Path dir;

  private static ObjectId id(int n) {
    return ObjectId.of(("object " + n).getBytes(StandardCharsets.UTF_8));
  }

  /** The schema-5 code's steps, on a plain map. */
  private static final class Model {
    final Map<ObjectId, ObjectRecord> records = new HashMap<>();

    void becameCurrent(ObjectId id, String path, long generation) {
      ObjectRecord existing = records.get(id);
      records.put(id, existing == null ? ObjectRecord.currentSince(path, generation) : existing.reopenedAt(generation));
    }

    void stoppedBeingCurrent(ObjectId id, long generation) {
      ObjectRecord existing = records.get(id);
      if (existing == null) {
        return;
      }
      ObjectRecord closed = existing.closedAt(generation);
      if (closed.isEmpty()) {
        records.remove(id);
      } else {
        records.put(id, closed);
      }
    }

    Model copy() {
      Model copy = new Model();
      copy.records.putAll(records);
      return copy;
    }
  }

  private static void check(Model model, GcReachability reachability, int ids) {
    for (int i = 0; i < ids; i++) {
      assertEquals(Optional.ofNullable(model.records.get(id(i))), reachability.record(id(i)), "record of object " + i);
    }
    Map<ObjectId, ObjectRecord> all = new TreeMap<>();
    reachability.forEach(all::put);
    assertEquals(new TreeMap<>(model.records), all);
    assertEquals(model.records.size(), reachability.size());
  }

  @Test
  void foldsToWhatTheLookUpAndPutDidAcrossCommitsRollbacksMergesAndReopens() throws Exception {
    Random random = new Random(6);
    Model model = new Model();
    int ids = 40;
    long generation = 1;
    Path file = dir.resolve("index.db");
    for (int session = 0; session < 3; session++) {
      try (StoreIndex index = StoreIndex.open(file)) {
        GcReachability reachability = index.reachability();
        check(model, reachability, ids);
        for (int tx = 0; tx < 25; tx++) {
          Model next = model.copy();
          int ops = 1 + random.nextInt(tx % 5 == 0 ? 300 : 30);
          for (int i = 0; i < ops; i++) {
            ObjectId id = id(random.nextInt(ids));
            switch (random.nextInt(7)) {
              case 0, 1, 2 -> {
                reachability.becameCurrent(id, "src/f" + id.hex().substring(0, 4) + ".cov", generation);
                next.becameCurrent(id, "src/f" + id.hex().substring(0, 4) + ".cov", generation);
              }
              case 3, 4 -> {
                reachability.stoppedBeingCurrent(id, generation);
                next.stoppedBeingCurrent(id, generation);
              }
              case 5 -> {
                reachability.forget(id);
                next.records.remove(id);
              }
              default -> generation += 1 + random.nextInt(2); // a build between changes
            }
          }
          check(next, reachability, ids); // this transaction's changes are seen
          if (random.nextInt(6) == 0) {
            index.rollback();
          } else {
            index.commit();
            model = next;
          }
          check(model, reachability, ids);
        }
      }
    }
    try (Stream<Path> runs = Files.list(dir.resolve(StoreIndex.RECORDS_DIR))) {
      assertTrue(runs.count() < 12, "merged: O(log entries) runs");
    }
  }

  @Test
  void aRecordTooLargeForOneKeyStaysALogAndStillReadsWhole() throws Exception {
    String path = "src/" + "d/".repeat(1500) + "file.cov"; // 3,008 bytes
    long[] intervals = new long[2 * 5000]; // with the path, more than one run key can hold
    for (int i = 0; i < intervals.length; i++) {
      intervals[i] = 3L * (i / 2) + (i % 2) + 1;
    }
    ObjectRecord large = new ObjectRecord(path, intervals);
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      index.reachability().put(id(1), large);
      index.commit();
      for (int i = 0; i < 6; i++) { // commits whose merges include the oldest run: each folds what it can
        index.reachability().becameCurrent(id(10 + i), "src/other" + i + ".cov", 1);
        index.commit();
      }
      index.reachability().becameCurrent(id(1), path, 20_000);
      index.commit();
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(Optional.of(large.reopenedAt(20_000)), index.reachability().record(id(1)));
      assertEquals(7, index.reachability().size());
    }
  }

  @Test
  void aSchema5IndexHasItsRecordsMovedToRunsOnceWithANote() throws Exception {
    Path file = dir.resolve("index.db");
    Map<ObjectId, ObjectRecord> records = new TreeMap<>();
    records.put(id(1), ObjectRecord.currentSince("a.cov", 1));
    records.put(id(2), new ObjectRecord("b.cov", new long[] {1, 3, 5, 7}));
    records.put(id(3), new ObjectRecord("c.cov", new long[] {2, 4, 6, ObjectRecord.OPEN}));
    StoreIndexTest.writeSchema5Index(file, (db, build) -> {
      Map<byte[], byte[]> objects = db.treeMap("objects", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
      records.forEach((id, record) -> objects.put(id.toBytes(), ObjectRecordCodec.encode(record)));
      build.put("nextGeneration", "8");
    });
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("index upgraded from schema 5 to " + StoreIndex.SCHEMA + ": 3 reachability records moved "
          + "from index.db to sorted runs in records/ (done once)"), index.upgradeNotes());
      Map<ObjectId, ObjectRecord> read = new TreeMap<>();
      index.reachability().forEach(read::put);
      assertEquals(records, read);
      assertEquals(8, index.reachability().nextGeneration());
      index.reachability().stoppedBeingCurrent(id(1), 8);
      index.commit();
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of(), index.upgradeNotes());
      assertEquals(Optional.of(new ObjectRecord("a.cov", new long[] {1, 8})), index.reachability().record(id(1)));
      assertEquals(Optional.of(records.get(id(2))), index.reachability().record(id(2)));
    }
    StoreIndexTest.assertMovedOut(file,
        db -> db.treeMap("objects", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen().keySet());
  }

  @Test
  void aDamagedRecordRunGivesAClearErrorAndAnUncommittedOneIsIgnored() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      for (int i = 0; i < 3000; i++) {
        index.reachability().becameCurrent(id(i), "src/f" + i + ".cov", 1);
      }
      index.commit();
    }
    Path recordsDir = dir.resolve(StoreIndex.RECORDS_DIR);
    Path run;
    try (Stream<Path> runs = Files.list(recordsDir)) {
      run = runs.findFirst().orElseThrow();
    }
    byte[] whole = Files.readAllBytes(run);
    // A run written by a batch whose index commit never happened (a crash just before it): not listed, so not read.
    Files.write(recordsDir.resolve("s-111111111111111111111111.run"), whole);
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(3000, index.reachability().size());
      assertEquals(1, index.deleteUnlistedSymbolRuns());
    }
    byte[] damaged = whole.clone();
    damaged[200] ^= 0x10;
    Files.write(run, damaged);
    try (StoreIndex index = StoreIndex.open(file)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> index.reachability().size());
      assertInstanceOf(DamagedIndexException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains(run.toString()), e.getCause().getMessage());
    }
    List<Path> left = new ArrayList<>();
    try (Stream<Path> runs = Files.list(recordsDir)) {
      runs.forEach(left::add);
    }
    assertEquals(List.of(run), left);
  }
}
