package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build journal, reachability records, refs with history and lock-free ref resolution. */
class HistoryTest {
  @TempDir Path dir;

  static FileSummary file(String path, String... symbols) {
    List<SymbolSummary> list = new java.util.ArrayList<>();
    for (int i = 0; i < symbols.length; i++) {
      list.add(SymbolSummary.of(symbols[i], "fn", i + 1, i + 1));
    }
    return new FileSummary(path, "covenant", null, list, List.of());
  }

  static ObjectId id(FileSummary summary) {
    return ObjectId.of(LooseObjectCodec.encode(summary));
  }

  static void put(Store store, FileSummary... summaries) throws Exception {
    try (IndexUpdate update = store.beginUpdate()) {
      for (FileSummary s : summaries) {
        update.put(s);
      }
      update.commit();
    }
  }

  static void delete(Store store, String path) throws Exception {
    try (IndexUpdate update = store.beginUpdate()) {
      update.delete(path);
      update.commit();
    }
  }

  /** Publishes a fake snapshot file with the given id (loose-objects never parses snapshots). */
  static void publish(Store store, String id, String... refs) throws Exception {
    Path built = store.newTempFile("build-", ".gsnap");
    Files.writeString(built, "snapshot " + id);
    store.publishSnapshot(built, id, List.of(refs));
  }

  static String snapshotId(int n) {
    return String.format("%064x", n);
  }

  private Path storeDir() {
    return dir.resolve("store");
  }

  @Test
  void recordsFollowTheBuildGenerations() throws Exception {
    FileSummary a1 = file("a", "x");
    FileSummary a2 = file("a", "x", "y");
    FileSummary a3 = file("a", "z");
    FileSummary b1 = file("b", "w");
    try (Store store = Store.open(storeDir(), true)) {
      GcReachability reach = store.index().reachability();
      BuildJournal journal = store.index().journal();
      put(store, a1, b1);
      assertEquals(List.of("a", "b"), journal.pendingPaths());
      assertEquals(Optional.empty(), journal.lastBuilt());
      assertEquals(1, reach.nextGeneration());
      assertEquals(Optional.of(ObjectRecord.currentSince("a", 1)), reach.record(id(a1)));

      publish(store, snapshotId(1));
      assertEquals(2, reach.nextGeneration());
      assertEquals(List.of(), journal.pendingPaths());
      assertEquals(Optional.of(snapshotId(1)), journal.lastBuilt());
      assertEquals(Optional.of(1L), reach.generationOf(snapshotId(1)));

      put(store, a2);
      put(store, a3); // a2 was never built: its record disappears
      assertEquals(Optional.of(new ObjectRecord("a", new long[] {1, 2})), reach.record(id(a1)));
      assertEquals(Optional.empty(), reach.record(id(a2)));
      assertEquals(List.of("a"), journal.pendingPaths());
      publish(store, snapshotId(2));

      put(store, a1); // revert: a second interval
      delete(store, "b");
      publish(store, snapshotId(3));
      ObjectRecord a1Record = reach.record(id(a1)).orElseThrow();
      assertArrayEquals(new long[] {1, 2, 3, ObjectRecord.OPEN}, a1Record.intervals());
      assertTrue(a1Record.livesAt(1) && !a1Record.livesAt(2) && a1Record.livesAt(3) && a1Record.isCurrent());
      assertArrayEquals(new long[] {2, 3}, reach.record(id(a3)).orElseThrow().intervals());
      assertArrayEquals(new long[] {1, 3}, reach.record(id(b1)).orElseThrow().intervals());
    }
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(4, store.index().reachability().nextGeneration(), "generations survive a reopen");
    }
  }

  @Test
  void republishingTheLastBuildKeepsItsGeneration() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      put(store, file("a", "x"));
      publish(store, snapshotId(1));
      publish(store, snapshotId(1), "main");
      assertEquals(2, store.index().reachability().nextGeneration());
      assertEquals(Optional.of(snapshotId(1)), store.index().ref("main"));
    }
  }

  @Test
  void refsKeepAHistoryWithoutRepeats() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      put(store, file("a", "x"));
      publish(store, snapshotId(1), "main");
      put(store, file("a", "y"));
      publish(store, snapshotId(2), "main", "v1");
      publish(store, snapshotId(2), "main");
      RefHistory refs = store.index().refHistory();
      assertEquals(List.of(snapshotId(1), snapshotId(2)), refs.history("main").stream().map(RefEntry::snapshotId).toList());
      assertEquals(List.of(snapshotId(1), snapshotId(2)), refs.history("HEAD").stream().map(RefEntry::snapshotId).toList());
      assertEquals(List.of(snapshotId(2)), refs.history("v1").stream().map(RefEntry::snapshotId).toList());
      List<RefEntry> all = refs.allHistory();
      assertEquals(5, all.size());
      assertTrue(refs.history("main").get(0).sequence() < refs.history("main").get(1).sequence());
      assertEquals(Map.of("HEAD", snapshotId(2), "main", snapshotId(2), "v1", snapshotId(2)), refs.all());
      assertThrows(IllegalArgumentException.class, () -> publish(store, snapshotId(3), "no/slash"));
    }
    assertEquals(Map.of("HEAD", snapshotId(2), "main", snapshotId(2), "v1", snapshotId(2)),
        SnapshotRefs.all(storeDir()));
  }

  @Test
  void refFilesAreRolledForwardAfterACrashBetweenIndexAndFiles() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      put(store, file("a", "x"));
      publish(store, snapshotId(1), "main");
      put(store, file("a", "y"));
      publish(store, snapshotId(2), "main");
      // As if the process died after the index commit and before the ref files were replaced:
      Files.writeString(store.layout().headFile(), snapshotId(1) + "\n");
      Files.delete(store.layout().refFile("main"));
    }
    assertEquals(Optional.of(snapshotId(1)), SnapshotRefs.read(storeDir(), "HEAD"));
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(Optional.of(snapshotId(2)), store.headSnapshotId());
    }
    assertEquals(Optional.of(snapshotId(2)), SnapshotRefs.read(storeDir(), "main"));
  }

  @Test
  void snapshotsResolveByRefIdOrUniquePrefix() throws Exception {
    String one = "abcd" + "0".repeat(60);
    String two = "abcd1" + "0".repeat(59);
    try (Store store = Store.open(storeDir(), true)) {
      put(store, file("a", "x"));
      publish(store, one, "main");
      put(store, file("a", "y"));
      publish(store, two);
    }
    assertEquals(two, SnapshotRefs.resolve(storeDir(), "HEAD").id());
    assertEquals(Optional.of("main"), SnapshotRefs.resolve(storeDir(), "main").ref());
    assertEquals(one, SnapshotRefs.resolve(storeDir(), "main").id());
    assertEquals(two, SnapshotRefs.resolve(storeDir(), "abcd1").id());
    assertEquals(one, SnapshotRefs.resolve(storeDir(), "ABCD0").id());
    assertEquals(Optional.empty(), SnapshotRefs.resolve(storeDir(), one).ref());
    IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
        () -> SnapshotRefs.resolve(storeDir(), "abcd"));
    assertTrue(ambiguous.getMessage().contains(one) && ambiguous.getMessage().contains(two), ambiguous.getMessage());
    NoSuchFileException unknownPrefix = assertThrows(NoSuchFileException.class,
        () -> SnapshotRefs.resolve(storeDir(), "abce"));
    assertTrue(unknownPrefix.getMessage().contains("no ref and no snapshot"), unknownPrefix.getMessage());
    NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> SnapshotRefs.resolve(storeDir(), "nope"));
    assertTrue(none.getMessage().contains("no ref of that name"), none.getMessage());
  }

  @Test
  void anIndexWithoutRecordsIsUpgradedOnOpen() throws Exception {
    FileSummary a = file("a", "x");
    try (Store store = Store.open(storeDir(), true)) {
      put(store, a);
      // As an index written before schema 2: no record, no schema key.
      store.index().reachability().forget(id(a));
      store.index().removeBuildState("schema");
      store.index().commit();
      assertEquals(Optional.empty(), store.index().reachability().record(id(a)));
    }
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(Optional.of(ObjectRecord.currentSince("a", 1)), store.index().reachability().record(id(a)));
      assertEquals(Optional.of(String.valueOf(StoreIndex.SCHEMA)), store.index().buildState("schema"));
    }
  }
}
