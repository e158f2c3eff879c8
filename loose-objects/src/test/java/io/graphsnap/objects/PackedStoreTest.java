package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.file;
import static io.graphsnap.objects.HistoryTest.id;
import static io.graphsnap.objects.HistoryTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose objects are packed: the index rebuilt from them, and the guard over {@code packs/}. */
class PackedStoreTest {
  @TempDir Path dir;

  private static FileSummary[] files(int count) {
    FileSummary[] files = new FileSummary[count];
    for (int i = 0; i < count; i++) {
      files[i] = file("src/f" + i, "sym" + i);
    }
    return files;
  }

  @Test
  void theIndexIsRebuiltFromPackedObjects() throws Exception {
    Path storeDir = dir.resolve("s");
    FileSummary[] files = files(100);
    try (Store store = Store.open(storeDir, true)) {
      put(store, files);
      try (var packs = Files.list(store.layout().packsDir())) {
        assertEquals(1, packs.count(), "one update of 100 new objects writes one pack");
      }
    }
    IndexRebuild.Report report = IndexRebuild.rebuild(storeDir, IndexRebuild.Source.OBJECTS,
        snapshot -> { throw new AssertionError("no snapshot is published"); }, Duration.ofSeconds(5));
    assertEquals(100, report.files(), report.toString());
    assertEquals(100, report.objectsRead());
    assertEquals(0, report.corrupt());
    try (Store store = Store.open(storeDir, false)) {
      Map<String, FileEntry> indexed = store.index().files();
      for (FileSummary f : files) {
        assertEquals(id(f), indexed.get(f.path()).objectId(), f.path());
      }
      assertEquals(java.util.List.of(id(files[7])), store.index().definers("sym7"));
    }
  }

  /**
   * Storage order: every item once, the packed ones pack by pack and by position within each (so a full build streams
   * through each pack), then the loose ones in their given order.
   */
  @Test
  void storageOrderGoesThroughEachPackOnceThenTheLooseObjects() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      FileSummary[] first = files(100);
      put(store, first);
      FileSummary[] second = new FileSummary[80];
      for (int i = 0; i < second.length; i++) {
        second[i] = file("src/g" + i, "other" + i);
      }
      put(store, second);
      FileSummary loose = file("src/loose", "alone");
      put(store, loose);
      java.util.List<FileEntry> byPath = store.currentFiles();
      java.util.List<FileEntry> ordered = store.objects().inStorageOrder(byPath, FileEntry::objectId);
      assertEquals(new java.util.HashSet<>(byPath), new java.util.HashSet<>(ordered));
      assertEquals(byPath.size(), ordered.size());
      var packs = store.objects().packs().current();
      assertEquals(2, packs.size());
      long previous = -1;
      int pack = 0;
      for (int i = 0; i < ordered.size() - 1; i++) {
        var at = store.objects().packs().find(ordered.get(i).objectId()).get(0);
        int rank = packs.indexOf(at.pack());
        long offset = at.pack().offset(at.entry());
        assertTrue(rank > pack || rank == pack && offset > previous, "entry " + i + " in pack order");
        if (rank != pack) {
          pack = rank;
        }
        previous = offset;
      }
      assertEquals("src/loose", ordered.get(ordered.size() - 1).path(), "the loose object last");
    }
  }

  /**
   * The scan a full build makes: each object once, read and checked, in storage order; and each pack's pages leave
   * the process's resident set once the scan has passed it (on Linux, from {@code /proc/self/smaps}).
   */
  @Test
  void readingInStorageOrderVisitsEachObjectOnceAndReleasesEachPacksPages() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      java.util.Random random = new java.util.Random(5);
      for (int p = 0; p < 2; p++) {
        FileSummary[] batch = new FileSummary[1500];
        for (int i = 0; i < batch.length; i++) {
          String[] symbols = new String[20];
          for (int k = 0; k < symbols.length; k++) {
            symbols[k] = "s" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
          }
          batch[i] = file("src/p" + p + "/f" + i, symbols);
        }
        put(store, batch);
      }
      put(store, file("src/loose", "alone"));
      java.util.List<FileEntry> byPath = store.currentFiles();
      java.util.List<FileEntry> expected = store.objects().inStorageOrder(byPath, FileEntry::objectId);
      for (FileEntry f : byPath) {
        store.objects().read(f.objectId()); // every pack page resident
      }
      var packs = store.objects().packs().current();
      assertEquals(2, packs.size());
      boolean linux = Files.isReadable(Path.of("/proc/self/smaps"));
      long[] read = new long[packs.size()];
      for (int p = 0; p < packs.size(); p++) {
        read[p] = linux ? residentKb(packs.get(p).file()) : 0;
        assertTrue(!linux || read[p] > 1000, "read: " + read[p] + " kB resident of " + packs.get(p).file());
      }
      java.util.List<FileEntry> visited = new java.util.ArrayList<>();
      store.objects().readInStorageOrder(byPath, FileEntry::objectId, (f, summary) -> {
        assertEquals(f.path(), summary.path());
        assertEquals(store.objects().read(f.objectId()), summary);
        visited.add(f);
      });
      assertEquals(expected, visited);
      for (int p = 0; p < packs.size() && linux; p++) {
        // What stays is the pack's id index (about 50 bytes an object), which each later look-up searches again.
        long released = residentKb(packs.get(p).file());
        assertTrue(released * 8 < read[p], "released: " + released + " of " + read[p] + " kB still resident");
      }
    }
  }

  /**
   * The scan reads each object from the entry its ordering found; when that copy is damaged it falls back to the
   * object's other copies, as a plain read does, and reports a damaged object with no whole copy naming it.
   */
  @Test
  void readingInStorageOrderPassesADamagedCopyForAWholeOneAndReportsOneWithoutAny() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      FileSummary[] files = files(100);
      put(store, files);
      var pack = store.objects().packs().current().get(0);
      for (int k : new int[] {10, 20}) {
        long at = pack.offset(store.objects().packs().find(id(files[k])).get(0).entry());
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(pack.file(),
            java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
          java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
          ch.read(b, at + 12);
          ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~b.get(0)}), at + 12); // in place, under the mapping
        }
      }
      store.objects().put(io.graphsnap.format.object.LooseObjectCodec.encode(files[10])); // a whole copy again
      assertTrue(Files.isRegularFile(store.layout().objectFile(id(files[10]))), "a whole loose copy beside the pack's");
      java.util.List<FileEntry> byPath = store.currentFiles();
      java.util.List<FileEntry> ordered = store.objects().inStorageOrder(byPath, FileEntry::objectId);
      int damagedAt = ordered.stream().map(FileEntry::path).toList().indexOf(files[20].path());
      java.util.List<FileEntry> before = new java.util.ArrayList<>();
      var e = assertThrows(io.graphsnap.format.object.CorruptObjectException.class,
          () -> store.objects().readInStorageOrder(byPath, FileEntry::objectId, (f, summary) -> before.add(f)));
      assertTrue(e.getMessage().contains(id(files[20]).hex()), e.getMessage());
      // the objects read ahead of the damaged one on the reading thread were all visited, in order, before the error
      assertEquals(ordered.subList(0, damagedAt), before);
      java.util.List<FileSummary> read = new java.util.ArrayList<>();
      store.objects().readInStorageOrder(byPath.stream().filter(f -> !f.path().equals(files[20].path())).toList(),
          FileEntry::objectId, (f, summary) -> read.add(summary));
      assertEquals(99, read.size());
      assertTrue(read.contains(files[10]), "the whole copy of the damaged object");
    }
  }

  /** The resident kB of this process's mappings of {@code file} ({@code /proc/self/smaps}). */
  private static long residentKb(Path file) throws java.io.IOException {
    String name = file.toAbsolutePath().toString();
    long kb = 0;
    boolean inFile = false;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        inFile = line.endsWith(" " + name);
      } else if (inFile && line.startsWith("Rss:")) {
        kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return kb;
  }

  @Test
  void aRebuildFromObjectsTakesThePathsLastObjectWithinOnePack() throws Exception {
    Path storeDir = dir.resolve("s");
    FileSummary[] files = files(100);
    FileSummary[] later = new FileSummary[10];
    try (Store store = Store.open(storeDir, true); IndexUpdate update = store.beginUpdate()) {
      for (FileSummary f : files) {
        update.put(f);
      }
      for (int i = 0; i < later.length; i++) { // the same paths again, later in the same update: the same pack
        later[i] = file("src/f" + i, "sym" + i, "more" + i);
        update.put(later[i]);
      }
      update.commit();
    }
    IndexRebuild.Report report = IndexRebuild.rebuild(storeDir, IndexRebuild.Source.OBJECTS,
        snapshot -> { throw new AssertionError("no snapshot is published"); }, Duration.ofSeconds(5));
    assertEquals(100, report.files(), report.toString());
    try (Store store = Store.open(storeDir, false)) {
      for (int i = 0; i < later.length; i++) {
        assertEquals(id(later[i]), store.index().file("src/f" + i).objectId(), "src/f" + i + " took the later object");
      }
    }
  }

  @Test
  void aLinkInThePacksFolderIsRefusedWhenTheStoreIsOpened() throws Exception {
    Path storeDir = dir.resolve("s");
    try (Store store = Store.open(storeDir, true)) {
      put(store, files(70));
    }
    Path outside = Files.writeString(dir.resolve("outside.txt"), "not the store's");
    Files.createSymbolicLink(storeDir.resolve("packs").resolve("pack-" + "1".repeat(64) + ".pack"), outside);
    UnsafeStoreException e = assertThrows(UnsafeStoreException.class, () -> Store.open(storeDir, false).close());
    assertTrue(e.getMessage().contains("pack-" + "1".repeat(64)), e.getMessage());
    assertEquals("not the store's", Files.readString(outside));
  }
}
