package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.SymbolSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path dir;

  private Path storeDir() {
    return dir.resolve(".graphsnap");
  }

  private static FileSummary file(String path, String... symbols) {
    List<SymbolSummary> list = new java.util.ArrayList<>();
    for (int i = 0; i < symbols.length; i++) {
      list.add(SymbolSummary.of(symbols[i], "fn", i + 1, i + 1));
    }
    return new FileSummary(path, "covenant", null, list, List.of());
  }

  @Test
  void openWithoutCreateOnAMissingStoreFails() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Store.open(storeDir(), false));
    assertTrue(e.getMessage().contains("not a graphsnap store"), e.getMessage());
  }

  @Test
  void createRefusesANonEmptyFolderThatIsNotAStore() throws Exception {
    Files.writeString(dir.resolve("README.md"), "my project");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Store.open(dir, true));
    assertTrue(e.getMessage().contains("refusing"), e.getMessage());
  }

  @Test
  void createsTheLayout() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      StoreLayout layout = store.layout();
      assertTrue(Files.isDirectory(layout.objectsDir()));
      assertTrue(Files.isDirectory(layout.snapshotsDir()));
      assertTrue(Files.isDirectory(layout.refsDir()));
      assertTrue(Files.isDirectory(layout.tmpDir()));
      assertTrue(Files.isRegularFile(layout.indexFile()));
      assertEquals(Optional.empty(), store.headSnapshot());
    }
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(List.of(), store.currentFiles());
    }
  }

  @Test
  void secondWriterInTheSameProcessIsRefused() throws Exception {
    try (Store first = Store.open(storeDir(), true)) {
      assertEquals(List.of(), first.currentFiles());
      StoreLockedException e = assertThrows(StoreLockedException.class, () -> Store.open(storeDir(), false));
      assertTrue(e.getMessage().startsWith("store is locked by another graphsnap process"), e.getMessage());
    }
    try (Store again = Store.open(storeDir(), false)) {
      assertEquals(List.of(), again.currentFiles());
    }
  }

  @Test
  void secondWriterProcessIsRefusedWithAClearMessage() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), storeDir().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine(), "the child process should report that it holds the lock");
      StoreLockedException e = assertThrows(StoreLockedException.class, () -> Store.open(storeDir(), false));
      assertTrue(e.getMessage().startsWith("store is locked by another graphsnap process"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
      // Readers need no lock.
      assertEquals(Optional.empty(), Store.headSnapshot(storeDir()));
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(List.of(), store.currentFiles());
    }
  }

  @Test
  void updateCommitsFilesAndSymbolsTogether() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      UpdateSummary summary;
      try (IndexUpdate update = store.beginUpdate()) {
        assertEquals(FileChange.ADDED, update.put(file("src/b.cov", "b.one", "shared")));
        assertEquals(FileChange.ADDED, update.put(file("src/a.cov", "a.one", "shared")));
        summary = update.commit();
      }
      assertEquals(new UpdateSummary(2, 0, 0, 0, List.of()), summary);
      List<FileEntry> files = store.currentFiles();
      assertEquals(List.of("src/a.cov", "src/b.cov"), files.stream().map(FileEntry::path).toList());
      for (FileEntry e : files) {
        assertEquals(e.path(), store.objects().read(e.objectId()).path());
      }
      ObjectId a = files.get(0).objectId();
      ObjectId b = files.get(1).objectId();
      assertEquals(List.of(a, b).stream().sorted().toList(), store.index().definers("shared"));

      try (IndexUpdate update = store.beginUpdate()) {
        assertEquals(FileChange.UNCHANGED, update.put(file("src/a.cov", "a.one", "shared")));
        assertEquals(FileChange.CHANGED, update.put(file("src/b.cov", "b.two")));
        assertEquals(FileChange.DELETED, update.delete("./src/a.cov"));
        assertEquals(FileChange.ABSENT, update.delete("src/never.cov"));
        assertThrows(InvalidSummaryException.class, () -> update.delete("../outside"));
        summary = update.commit();
      }
      assertEquals(new UpdateSummary(0, 1, 0, 1, List.of()), summary);
      ObjectId b2 = store.index().file("src/b.cov").objectId();
      assertEquals(List.of(), store.index().definers("shared"));
      assertEquals(List.of(), store.index().definers("a.one"));
      assertEquals(List.of(), store.index().definers("b.one"));
      assertEquals(List.of(b2), store.index().definers("b.two"));
    }
  }

  @Test
  void updateClosedWithoutCommitLeavesTheIndexAsBefore() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(file("keep.cov", "k"));
        update.commit();
      }
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(file("new.cov", "n"));
        update.delete("keep.cov");
        assertThrows(IllegalStateException.class, store::beginUpdate, "one update at a time");
      }
      assertEquals(List.of("keep.cov"), store.currentFiles().stream().map(FileEntry::path).toList());
      assertEquals(1, store.index().definers("k").size());
      assertEquals(List.of(), store.index().definers("n"));
    }
  }

  @Test
  void replacingAFileWhoseOldObjectIsDamagedStillCleansTheSymbolIndex() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(file("a.cov", "old.name"));
        update.commit();
      }
      ObjectId old = store.index().file("a.cov").objectId();
      Files.writeString(store.layout().objectFile(old), "damaged");
      assertThrows(CorruptObjectException.class, () -> store.objects().read(old));
      UpdateSummary summary;
      try (IndexUpdate update = store.beginUpdate()) {
        update.put(file("a.cov", "new.name"));
        summary = update.commit();
      }
      assertEquals(1, summary.changed());
      assertEquals(1, summary.warnings().size());
      assertTrue(summary.warnings().get(0).contains("unreadable"), summary.warnings().get(0));
      assertEquals(List.of(), store.index().definers("old.name"));
      assertEquals(1, store.index().definers("new.name").size());
    }
  }

  @Test
  void publishSnapshotMovesTheFileAndReplacesHead() throws Exception {
    String first = "11".repeat(32);
    String second = "22".repeat(32);
    try (Store store = Store.open(storeDir(), true)) {
      Path built = store.newTempFile("build-", ".gsnap");
      Files.writeString(built, "snapshot one");
      Path published = store.publishSnapshot(built, first);
      assertEquals(store.layout().snapshotFile(first), published);
      assertFalse(Files.exists(built));
      assertEquals("snapshot one", Files.readString(published));
      assertEquals(first + "\n", Files.readString(store.layout().headFile()));
      assertEquals(Optional.of(published), store.headSnapshot());
      assertEquals(Optional.of(first), store.index().ref("HEAD"));

      Path other = dir.resolve("elsewhere.gsnap"); // outside the store: still published whole
      Files.writeString(other, "snapshot two");
      Path published2 = store.publishSnapshot(other, second);
      assertEquals(Optional.of(published2), Store.headSnapshot(storeDir()));
      assertTrue(Files.exists(published), "the old snapshot stays for its readers");

      Path again = store.newTempFile("build-", ".gsnap");
      Files.writeString(again, "snapshot one");
      assertEquals(published, store.publishSnapshot(again, first));
      assertFalse(Files.exists(again));
      assertEquals(Optional.of(published), store.headSnapshot());

      assertThrows(IllegalArgumentException.class, () -> store.publishSnapshot(again, "../../etc"));
    }
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(Optional.of(first), store.index().ref("HEAD"));
      try (var tmp = Files.list(store.layout().tmpDir())) {
        assertEquals(0, tmp.count());
      }
    }
  }

  @Test
  void damagedOrDanglingHeadIsReported() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      Files.writeString(store.layout().headFile(), "not an id\n");
      IOException e = assertThrows(IOException.class, store::headSnapshot);
      assertTrue(e.getMessage().contains("ref HEAD is damaged"), e.getMessage());
      Files.writeString(store.layout().headFile(), "33".repeat(32) + "\n");
      NoSuchFileException missing = assertThrows(NoSuchFileException.class, store::headSnapshot);
      assertTrue(missing.getMessage().contains("file is missing"), missing.getMessage());
    }
  }

  @Test
  void temporariesLeftByACrashAreRemovedOnOpen() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      store.newTempFile("object-", ".tmp");
    }
    try (Store store = Store.open(storeDir(), false); var tmp = Files.list(store.layout().tmpDir())) {
      assertEquals(0, tmp.count());
    }
  }

  @Test
  void damagedIndexIsReportedOnOpenAndTheLockIsReleased() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      store.objects().put(new byte[] {1});
    }
    Files.write(storeDir().resolve("index.db"), new byte[4096]);
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> Store.open(storeDir(), false));
    assertTrue(e.getMessage().contains("the loose objects are intact"), e.getMessage());
    Files.delete(storeDir().resolve("index.db"));
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(1, store.objects().list().size());
    }
  }

  @Test
  void layoutNeverResolvesOutsideTheStore() {
    StoreLayout layout = StoreLayout.of(storeDir());
    ObjectId id = ObjectId.of(new byte[] {5});
    assertTrue(layout.objectFile(id).startsWith(layout.root()));
    assertEquals(id.hex().substring(2), layout.objectFile(id).getFileName().toString());
    assertThrows(IllegalArgumentException.class, () -> layout.refFile("../HEAD"));
    assertThrows(IllegalArgumentException.class, () -> layout.refFile(""));
    assertThrows(IllegalArgumentException.class, () -> layout.snapshotFile("../x"));
    assertThrows(IllegalArgumentException.class, () -> layout.snapshotFile("AB".repeat(32)));
  }
}
