package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.publish;
import static io.graphsnap.objects.HistoryTest.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ref logs (each ref's history with times, readable without the lock) and ref deletion (refuses HEAD, crash-safe:
 * a deletion cut short after its index commit is finished by the next open).
 */
class RefLogsTest {
  @TempDir Path dir;

  private Path storeDir() {
    return dir.resolve("store");
  }

  @Test
  void publishingWritesEachRefsHistoryWithTimesReadableWhileTheStoreIsLocked() throws Exception {
    Instant t1 = Instant.parse("2026-01-02T03:04:05.678Z");
    Instant t2 = Instant.parse("2026-02-03T04:05:06.789Z");
    try (Store store = Store.open(storeDir(), true)) {
      store.index().refHistory().clock(Clock.fixed(t1, ZoneOffset.UTC));
      publish(store, snapshotId(1), "main");
      store.index().refHistory().clock(Clock.fixed(t2, ZoneOffset.UTC));
      publish(store, snapshotId(2));
      // the writer still holds the lock: the logs are read without it
      List<RefEntry> head = RefLogs.read(storeDir(), "HEAD").orElseThrow();
      assertEquals(List.of(snapshotId(1), snapshotId(2)), head.stream().map(RefEntry::snapshotId).toList());
      assertEquals(List.of(t1, t2), head.stream().map(RefEntry::time).toList());
      assertEquals(store.index().refHistory().history("HEAD"), head);
      List<RefEntry> main = RefLogs.read(storeDir(), "main").orElseThrow();
      assertEquals(List.of(new RefEntry("main", main.getFirst().sequence(), snapshotId(1), t1)), main);
      assertEquals(Optional.empty(), RefLogs.read(storeDir(), "nosuchref"));
    }
  }

  @Test
  void openRollsTheLogsForwardAndGcTrimsThem() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      for (int i = 1; i <= 4; i++) {
        publish(store, snapshotId(i));
      }
    }
    Path log = storeDir().resolve("logs/HEAD");
    Files.delete(log); // as if the process died after the index commit, or the store predates logs
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(4, RefLogs.read(storeDir(), "HEAD").orElseThrow().size());
      store.collectGarbage(2);
      assertEquals(store.index().refHistory().history("HEAD"), RefLogs.read(storeDir(), "HEAD").orElseThrow());
      assertEquals(2, RefLogs.read(storeDir(), "HEAD").orElseThrow().size());
    }
  }

  @Test
  void aDamagedLogIsRefusedNamingFileAndLine() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      publish(store, snapshotId(1));
    }
    Path log = storeDir().resolve("logs/HEAD");
    Files.writeString(log, Files.readString(log) + "0000000000000002 nothex 5\n");
    IOException e = assertThrows(IOException.class, () -> RefLogs.read(storeDir(), "HEAD"));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains(log.toString()), e.getMessage());
    try (Store store = Store.open(storeDir(), false)) {
      assertEquals(1, RefLogs.read(storeDir(), "HEAD").orElseThrow().size()); // the writer's open repaired it
    }
  }

  @Test
  void deleteRefRemovesTheRefItsHistoryAndItsFilesButNeverHead() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      publish(store, snapshotId(1), "old");
      publish(store, snapshotId(2));
      assertThrows(IllegalArgumentException.class, () -> store.deleteRef("HEAD"));
      assertThrows(NoSuchFileException.class, () -> store.deleteRef("nosuchref"));
      assertEquals(snapshotId(1), store.deleteRef("old"));
      assertEquals(Optional.empty(), store.index().refHistory().get("old"));
      assertTrue(store.index().refHistory().history("old").isEmpty());
      assertFalse(Files.exists(storeDir().resolve("refs/old")));
      assertFalse(Files.exists(storeDir().resolve("logs/old")));
      assertEquals(List.of("HEAD"), List.copyOf(SnapshotRefs.all(storeDir()).keySet()));
      // nothing keeps snapshot 1 any more but HEAD's history; with --keep 1 gc frees it
      store.collectGarbage(1);
      assertFalse(Files.exists(storeDir().resolve("snapshots/" + snapshotId(1) + ".gsnap")));
      assertTrue(Files.exists(storeDir().resolve("snapshots/" + snapshotId(2) + ".gsnap")));
      // a deleted ref can be set again
      publish(store, snapshotId(3), "old");
      assertEquals(1, store.index().refHistory().history("old").size());
      assertTrue(store.index().refHistory().deleted().isEmpty());
    }
  }

  @Test
  void aDeletionCutShortAfterItsCommitIsFinishedByTheNextOpen() throws Exception {
    try (Store store = Store.open(storeDir(), true)) {
      publish(store, snapshotId(1), "old");
      publish(store, snapshotId(2));
      // the index commit of deleteRef, then a crash before the files go
      assertNotNull(store.index().refHistory().delete("old").orElseThrow());
      store.index().commit();
    }
    assertTrue(Files.exists(storeDir().resolve("refs/old")));
    try (Store store = Store.open(storeDir(), false)) {
      assertFalse(Files.exists(storeDir().resolve("refs/old")));
      assertFalse(Files.exists(storeDir().resolve("logs/old")));
      assertEquals(Optional.empty(), SnapshotRefs.read(storeDir(), "old"));
    }
  }
}
