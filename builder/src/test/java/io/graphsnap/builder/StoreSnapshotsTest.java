package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link StoreSnapshots#build} chooses between full, incremental and unchanged, and what it publishes. */
class StoreSnapshotsTest {
  @TempDir Path dir;

  private static FileSummary a(String callee) {
    return Fixtures.file("src/a", "java", List.of(sym("a.f", "fn", 1, 2), sym("pkg", "package", 0, 0)),
        List.of(edge(0, "calls", callee), edge(1, "contains", "a.f")));
  }

  private static FileSummary b() {
    return Fixtures.file("src/b", "java", List.of(sym("b.g", "fn", 1, 5), sym("pkg", "package", 0, 0)),
        List.of(edge(0, "calls", "a.f")));
  }

  private static void put(Store store, FileSummary... files) throws Exception {
    try (IndexUpdate update = store.beginUpdate()) {
      for (FileSummary f : files) {
        update.put(f);
      }
      update.commit();
    }
  }

  private static StoreBuild build(Store store, String... refs) throws Exception {
    return StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of(refs));
  }

  @Test
  void fullThenIncrementalThenUnchanged() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      put(store, a("b.g"), b());
      StoreBuild first = build(store, "main");
      assertEquals(StoreBuild.How.FULL, first.how());
      assertEquals(Optional.of("no previous build to start from"), first.note());

      put(store, a("ext.lib"));
      StoreBuild second = build(store);
      assertEquals(StoreBuild.How.INCREMENTAL, second.how());
      assertEquals(1, second.changedFiles());
      assertEquals(4, second.result().nodeCount(), "a.f, b.g, ext.lib, pkg (b.g stays: declared)");
      assertEquals(1, second.result().externalNodeCount());
      assertTrue(second.result().phaseDurations().containsKey("plan"), second.result().phaseDurations()::toString);

      StoreBuild third = build(store, "release");
      assertEquals(StoreBuild.How.UNCHANGED, third.how());
      assertEquals(second.result().snapshotId(), third.result().snapshotId());
      assertEquals(second.result().nodesByKind(), third.result().nodesByKind());
      assertEquals(second.result().edgesByType(), third.result().edgesByType());
      assertEquals(Optional.of(third.result().snapshotId()), store.index().ref("release"));

      StoreBuild full = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.FULL, List.of());
      assertEquals(StoreBuild.How.FULL, full.how());
      assertEquals(second.result().snapshotId(), full.result().snapshotId(), "every way gives the same bytes");
    }
  }

  @Test
  void aMissingOrDamagedBaseFallsBackToAFullBuild() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      put(store, a("b.g"), b());
      String first = build(store).result().snapshotId();
      Files.delete(store.layout().snapshotFile(first));
      put(store, a("x"));
      StoreBuild rebuilt = build(store);
      assertEquals(StoreBuild.How.FULL, rebuilt.how());
      assertTrue(rebuilt.note().orElseThrow().contains("missing from snapshots/"), rebuilt.note()::toString);

      Path base = store.layout().snapshotFile(rebuilt.result().snapshotId());
      try (RandomAccessFile damaged = new RandomAccessFile(base.toFile(), "rw")) {
        damaged.setLength(damaged.length() / 2); // as a full disk might leave a copied store
      }
      put(store, a("y"));
      StoreBuild fallback = build(store);
      assertEquals(StoreBuild.How.FULL, fallback.how());
      assertTrue(fallback.note().orElseThrow().startsWith("cannot open base snapshot"), fallback.note()::toString);
      try (GraphSnapshot g = GraphSnapshot.open(fallback.result().path())) {
        g.verify();
        assertTrue(g.node("y") >= 0);
      }
    }
  }

  @Test
  void manyChangesBuildInFullUnlessIncrementalIsForced() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      for (int i = 0; i < 40; i++) {
        put(store, Fixtures.file("src/f" + i, "java", List.of(sym("f" + i, "fn", 1, 1)), List.of()));
      }
      build(store);
      for (int i = 0; i < 20; i++) {
        put(store, Fixtures.file("src/f" + i, "java", List.of(sym("g" + i, "fn", 1, 1)), List.of()));
      }
      StoreBuild auto = build(store);
      assertEquals(StoreBuild.How.FULL, auto.how());
      assertEquals(Optional.of("20 of 40 files changed: a full build is cheaper"), auto.note());
      for (int i = 0; i < 20; i++) {
        put(store, Fixtures.file("src/f" + i, "java", List.of(sym("h" + i, "fn", 1, 1)), List.of()));
      }
      StoreBuild forced = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of());
      assertEquals(StoreBuild.How.INCREMENTAL, forced.how());
    }
  }

  @Test
  void readersOfAnOldSnapshotKeepWorkingThroughPublishAndGc() throws Exception {
    try (Store store = Store.open(dir.resolve("s"), true)) {
      put(store, a("b.g"), b());
      Path old = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults()).path();
      try (GraphSnapshot reader = GraphSnapshot.open(old)) {
        int callee = reader.node("b.g");
        for (String next : List.of("x1", "x2", "x3")) {
          put(store, a(next));
          StoreSnapshots.buildAndPublish(store, BuildOptions.defaults(), "main");
          assertEquals(callee, reader.node("b.g"), "the old snapshot still answers while new ones are published");
        }
        assertTrue(store.collectGarbage(1).deletedSnapshots() >= 1);
        assertFalse(Files.exists(old), "gc unlinked the old snapshot");
        assertEquals(callee, reader.node("b.g"));
        assertEquals(1, reader.outDegree(reader.node("a.f")));
        reader.verify(); // every byte still readable through the mapping
      }
    }
  }
}
