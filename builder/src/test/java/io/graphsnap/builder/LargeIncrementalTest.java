package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental builds of a snapshot large enough that every part of the incremental write path runs for real:
 * CSR sections of several MiB (evicted from the page cache a few MiB at a time behind the copy), more data than
 * the write-behind buffers hold, and a store on disk rather than tmpfs, where eviction takes effect. Each build
 * inserts and removes names (so every id after them moves) and must give the bytes of a full build.
 */
class LargeIncrementalTest {
  private static final int FILES = 120;
  private static final int SYMBOLS = 60;
  private static final int CALLS = 180;

  /** On disk, not tmpfs: pages of the base are really evicted. */
  @TempDir Path dir;

  @Test
  void incrementalBuildsOfAMultiMebibyteSnapshotGiveTheBytesOfAFullBuild() throws IOException {
    Random random = new Random(42);
    Map<String, FileSummary> files = new TreeMap<>();
    for (int f = 0; f < FILES; f++) {
      files.put(path(f), file(f, 0, random));
    }
    try (Store store = Store.open(dir.resolve("store"), true)) {
      ingest(store, files.values());
      StoreBuild first = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of());
      assertTrue(first.result().edgeCount() > 1_000_000, "at least 4 MiB per CSR direction: "
          + first.result().edgeCount() + " edges");
      for (int round = 1; round <= 3; round++) {
        List<FileSummary> changed = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
          int f = random.nextInt(FILES);
          FileSummary edited = file(f, round, random);
          files.put(edited.path(), edited);
          changed.add(edited);
        }
        ingest(store, changed);
        StoreBuild built = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of());
        assertEquals(StoreBuild.How.INCREMENTAL, built.how(), built.note().orElse(""));
        Path full = dir.resolve("full-" + round + ".gsnap");
        new SnapshotBuilder().build(ObjectSource.of(List.copyOf(files.values())), full);
        if (!Arrays.equals(Files.readAllBytes(full), Files.readAllBytes(built.result().path()))) {
          fail("round " + round + ": incremental bytes differ from a full build\n"
              + SnapshotDiffer.describe(full, built.result().path()));
        }
      }
    }
  }

  private static String path(int f) {
    return "src/f" + f + ".cov";
  }

  /**
   * File {@code f} in version {@code version}: symbols {@code m<f>.s<i>}, each calling {@value #CALLS} random
   * symbols of any file; from version 1 on, one symbol is renamed (a name removed, another inserted elsewhere
   * in name order).
   */
  private static FileSummary file(int f, int version, Random random) {
    List<SymbolSummary> symbols = new ArrayList<>();
    List<EdgeSummary> edges = new ArrayList<>();
    int renamed = version == 0 ? -1 : random.nextInt(SYMBOLS);
    for (int i = 0; i < SYMBOLS; i++) {
      String name = i == renamed ? "a" + version + ".m" + f + ".renamed" + i : "m" + f + ".s" + i;
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      symbols.add(new SymbolSummary(name, i == 0 ? "class" : "method", i % 7 == 0 ? List.of("io") : List.of(),
          i + 1, i + 2, hash, List.of(), null));
      for (int c = 0; c < CALLS; c++) {
        edges.add(new EdgeSummary(i, c % 5 == 0 ? "references" : "calls",
            "m" + random.nextInt(FILES) + ".s" + random.nextInt(SYMBOLS)));
      }
    }
    return new FileSummary(path(f), "covenant", null, symbols, edges);
  }

  private static void ingest(Store store, Iterable<FileSummary> files) throws IOException {
    try (IndexUpdate update = store.beginUpdate()) {
      for (FileSummary file : files) {
        update.put(file);
      }
      update.commit();
    }
  }
}
