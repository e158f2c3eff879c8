package io.graphsnap.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher alone: what each save pattern and a burst of thousands of files report, and how it is batched. */
class TreeWatcherTest {
  @TempDir Path dir;

  @Test
  void saveByRenameAndByDeleteAndRecreateReportTheRealName() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path a = Files.writeString(src.resolve("A.java"), "class A {}");
    try (TreeWatcher w = TreeWatcher.tree(src, Watcher::isJavaSource, p -> false)) {
      Path tmp = Files.writeString(src.resolve(".A.java.swp"), "class A { int x; }");
      Files.move(tmp, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      TreeWatcher.Batch b = w.nextBatch(50);
      assertEquals(Set.of(a), b.changed());

      Files.delete(a);
      Files.writeString(a, "class A { int y; }");
      assertEquals(Set.of(a), w.nextBatch(50).changed());
    }
  }

  /**
   * What the fold asks while it runs: whether a relevant change is waiting, without waiting; an irrelevant one is not
   * a change; what it saw starts the next batch; the idle wait of a batch gives up with null.
   */
  @Test
  void aPendingChangeIsSeenWithoutWaitingAndStartsTheNextBatch() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    try (TreeWatcher w = TreeWatcher.tree(src, Watcher::isJavaSource, p -> false)) {
      assertFalse(w.changePending());
      assertNull(w.nextBatch(20, () -> { }, 50, () -> false), "nothing changed within the idle wait");
      Files.writeString(src.resolve("notes.txt"), "not a source");
      Thread.sleep(200);
      assertFalse(w.changePending(), "an irrelevant file is no change");
      Path b = Files.writeString(src.resolve("B.java"), "class B {}");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!w.changePending()) {
        assertTrue(System.nanoTime() < deadline, "the change was never seen");
        Thread.sleep(10);
      }
      TreeWatcher.Batch batch = w.nextBatch(20, () -> { }, 0, () -> true);
      assertEquals(Set.of(b), batch.changed(), "the change seen early is the next batch, whatever the idle wait");
      assertFalse(w.changePending());
    }
  }

  @Test
  void newFoldersAreWatchedAndWhatTheyAlreadyHoldIsReported() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path store = Files.createDirectories(src.resolve(".graphsnap"));
    try (TreeWatcher w = TreeWatcher.tree(src, Watcher::isJavaSource, store::equals)) {
      Path deep = Files.createDirectories(src.resolve("x/y/z"));
      Path c = Files.writeString(deep.resolve("C.java"), "class C {}");
      assertTrue(w.nextBatch(50).changed().contains(c));
      Path d = Files.writeString(deep.resolve("D.java"), "class D {}"); // the new folder is watched now
      assertEquals(Set.of(d), w.nextBatch(50).changed());
      // a removed folder is reported, and the excluded store is not watched
      Files.delete(c);
      Files.delete(d);
      Files.delete(deep);
      Set<Path> gone = w.nextBatch(50).changed();
      assertTrue(gone.contains(c) && gone.contains(d) && gone.contains(deep), gone.toString());
      Files.writeString(store.resolve("X.java"), "class X {}");
      Path e = Files.writeString(src.resolve("E.java"), "class E {}");
      assertEquals(Set.of(e), w.nextBatch(50).changed());
    }
  }

  @Test
  void aBurstOfThousandsOfFilesComesInFewBatches() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    int files = 5000;
    Set<Path> written = new HashSet<>();
    try (TreeWatcher w = TreeWatcher.tree(src, Watcher::isJavaSource, p -> false)) {
      for (int i = 0; i < files; i++) {
        Path folder = Files.createDirectories(src.resolve("d" + (i % 50) + "/e" + (i % 7)));
        written.add(Files.writeString(folder.resolve("K" + i + ".java"), "class K" + i + " {}"));
      }
      Set<Path> seen = new HashSet<>();
      boolean rescan = false;
      int batches = 0;
      while (!seen.containsAll(written) && !rescan) {
        TreeWatcher.Batch b = w.nextBatch(100);
        seen.addAll(b.changed());
        rescan = b.rescan();
        batches++;
      }
      // either every file was reported, or the kernel's queue overflowed and the batch says to rescan
      assertTrue(rescan || seen.containsAll(written));
      assertTrue(batches <= 5, "batches: " + batches);
      assertTrue(w.folderCount() >= 1 + 50 + 350 || rescan, "folders: " + w.folderCount());
    }
  }
}
