package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.graphsnap.objects.internal.SymbolKeys;
import java.util.NavigableSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.junit.jupiter.api.io.TempDir;

class StoreIndexTest {
  @TempDir Path dir;

  private static ObjectId id(String seed) {
    return ObjectId.of(seed.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  @Test
  void committedChangesSurviveReopen() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      index.putFile(new FileEntry("src/b.cov", id("b"), null));
      index.putFile(new FileEntry("src/a.cov", id("a"), sha(7)));
      index.addDefinitions(id("a"), List.of("auth.login", "auth"));
      index.addDefinitions(id("b"), List.of("auth", "billing.pay"));
      index.setRef("HEAD", "ab".repeat(32));
      index.putBuildState("last-build", "42");
      index.commit();
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("src/a.cov", "src/b.cov"), List.copyOf(index.files().keySet()));
      FileEntry a = index.file("src/a.cov");
      assertEquals(id("a"), a.objectId());
      assertEquals(Optional.of("07".repeat(32)), a.sourceSha256Hex());
      assertEquals(Optional.empty(), index.file("src/b.cov").sourceSha256Hex());
      assertNull(index.file("src/c.cov"));
      assertEquals(2, index.fileCount());
      assertEquals(List.of(index.file("src/a.cov"), index.file("src/b.cov")), index.fileList());
      List<ObjectId> both = List.of(id("a"), id("b")).stream().sorted().toList();
      assertEquals(both, index.definers("auth"));
      assertEquals(List.of(id("a")), index.definers("auth.login"));
      assertEquals(List.of(id("b")), index.definers("billing.pay"));
      assertEquals(List.of(), index.definers("aut"), "a prefix of a name is not that name");
      assertEquals(List.of(), index.definers("auth.log"));
      assertEquals(Optional.of("ab".repeat(32)), index.ref("HEAD"));
      assertEquals(Map.of("HEAD", "ab".repeat(32)), index.refs());
      assertEquals(Optional.of("42"), index.buildState("last-build"));
    }
  }

  @Test
  void rollbackLeavesTheIndexAsBefore() throws Exception {
    try (StoreIndex index = StoreIndex.open(dir.resolve("index.db"))) {
      index.putFile(new FileEntry("keep.cov", id("keep"), null));
      index.addDefinitions(id("keep"), List.of("k"));
      index.commit();

      index.putFile(new FileEntry("keep.cov", id("other"), null));
      index.putFile(new FileEntry("new.cov", id("new"), null));
      index.removeDefinitions(id("keep"), List.of("k"));
      index.addDefinitions(id("new"), List.of("n"));
      index.setRef("HEAD", "cd".repeat(32));
      index.rollback();

      assertEquals(List.of("keep.cov"), List.copyOf(index.files().keySet()));
      assertEquals(id("keep"), index.file("keep.cov").objectId());
      assertEquals(List.of(id("keep")), index.definers("k"));
      assertEquals(List.of(), index.definers("n"));
      assertEquals(Optional.empty(), index.ref("HEAD"));
    }
  }

  @Test
  void uncommittedChangesAreLostOnClose() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      index.putFile(new FileEntry("a.cov", id("a"), null));
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(0, index.fileCount());
    }
  }

  @Test
  void removeAllDefinitionsOfScansForOneObject() throws Exception {
    try (StoreIndex index = StoreIndex.open(dir.resolve("index.db"))) {
      index.addDefinitions(id("x"), List.of("p", "q"));
      index.addDefinitions(id("y"), List.of("p"));
      assertEquals(2, index.removeAllDefinitionsOf(id("x")));
      assertEquals(List.of(id("y")), index.definers("p"));
      assertEquals(List.of(), index.definers("q"));
      assertEquals(1, index.definitionCount());
    }
  }

  @Test
  void damagedIndexFileGivesAClearError() throws Exception {
    Path file = dir.resolve("index.db");
    byte[] garbage = new byte[64 * 1024];
    new java.util.Random(1).nextBytes(garbage);
    Files.write(file, garbage);
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> StoreIndex.open(file));
    assertTrue(e.getMessage().startsWith("index.db is damaged: "), e.getMessage());
    assertTrue(e.getMessage().contains("the loose objects are intact"), e.getMessage());
  }

  @Test
  void truncatedIndexFileGivesAClearError() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      for (int i = 0; i < 200; i++) {
        index.putFile(new FileEntry("f" + i + ".cov", id("f" + i), null));
      }
      index.commit();
    }
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, 40));
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> {
      try (StoreIndex index = StoreIndex.open(file)) {
        index.fileList();
      }
    });
    assertTrue(e.getMessage().startsWith("index.db is damaged: "), e.getMessage());
  }

  @Test
  void fileEntryRejectsPathsOutsideTheRepository() {
    assertThrows(IllegalArgumentException.class, () -> new FileEntry("../x", id("x"), null));
    assertThrows(IllegalArgumentException.class, () -> new FileEntry("/etc/passwd", id("x"), null));
    assertThrows(IllegalArgumentException.class, () -> new FileEntry("a/./b", id("x"), null));
  }

  /** Checks that an upgraded index's MapDB collection {@code old} is empty and that its schema is the current one. */
  static void assertMovedOut(Path file, java.util.function.Function<DB, java.util.Collection<?>> old) {
    DB db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
    try {
      assertTrue(old.apply(db).isEmpty(), "the old collection is emptied");
      assertEquals(String.valueOf(StoreIndex.SCHEMA),
          db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen().get("schema"));
    } finally {
      db.close();
    }
  }

  /** Writes an index as graphsnap wrote it before schema 3: definitions in MapDB's own "symbols" set. */
  private static void writeSchema2Index(Path file, String schema) {
    DB db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
    try {
      NavigableSet<byte[]> symbols = db.treeSet("symbols", Serializer.BYTE_ARRAY).createOrOpen();
      symbols.add(SymbolKeys.key("auth", id("a")));
      symbols.add(SymbolKeys.key("auth", id("b")));
      symbols.add(SymbolKeys.key("auth.login", id("a")));
      db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
      db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen().put("schema", schema);
      db.commit();
    } finally {
      db.close();
    }
  }

  @Test
  void aSchema2IndexHasItsSymbolSetMovedToSortedRunsOnceWithANote() throws Exception {
    Path file = dir.resolve("index.db");
    writeSchema2Index(file, "2");
    List<ObjectId> both = List.of(id("a"), id("b")).stream().sorted().toList();
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("index upgraded from schema 2 to " + StoreIndex.SCHEMA + ": 3 symbol definitions moved from"
          + " index.db to sorted runs in symbols/ (done once)"), index.upgradeNotes());
      assertEquals(both, index.definers("auth"));
      assertEquals(List.of(id("a")), index.definers("auth.login"));
      assertEquals(3, index.definitionCount());
      index.removeDefinitions(id("b"), List.of("auth"));
      index.commit();
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of(), index.upgradeNotes(), "upgraded once");
      assertEquals(List.of(id("a")), index.definers("auth"));
      assertEquals(2, index.definitionCount());
    }
    assertMovedOut(file, db -> db.treeSet("symbols", Serializer.BYTE_ARRAY).createOrOpen());
  }

  @Test
  void anUpgradedIndexWrittenAgainByAnOlderVersionIsReportedForRebuild() throws Exception {
    Path file = dir.resolve("index.db");
    writeSchema2Index(file, "2");
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(1, index.upgradeNotes().size());
    }
    DB db = DBMaker.fileDB(file.toFile()).transactionEnable().make(); // what an older version's open does
    try {
      db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen().put("schema", "2");
      db.commit();
    } finally {
      db.close();
    }
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> StoreIndex.open(file));
    assertTrue(e.getMessage().contains("older graphsnap") && e.getMessage().contains("index rebuild"), e.getMessage());
  }

  @Test
  void anIndexOfANewerSchemaIsRefusedWithTheVersions() {
    Path file = dir.resolve("index.db");
    writeSchema2Index(file, "9");
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> StoreIndex.open(file));
    assertTrue(e.getMessage().contains("schema 9") && e.getMessage().contains("up to " + StoreIndex.SCHEMA),
        e.getMessage());
  }

  /**
   * Writes an index as graphsnap wrote it at schema 5 (the pending paths and the reachability records in MapDB's set
   * "pending" and map "objects"), with {@code fill} adding its content and build state before the commit.
   */
  static void writeSchema5Index(Path file, java.util.function.BiConsumer<DB, Map<String, String>> fill) {
    DB db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
    try {
      db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
      Map<String, String> build = db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen();
      build.put("schema", "5");
      build.put("filesVersion", "1234");
      fill.accept(db, build);
      db.commit();
    } finally {
      db.close();
    }
  }

  @Test
  void aSchema7IndexHasItsFileEntriesMovedToSortedRunsOnceWithANote() throws Exception {
    Path file = dir.resolve("index.db");
    FileEntry a = new FileEntry("src/a.cov", id("a"), null);
    FileEntry b = new FileEntry("src/b.cov", id("b"), new byte[32]);
    FileEntry e = new FileEntry("\u00e9t\u00e9.cov", id("e"), null);
    writeSchema5Index(file, (db, build) -> {
      build.put("schema", "7");
      Map<String, byte[]> files = db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
      for (FileEntry entry : List.of(b, e, a)) {
        files.put(entry.path(), io.graphsnap.objects.internal.FileEntryCodec.encode(entry));
      }
    });
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("index upgraded from schema 7 to " + StoreIndex.SCHEMA + ": 3 file entries moved from "
          + "index.db to sorted runs in files/ (done once)"), index.upgradeNotes());
      assertEquals(List.of(a, b, e), index.fileList());
      assertEquals(b, index.file("src/b.cov"));
      index.putFile(new FileEntry("src/c.cov", id("c"), null));
      index.removeFile("src/a.cov");
      index.commit();
    }
    try (Stream<Path> runs = Files.list(dir.resolve(StoreIndex.FILES_DIR))) {
      assertEquals(2, runs.count(), "the moved entries' run (3 entries) and the change's (2: one a tombstone): the size "
          + "rule's merge runs in the background after the commit, and one still running at close is abandoned");
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of(), index.upgradeNotes(), "upgraded once");
      assertEquals(List.of("src/b.cov", "src/c.cov", "\u00e9t\u00e9.cov"),
          index.fileList().stream().map(FileEntry::path).toList());
      assertNull(index.file("src/a.cov"));
      assertEquals(3, index.fileCount());
    }
    assertMovedOut(file, db -> db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen().keySet());
  }

  @Test
  void aSchema5IndexHasItsPendingSetMovedToSortedRunsOnceWithANote() throws Exception {
    Path file = dir.resolve("index.db");
    writeSchema5Index(file, (db, build) -> db.treeSet("pending", Serializer.STRING).createOrOpen()
        .addAll(List.of("src/b.cov", "src/a.cov", "\u00e9t\u00e9.cov")));
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("index upgraded from schema 5 to " + StoreIndex.SCHEMA + ": 3 pending paths of the build "
          + "journal moved from index.db to sorted runs in pending/ (done once)"), index.upgradeNotes());
      assertEquals(List.of("src/a.cov", "src/b.cov", "\u00e9t\u00e9.cov"), index.journal().pendingPaths());
      index.journal().touch("src/c.cov");
      index.commit();
    }
    try (Stream<Path> runs = Files.list(dir.resolve(StoreIndex.PENDING_DIR))) {
      assertEquals(2, runs.count(), "the moved paths' run (written by the upgrade's commit) and the new path's");
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of(), index.upgradeNotes(), "upgraded once");
      assertEquals(List.of("src/a.cov", "src/b.cov", "src/c.cov", "\u00e9t\u00e9.cov"), index.journal().pendingPaths());
      assertEquals(4, index.journal().pendingCount());
    }
    assertMovedOut(file, db -> db.treeSet("pending", Serializer.STRING).createOrOpen());
  }

  @Test
  void pendingPathsAreDurableAtCommitAndABuildDropsTheirRunsWhole() throws Exception {
    Path file = dir.resolve("index.db");
    Path pendingDir = dir.resolve(StoreIndex.PENDING_DIR);
    try (StoreIndex index = StoreIndex.open(file)) {
      index.journal().touch("b");
      index.journal().touch("a");
      index.journal().touch("b");
      assertEquals(List.of("a", "b"), index.journal().pendingPaths(), "this transaction's touches are seen");
      index.commit();
      index.journal().touch("c");
      index.rollback();
      assertEquals(List.of("a", "b"), index.journal().pendingPaths());
      index.journal().touch("c");
      index.commit();
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("a", "b", "c"), index.journal().pendingPaths());
      index.journal().built("ab".repeat(32));
      index.journal().touch("d"); // changed after the build, in the same transaction: pending for the next one
      assertEquals(List.of("d"), index.journal().pendingPaths());
      index.rollback();
      assertEquals(3, index.journal().pendingCount(), "a rolled-back build keeps the runs");
      index.journal().built("ab".repeat(32));
      assertEquals(0, index.journal().pendingCount());
      index.commit();
    }
    try (Stream<Path> runs = Files.list(pendingDir)) {
      assertEquals(0, runs.count(), "the build's commit deleted the runs it dropped");
    }
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of(), index.journal().pendingPaths());
      assertEquals(Optional.of("ab".repeat(32)), index.journal().lastBuilt());
    }
  }

  @Test
  void aPendingRunWrittenByATransactionThatNeverCommittedIsIgnoredAndDeleted() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      index.journal().touch("kept");
      index.commit();
    }
    Path pendingDir = dir.resolve(StoreIndex.PENDING_DIR);
    Path listed;
    try (Stream<Path> runs = Files.list(pendingDir)) {
      listed = runs.findFirst().orElseThrow();
    }
    // A crash after the run of a batch was written and forced, before the index commit that would list it.
    Files.copy(listed, pendingDir.resolve("s-000000000000000000000000.run"));
    try (StoreIndex index = StoreIndex.open(file)) {
      assertEquals(List.of("kept"), index.journal().pendingPaths());
      assertEquals(1, index.deleteUnlistedSymbolRuns());
      assertEquals(List.of("kept"), index.journal().pendingPaths());
    }
    try (Stream<Path> runs = Files.list(pendingDir)) {
      assertEquals(List.of(listed), runs.toList());
    }
  }

  @Test
  void aDamagedOrMissingPendingRunGivesAClearError() throws Exception {
    Path file = dir.resolve("index.db");
    try (StoreIndex index = StoreIndex.open(file)) {
      for (int i = 0; i < 2000; i++) {
        index.journal().touch("src/file" + i + ".cov");
      }
      index.commit();
    }
    Path run;
    try (Stream<Path> runs = Files.list(dir.resolve(StoreIndex.PENDING_DIR))) {
      run = runs.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(run);
    bytes[100] ^= 0x40; // inside the first block's entries: its CRC no longer matches
    Files.write(run, bytes);
    try (StoreIndex index = StoreIndex.open(file)) {
      java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
          () -> index.journal().pendingPaths());
      assertInstanceOf(DamagedIndexException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains(run.toString()), e.getCause().getMessage());
    }
    Files.delete(run);
    DamagedIndexException missing = assertThrows(DamagedIndexException.class, () -> StoreIndex.open(file));
    assertTrue(missing.getMessage().contains(run.toString()) && missing.getMessage().contains("missing"),
        missing.getMessage());
  }
}
