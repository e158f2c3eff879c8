package io.graphsnap.objects;

import static io.graphsnap.objects.HistoryTest.file;
import static io.graphsnap.objects.HistoryTest.publish;
import static io.graphsnap.objects.HistoryTest.put;
import static io.graphsnap.objects.HistoryTest.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layered head ({@code layers/CURRENT}): published over the last build only, replacing and deleting the previous
 * delta; removed by every snapshot publish; ignored by readers once its base is not HEAD; a damaged one named in the
 * error; gc keeps the live delta and sweeps every other file of {@code layers/}.
 */
class LayerRefTest {
  @TempDir Path dir;

  private static Path delta(Store store, String id) throws IOException {
    return Files.writeString(store.layersDirForWriting().resolve(id + StoreLayout.LAYER_SUFFIX), "delta " + id);
  }

  /** Snapshot 1 published, then a file changed: what a layer over snapshot 1 describes. */
  private static void builtThenChanged(Store store) throws Exception {
    put(store, file("a", "x"));
    publish(store, snapshotId(1));
    put(store, file("a", "x", "y"));
  }

  @Test
  void aLayerIsTheHeadUntilTheNextSnapshotIsPublished() throws Exception {
    Path root = dir.resolve("s");
    try (Store store = Store.open(root, true)) {
      builtThenChanged(store);
      assertTrue(LayerRef.current(root, snapshotId(1)).isEmpty());

      Path d1 = delta(store, snapshotId(0xd1));
      store.publishLayer(snapshotId(1), snapshotId(0xd1));
      LayerRef.Resolved head = LayerRef.current(root, snapshotId(1)).orElseThrow();
      assertEquals(snapshotId(1) + "+" + snapshotId(0xd1), head.layer().id());
      assertEquals(store.layout().snapshotFile(snapshotId(1)), head.baseFile());
      assertEquals(d1, head.deltaFile());
      assertEquals(head.layer(), LayerRef.Layer.parse(head.layer().id()));

      // a newer delta replaces it, and the old delta file goes
      Path d2 = delta(store, snapshotId(0xd2));
      store.publishLayer(snapshotId(1), snapshotId(0xd2));
      assertEquals(snapshotId(0xd2), LayerRef.current(root, snapshotId(1)).orElseThrow().layer().deltaId());
      assertFalse(Files.exists(d1));

      // over anything but the last build, or a delta that is not there: refused, the head unchanged
      delta(store, snapshotId(0xd3));
      assertThrows(IllegalArgumentException.class, () -> store.publishLayer(snapshotId(2), snapshotId(0xd3)));
      assertThrows(java.nio.file.NoSuchFileException.class, () -> store.publishLayer(snapshotId(1), snapshotId(0xd4)));
      assertEquals(snapshotId(0xd2), LayerRef.read(root).orElseThrow().deltaId());
      // a reader that sees another HEAD ignores the layer
      assertTrue(LayerRef.current(root, snapshotId(9)).isEmpty());

      // publishing a snapshot of the current files removes the layer and its delta
      publish(store, snapshotId(2));
      assertTrue(LayerRef.read(root).isEmpty());
      assertFalse(Files.exists(d2));
    }
  }

  @Test
  void gcKeepsTheLiveDeltaAndSweepsTheRestOfLayers() throws Exception {
    Path root = dir.resolve("s");
    try (Store store = Store.open(root, true)) {
      builtThenChanged(store);
      Path live = delta(store, snapshotId(0xd1));
      store.publishLayer(snapshotId(1), snapshotId(0xd1));
      Path orphan = delta(store, snapshotId(0xd5)); // a crash between a delta's write and its publish
      Path tmp = Files.writeString(store.layout().layersDir().resolve(".delta-123.tmp"), "half a delta");
      GcReport report = store.collectGarbage(1);
      assertEquals(Set.of("CURRENT", live.getFileName().toString()), names(store.layout().layersDir()));
      assertFalse(Files.exists(orphan) || Files.exists(tmp));
      assertTrue(report.notes().stream().anyMatch(n -> n.contains("2 files of layers/")), report.notes().toString());
      assertTrue(LayerRef.current(root, snapshotId(1)).isPresent());

      // a layer whose base is no longer the last build (a crash after a publish, before its clean-up) is swept too
      LayerRef.write(store.layout(), new LayerRef.Layer(snapshotId(7), snapshotId(0xd1)));
      store.collectGarbage(1);
      assertEquals(Set.of(), names(store.layout().layersDir()));
    }
  }

  @Test
  void aDamagedLayerRefIsNamedAndGcRemovesIt() throws Exception {
    Path root = dir.resolve("s");
    try (Store store = Store.open(root, true)) {
      put(store, file("a", "x"));
      publish(store, snapshotId(1));
      Files.createDirectories(store.layout().layersDir());
      Files.writeString(store.layout().layerRefFile(), snapshotId(1) + "+not-a-delta\n");
      IOException e = assertThrows(IOException.class, () -> LayerRef.current(root, snapshotId(1)));
      assertTrue(e.getMessage().contains("layers/CURRENT") && e.getMessage().contains("damaged"), e.getMessage());
      GcReport report = store.collectGarbage(1);
      assertTrue(report.notes().stream().anyMatch(n -> n.contains("damaged")), report.notes().toString());
      assertEquals(Optional.empty(), LayerRef.read(root));
    }
  }

  private static Set<String> names(Path folder) throws IOException {
    Set<String> names = new TreeSet<>();
    try (var files = Files.list(folder)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    return names;
  }
}
