package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.file;
import static io.graphsnap.objects.HistoryTest.id;
import static io.graphsnap.objects.HistoryTest.publish;
import static io.graphsnap.objects.HistoryTest.put;
import static io.graphsnap.objects.HistoryTest.snapshotId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gc keeps, what it deletes, and that an interrupted or obstructed gc leaves a valid store. */
class GarbageCollectorTest {
  @TempDir Path dir;

  private final FileSummary a1 = file("a", "x");
  private final FileSummary a2 = file("a", "x", "y");
  private final FileSummary a3 = file("a", "z");
  private final FileSummary b1 = file("b", "w");
  private final FileSummary b2 = file("b", "w", "v");

  /** S1 = {a1, b1} as ref v1; S2 = {a2, b1}; S3 = {a2, b2} as HEAD; then a3 current but not built; one orphan. */
  private ObjectId history(Store store) throws Exception {
    put(store, a1, b1);
    publish(store, snapshotId(1), "v1");
    put(store, a2);
    publish(store, snapshotId(2));
    put(store, b2);
    publish(store, snapshotId(3));
    put(store, a3);
    return store.objects().put("an object no index entry names".getBytes(StandardCharsets.UTF_8));
  }

  private static Set<String> snapshots(Store store) throws Exception {
    Set<String> ids = new TreeSet<>();
    try (var files = Files.list(store.layout().snapshotsDir())) {
      files.forEach(f -> ids.add(f.getFileName().toString().replace(".gsnap", "")));
    }
    return ids;
  }

  @Test
  void keepsWhatRefsAndTheirRecentHistoryReachAndDeletesTheRest() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      ObjectId orphan = history(store);
      GcReport report = store.collectGarbage(1);
      assertEquals(List.of(snapshotId(1), snapshotId(3)), report.keptSnapshots());
      assertEquals(1, report.deletedSnapshots());
      assertEquals(1, report.deletedObjects(), "only the orphan: S1 reaches a1 and b1, S3 reaches a2 and b2");
      assertEquals(2, report.forgottenHistoryEntries(), "HEAD's S1 and S2 entries");
      assertEquals(List.of(), report.skipped());
      assertFalse(store.objects().contains(orphan));
      for (FileSummary f : List.of(a1, a2, a3, b1, b2)) {
        assertTrue(store.objects().contains(id(f)), f.toString());
      }
      assertEquals(Set.of(snapshotId(1), snapshotId(3)), snapshots(store));
      assertEquals(List.of(snapshotId(3)),
          store.index().refHistory().history("HEAD").stream().map(RefEntry::snapshotId).toList());

      publish(store, snapshotId(4)); // {a3, b2}: S3 leaves HEAD's window, so a2 dies
      report = store.collectGarbage(1);
      assertEquals(List.of(snapshotId(1), snapshotId(4)), report.keptSnapshots());
      assertEquals(1, report.deletedSnapshots());
      assertEquals(1, report.deletedObjects());
      assertFalse(store.objects().contains(id(a2)));
      assertTrue(store.index().reachability().record(id(a2)).isEmpty(), "the dead object's record is forgotten");
      assertTrue(store.index().reachability().generationOf(snapshotId(3)).isEmpty());

      GcReport again = store.collectGarbage(1);
      assertEquals(0, again.deletedSnapshots() + again.deletedObjects(), "gc is idempotent");
    }
  }

  @Test
  void keepsMoreHistoryWhenAsked() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      history(store);
      GcReport report = store.collectGarbage(2);
      assertEquals(List.of(snapshotId(1), snapshotId(2), snapshotId(3)), report.keptSnapshots());
      assertEquals(0, report.deletedSnapshots());
      assertEquals(1, report.deletedObjects());
      assertThrows(IllegalArgumentException.class, () -> store.collectGarbage(0));
    }
  }

  @Test
  void anUnfinishedGcLeavesAValidStoreAndTheNextOneFinishes() throws Exception {
    Path storeDir = dir.resolve("s");
    try (Store store = Store.open(storeDir, true)) {
      history(store);
    }
    // A gc that committed the index and died before deleting: the garbage files are still there, named by nothing.
    try (Store store = Store.open(storeDir, false)) {
      store.index().refHistory().allHistory().stream()
          .filter(e -> e.name().equals("HEAD") && !e.snapshotId().equals(snapshotId(3)))
          .forEach(store.index().refHistory()::forget);
      store.index().reachability().forgetSnapshot(snapshotId(2));
      store.index().commit();
    }
    try (Store store = Store.open(storeDir, false)) {
      assertEquals(snapshotId(3), store.headSnapshotId().orElseThrow());
      GcReport report = store.collectGarbage(1);
      assertEquals(1, report.deletedSnapshots());
      assertEquals(1, report.deletedObjects());
      for (FileSummary f : List.of(a1, a2, a3, b1, b2)) {
        assertTrue(store.objects().contains(id(f)), f.toString());
      }
    }
  }

  @Test
  void skipsAFileItCannotDeleteAndSaysSo() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      history(store);
      // Stands in for a snapshot Windows will not delete while a reader maps it.
      Path stuck = store.layout().snapshotFile(snapshotId(2));
      Files.delete(stuck);
      Files.createDirectories(stuck.resolve("in-use"));
      GcReport report = store.collectGarbage(1);
      assertEquals(0, report.deletedSnapshots());
      assertEquals(1, report.skipped().size());
      assertTrue(report.skipped().get(0).startsWith(stuck.toString()), report.skipped().get(0));
      assertTrue(report.skipped().get(0).contains("tried again by the next gc"), report.skipped().get(0));
      Files.delete(stuck.resolve("in-use"));
      Files.delete(stuck);
      Files.write(stuck, new byte[] {1}); // the reader let go of it
      assertEquals(1, store.collectGarbage(1).deletedSnapshots(), "the next gc deletes it");
    }
  }

  @Test
  void aReaderKeepsReadingASnapshotGcDeleted() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      history(store);
      Path old = store.layout().snapshotFile(snapshotId(2));
      byte[] expected = Files.readAllBytes(old);
      try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(old, StandardOpenOption.READ)) {
        MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        assertEquals(1, store.collectGarbage(1).deletedSnapshots());
        assertFalse(Files.exists(old));
        assertArrayEquals(expected, mapped.toArray(ValueLayout.JAVA_BYTE), "an unlinked mapped file stays readable");
      }
    }
  }

  @Test
  void keepsEveryObjectWhenAKeptSnapshotHasNoGeneration() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      ObjectId orphan = history(store);
      store.index().reachability().forgetSnapshot(snapshotId(3)); // as if published before generations existed
      store.index().commit();
      GcReport report = store.collectGarbage(1);
      assertEquals(0, report.deletedObjects());
      assertTrue(store.objects().contains(orphan));
      assertEquals(1, report.notes().size());
      assertTrue(report.notes().get(0).contains("no loose object was deleted"), report.notes().get(0));
    }
  }

  private static List<Path> packs(Store store) throws Exception {
    if (!Files.isDirectory(store.layout().packsDir())) {
      return List.of();
    }
    try (var files = Files.list(store.layout().packsDir())) {
      return files.sorted().toList();
    }
  }

  /** 80 files ingested in one update (one pack), then 40 of them changed (loose): S1 and S2. */
  private static FileSummary[][] packedHistory(Store store) throws Exception {
    FileSummary[] first = new FileSummary[80];
    for (int i = 0; i < first.length; i++) {
      first[i] = file("p" + i, "s" + i);
    }
    put(store, first);
    publish(store, snapshotId(1));
    FileSummary[] second = new FileSummary[40];
    for (int i = 0; i < second.length; i++) {
      second[i] = file("p" + i, "s" + i, "t" + i);
    }
    put(store, second);
    publish(store, snapshotId(2));
    return new FileSummary[][] {first, second};
  }

  @Test
  void aPackWithDeadObjectsIsRewrittenWithItsLiveOnes() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      FileSummary[][] history = packedHistory(store);
      List<Path> before = packs(store);
      assertEquals(1, before.size(), "80 new objects in one update make one pack");
      GcReport report = store.collectGarbage(1);
      assertEquals(40, report.deletedObjects(), "S1's versions of the 40 changed files");
      List<Path> after = packs(store);
      assertEquals(1, after.size());
      assertFalse(after.equals(before), "the pack was rewritten");
      for (int i = 0; i < 80; i++) {
        ObjectId first = id(history[0][i]);
        assertEquals(i >= 40, store.objects().contains(first), "p" + i);
        if (i >= 40) {
          assertEquals(history[0][i].path(), store.objects().read(first).path());
        } else {
          assertTrue(store.objects().contains(id(history[1][i])));
        }
      }
      GcReport again = store.collectGarbage(1);
      assertEquals(0, again.deletedObjects(), "gc is idempotent");
      assertEquals(after, packs(store), "a pack of live objects only is left as it is");
    }
  }

  @Test
  void aRepackInterruptedBeforeTheOldPackWasDeletedIsFinishedByTheNextGc() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      FileSummary[][] history = packedHistory(store);
      Path pack = packs(store).get(0);
      Files.copy(pack, pack.resolveSibling("pack-" + "0".repeat(64) + ".pack")); // two copies of every object
      GcReport report = store.collectGarbage(1);
      assertEquals(40, report.deletedObjects());
      assertEquals(1, packs(store).size(), "the redundant copies went with the dead objects");
      for (int i = 40; i < 80; i++) {
        assertEquals(history[0][i].path(), store.objects().read(id(history[0][i])).path());
      }
    }
  }

  @Test
  void aDamagedPackedCopyGivesWayToAWholeOneAndAWholeOneIsNeverDropped() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      FileSummary[] files = new FileSummary[80];
      for (int i = 0; i < files.length; i++) {
        files[i] = file("p" + i, "s" + i);
      }
      put(store, files); // one pack; files[0]'s object is its first
      publish(store, snapshotId(1));
      Path pack = packs(store).get(0);
      byte[] first = io.graphsnap.format.object.LooseObjectCodec.encode(files[0]);
      try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (first[0] ^ 1)}), 8);
      }
      assertEquals(id(files[0]), store.objects().put(first), "the damaged packed copy does not count: stored loose");
      GcReport report = store.collectGarbage(1);
      assertEquals(0, report.deletedObjects(), report.toString());
      assertArrayEquals(first, store.objects().get(id(files[0])));
      for (int i = 1; i < 80; i++) {
        assertEquals(files[i].path(), store.objects().read(id(files[i])).path());
      }
      List<Path> after = packs(store);
      assertEquals(1, after.size());
      assertFalse(after.get(0).equals(pack), "the pack was rewritten without its damaged copy");
    }
  }

  /**
   * Replaces {@code file} by a pack of the same objects whose blocks lz4-java's high-compression compressor made: valid
   * blocks that ours would not write, so a merge that compressed again would change them.
   */
  private static void recompressWithAnotherCompressor(Store store, Path file) throws Exception {
    net.jpountz.lz4.LZ4Compressor other = net.jpountz.lz4.LZ4Factory.safeInstance().highCompressor();
    int differing = 0;
    Path tmp = Files.createDirectories(store.layout().tmpDir());
    try (io.graphsnap.objects.internal.PackFile pack = io.graphsnap.objects.internal.PackFile.open(file);
        io.graphsnap.objects.internal.PackWriter writer = new io.graphsnap.objects.internal.PackWriter(tmp)) {
      for (int i = 0; i < pack.count(); i++) {
        io.graphsnap.objects.internal.PackFile.StoredObject stored = pack.readStoredWhole(i);
        byte[] block = other.compress(stored.raw());
        boolean shorter = block.length < stored.rawLength();
        differing += shorter && !java.util.Arrays.equals(block, stored.block()) ? 1 : 0;
        writer.add(pack.id(i), stored.rawLength(), shorter ? block : null, shorter ? null : stored.raw());
      }
      writer.complete();
      assertEquals(file, writer.moveInto(file.getParent()), "the same objects: the same pack name, replaced");
    }
    assertTrue(differing > 0, "the other compressor's blocks differ from ours");
  }

  /** Every compressed object's LZ4 block in {@code packs}, by id. */
  private static java.util.Map<ObjectId, byte[]> storedBlocks(List<Path> packs) throws Exception {
    java.util.Map<ObjectId, byte[]> blocks = new java.util.HashMap<>();
    for (Path file : packs) {
      try (io.graphsnap.objects.internal.PackFile pack = io.graphsnap.objects.internal.PackFile.open(file)) {
        for (int i = 0; i < pack.count(); i++) {
          io.graphsnap.objects.internal.PackFile.StoredObject stored = pack.readStoredWhole(i);
          assertTrue(stored != null, file + " entry " + i);
          if (stored.block() != null) {
            blocks.put(pack.id(i), stored.block());
          }
        }
      }
    }
    return blocks;
  }

  /** {@code updates} updates of {@link ObjectBatch#PACK_MIN_OBJECTS} new files each: a pack each; returns the files. */
  private List<FileSummary> putInPacks(Store store, int updates) throws Exception {
    List<FileSummary> all = new java.util.ArrayList<>();
    for (int u = 0; u < updates; u++) {
      FileSummary[] batch = new FileSummary[ObjectBatch.PACK_MIN_OBJECTS];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = file("u" + u + "/f" + i, "s" + u + "_" + i);
      }
      put(store, batch);
      all.addAll(List.of(batch));
    }
    return all;
  }

  @Test
  void aMergeWithoutRoomForANewPackStopsWithANoteAndKeepsEveryObject() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      List<FileSummary> all = putInPacks(store, GarbageCollector.MAX_PACKS + 4);
      publish(store, snapshotId(1));
      List<Path> before = packs(store);
      GcReport report = new GarbageCollector(store, 1).withUsableSpace(folder -> GarbageCollector.MERGE_SPARE_BYTES)
          .run();
      assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("stopped merging packs after 0 (")
          && n.contains("free some space and run gc again")), report.notes().toString());
      assertEquals(before, packs(store), "no pack written or deleted");
      assertEquals(0, Files.list(store.layout().tmpDir()).count(), "nothing left in tmp/");
      for (FileSummary f : all) {
        assertEquals(f.path(), store.objects().read(id(f)).path());
      }
    }
  }

  @Test
  void manySmallPacksAreMergedSoThatALookUpProbesFew() throws Exception {
    int updates = GarbageCollector.MAX_PACKS + 4;
    List<FileSummary> all;
    try (Store store = Store.open(dir.resolve("s"), true)) {
      all = putInPacks(store, updates);
      publish(store, snapshotId(1));
      assertEquals(updates, packs(store).size(), "one pack per update");
      recompressWithAnotherCompressor(store, packs(store).get(0)); // read by the next opening of the store
    }
    try (Store store = Store.open(dir.resolve("s"), true)) {
      java.util.Map<ObjectId, byte[]> blocksBefore = storedBlocks(packs(store));
      assertFalse(blocksBefore.isEmpty(), "some objects are stored as LZ4 blocks");
      GcReport report = store.collectGarbage(1);
      assertEquals(0, report.deletedObjects());
      assertTrue(packs(store).size() <= GarbageCollector.MAX_PACKS / 2, packs(store).toString());
      assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("merged the ")), report.notes().toString());
      for (FileSummary f : all) {
        assertEquals(f.path(), store.objects().read(id(f)).path());
      }
      assertEquals(all.size(), store.objects().list().size());
      java.util.Map<ObjectId, byte[]> blocksAfter = storedBlocks(packs(store));
      assertEquals(blocksBefore.keySet(), blocksAfter.keySet(), "the same objects compressed");
      blocksBefore.forEach((id, block) -> assertArrayEquals(block, blocksAfter.get(id), "block of " + id.hex() + " copied"));
      GcReport again = store.collectGarbage(1);
      assertTrue(again.notes().stream().noneMatch(n -> n.startsWith("merged the ")), "nothing left to merge");
    }
  }
}
