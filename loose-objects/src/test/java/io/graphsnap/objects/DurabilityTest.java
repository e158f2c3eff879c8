package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.file;
import static io.graphsnap.objects.HistoryTest.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batched object durability, what an uncommitted update leaves behind, and waiting for the store lock. */
class DurabilityTest {
  @TempDir Path dir;

  private static long count(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aBatchStagesObjectsUntilCommitThenRenamesThemWhole() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      ObjectStore objects = store.objects();
      byte[] one = "one".getBytes(StandardCharsets.UTF_8);
      byte[] two = "two".getBytes(StandardCharsets.UTF_8);
      ObjectId existing = objects.put(one);
      try (ObjectBatch batch = objects.newBatch()) {
        assertEquals(existing, batch.put(one));
        assertEquals(0, batch.stagedCount(), "an object already stored is not written again");
        ObjectId staged = batch.put(two);
        assertEquals(1, batch.stagedCount());
        assertArrayEquals(two, batch.get(staged), "readable through the batch before commit");
        assertFalse(objects.contains(staged), "not under its content name before commit");
        assertEquals(0, count(store.layout().tmpDir()), "a small round waits in memory until commit");
        batch.commit();
        assertTrue(objects.contains(staged));
        assertArrayEquals(two, objects.get(staged));
        assertEquals(0, count(store.layout().tmpDir()));
        assertEquals(0, batch.stagedCount());
      }
    }
  }

  @Test
  void manyObjectsCommitTogether() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      try (ObjectBatch batch = store.objects().newBatch()) {
        for (int i = 0; i < 300; i++) {
          batch.put(("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        batch.commit();
      }
      assertEquals(300, store.objects().list().size());
      for (ObjectId id : store.objects().list()) {
        store.objects().get(id); // re-hashes: every file is whole
      }
    }
  }

  @Test
  void aLargeBatchIsOnePackThatReadsLikeLooseObjects() throws Exception {
    Path storeDir = dir.resolve("s");
    List<byte[]> written = new java.util.ArrayList<>();
    try (Store store = Store.open(storeDir, true)) {
      try (ObjectBatch batch = store.objects().newBatch()) {
        for (int i = 0; i < 300; i++) {
          byte[] bytes = ("object " + i).getBytes(StandardCharsets.UTF_8);
          written.add(bytes);
          ObjectId id = batch.put(bytes);
          assertArrayEquals(bytes, batch.get(id), "readable through the batch before commit");
        }
        assertEquals(300, batch.stagedCount());
        assertEquals(1, count(store.layout().tmpDir()), "one pack being written, no file per object");
        assertEquals(0, count(store.layout().packsDir()), "nothing in place before commit");
        batch.commit();
      }
      assertEquals(0, count(store.layout().tmpDir()));
      assertEquals(0, count(store.layout().objectsDir()), "no loose file");
      assertEquals(1, count(store.layout().packsDir()));
      assertEquals(300, store.objects().list().size());
      for (byte[] bytes : written) {
        ObjectId id = ObjectId.of(bytes);
        assertTrue(store.objects().contains(id));
        assertArrayEquals(bytes, store.objects().get(id));
      }
      try (ObjectBatch batch = store.objects().newBatch()) {
        for (byte[] bytes : written) {
          batch.put(bytes);
        }
        assertEquals(0, batch.stagedCount(), "objects stored in a pack are not written again");
        batch.commit();
      }
      assertEquals(1, count(store.layout().packsDir()));
    }
    try (ObjectStore other = new ObjectStore(StoreLayout.of(storeDir))) { // another reader of the same store
      for (byte[] bytes : written) {
        assertArrayEquals(bytes, other.get(ObjectId.of(bytes)));
      }
    }
  }

  @Test
  void aBatchClosedWithoutCommitLeavesNoPack() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      try (ObjectBatch batch = store.objects().newBatch()) {
        for (int i = 0; i < 100; i++) {
          batch.put(("object " + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      assertEquals(0, count(store.layout().tmpDir()));
      assertEquals(0, count(store.layout().packsDir()));
      assertEquals(List.of(), store.objects().list());
    }
  }

  @Test
  void aDamagedCopyInAPackIsReportedAndStoringTheObjectAgainRepairsIt() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      byte[] first = "the first object of the pack".getBytes(StandardCharsets.UTF_8);
      try (ObjectBatch batch = store.objects().newBatch()) {
        batch.put(first);
        for (int i = 0; i < 100; i++) {
          batch.put(("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        batch.commit();
      }
      Path pack;
      try (var packs = Files.list(store.layout().packsDir())) {
        pack = packs.findFirst().orElseThrow();
      }
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(pack,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(new byte[] {'T'}), 8); // the first object's first byte ('t'), in place
      }
      ObjectId id = ObjectId.of(first);
      var e = assertThrows(io.graphsnap.format.object.CorruptObjectException.class, () -> store.objects().get(id));
      assertTrue(e.getMessage().contains(pack.toString()) && e.getMessage().contains("hash mismatch"), e.getMessage());
      assertEquals(id, store.objects().put(first), "a damaged copy does not count as stored");
      assertArrayEquals(first, store.objects().get(id));
      assertArrayEquals("object 7".getBytes(StandardCharsets.UTF_8),
          store.objects().get(ObjectId.of("object 7".getBytes(StandardCharsets.UTF_8))), "the rest of the pack serves");
    }
  }

  @Test
  void anUpdateClosedWithoutCommitLeavesNoFileAndNoIndexChange() throws Exception {
    FileSummary a = file("a", "x");
    try (Store store = Store.open(dir.resolve("s"), true)) {
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(a);
        assertEquals(FileChange.ADDED, update.put(file("b", "y")));
        // no commit: as if the process had died here
      }
      assertEquals(List.of(), store.currentFiles());
      assertEquals(List.of(), store.objects().list());
      assertEquals(0, count(store.layout().tmpDir()));
      assertEquals(List.of(), store.index().journal().pendingPaths());
      assertTrue(store.index().reachability().record(id(a)).isEmpty());
      assertEquals(List.of(), store.index().definers("x"));
    }
  }

  @Test
  void aCommittedUpdateIsWholeAfterReopen() throws Exception {
    FileSummary a = file("a", "x");
    try (Store store = Store.open(dir.resolve("s"), true)) {
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(a);
        update.put(file("a", "x", "y")); // the same path twice: the staged first object is read back
        update.put(a);
        update.commit();
      }
    }
    try (Store store = Store.open(dir.resolve("s"), false)) {
      assertEquals(List.of(new FileEntry("a", id(a), null)), store.currentFiles());
      assertEquals(List.of(id(a)), store.index().definers("x"));
      assertEquals(List.of(), store.index().definers("y"));
      assertEquals(a, store.objects().read(id(a)));
      assertEquals(List.of("a"), store.index().journal().pendingPaths());
    }
  }

  @Test
  void aSecondWriterCanWaitForTheLock() throws Exception {
    Path storeDir = dir.resolve("s");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), storeDir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      StoreLockedException e = assertThrows(StoreLockedException.class,
          () -> Store.open(storeDir, false, Duration.ofMillis(300)));
      assertTrue(e.getMessage().contains("still held after waiting 0.3 s"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
      Thread releaser = Thread.ofPlatform().start(() -> {
        try {
          Thread.sleep(300);
          child.getOutputStream().close();
        } catch (Exception ignored) {
          // the wait below then times out and fails the test
        }
      });
      try (Store store = Store.open(storeDir, false, Duration.ofSeconds(60))) {
        assertEquals(List.of(), store.currentFiles());
      }
      releaser.join();
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }
}
