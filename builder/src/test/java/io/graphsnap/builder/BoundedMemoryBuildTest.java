package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full build under a memory cap ({@link BuildOptions#maxMemory()}): whatever the cap, the same file. A cap of a
 * few KiB forces the edges to spill (collected blocks, many sorted runs, merges in passes) and the streamed
 * sections; an unlimited one keeps everything on the heap. The temporary files are gone after success and failure.
 */
class BoundedMemoryBuildTest {
  @TempDir Path dir;

  /** A random graph (conflicts, merged namespaces, externals, duplicates, several types) with lines on many edges. */
  static List<FileSummary> graphWithSites(long seed, int files) {
    Random r = new Random(seed);
    List<FileSummary> out = new ArrayList<>();
    for (FileSummary f : RandomGraphTest.randomGraph(seed, files, 12, 5)) {
      Set<String> sited = new HashSet<>();
      List<EdgeSummary> edges = new ArrayList<>();
      for (EdgeSummary e : f.edges()) {
        String key = e.source() + " " + e.type() + " " + e.target();
        if (r.nextInt(3) > 0 && sited.add(key)) {
          int first = 1 + r.nextInt(500);
          int[] lines = r.nextInt(10) == 0 ? new int[] {first, first + 1, first + 3, first + 4, first + 9, first + 10,
              first + 11, first + 12, first + 20, first + 400} : new int[] {first};
          edges.add(Fixtures.edge(e.source(), e.type(), e.target(), lines));
        } else if (!sited.contains(key)) {
          edges.add(e);
        }
      }
      out.add(new FileSummary(f.path(), f.language(), f.sourceSha256(), f.symbols(), edges));
    }
    out.add(SnapshotBuilderTest.A);
    out.add(SnapshotBuilderTest.B);
    out.add(SnapshotBuilderTest.C);
    return out;
  }

  private byte[] build(List<FileSummary> files, long maxMemory, String name) throws IOException {
    return build(files, BuildOptions.defaults().withMaxMemory(maxMemory), name);
  }

  private byte[] build(List<FileSummary> files, BuildOptions options, String name) throws IOException {
    Path out = dir.resolve(name);
    new SnapshotBuilder(options).build(ObjectSource.of(files), out);
    return Files.readAllBytes(out);
  }

  private List<Path> spillFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".spill.")).toList();
    }
  }

  @Test
  void theBytesDoNotDependOnTheCap() throws Exception {
    List<FileSummary> files = graphWithSites(20, 400);
    byte[] unlimited = build(files, Long.MAX_VALUE, "unlimited.gsnap");
    try (GraphSnapshot g = GraphSnapshot.open(dir.resolve("unlimited.gsnap"))) {
      g.verify();
      assertTrue(g.edgeCount() > 15_000, "enough edges for many runs at 4 KiB: " + g.edgeCount());
      assertTrue(g.sitesBytes() > 10_000, "many sites: " + g.sitesBytes());
    }
    for (long cap : new long[] {BuildOptions.MIN_MEMORY, 64 << 10, 1 << 20, BuildOptions.DEFAULT_MEMORY}) {
      assertArrayEquals(unlimited, build(files, cap, "cap-" + cap + ".gsnap"), "cap " + cap);
      assertEquals(List.of(), spillFiles(), "no temporary left after a build with cap " + cap);
    }
    assertArrayEquals(unlimited, build(Fixtures.shuffled(files, 7), BuildOptions.MIN_MEMORY, "shuffled.gsnap"),
        "any order, any cap");
  }

  @Test
  void theCompactLayoutsBytesDoNotDependOnTheCapEither() throws Exception {
    List<FileSummary> files = graphWithSites(23, 400);
    BuildOptions compact = BuildOptions.defaults().withLayout(CompactCsrFormat.Layout.COMPACT);
    byte[] unlimited = build(files, compact.withMaxMemory(Long.MAX_VALUE), "compact-unlimited.gsnap");
    try (GraphSnapshot g = GraphSnapshot.open(dir.resolve("compact-unlimited.gsnap"))) {
      g.verify();
      assertEquals(CompactCsrFormat.Layout.COMPACT, g.adjacencyLayout());
    }
    for (long cap : new long[] {BuildOptions.MIN_MEMORY, 64 << 10}) {
      assertArrayEquals(unlimited, build(files, compact.withMaxMemory(cap), "compact-cap-" + cap + ".gsnap"),
          "compact, cap " + cap);
      assertEquals(List.of(), spillFiles(), "no temporary left after a compact build with cap " + cap);
    }
  }

  @Test
  void aFailedBuildLeavesNoTemporary() throws Exception {
    List<FileSummary> files = graphWithSites(21, 200);
    BuildProgress failInWrite = Fixtures.failInWrite();
    Path out = dir.resolve("s.gsnap");
    assertThrows(IllegalStateException.class, () -> new SnapshotBuilder(BuildOptions.defaults()
        .withProgress(failInWrite).withMaxMemory(BuildOptions.MIN_MEMORY)).build(ObjectSource.of(files), out));
    assertEquals(List.of(), spillFiles());
    assertTrue(Files.notExists(out));
  }

  @Test
  void aStoreBuildUnderATinyCapEqualsTheIncrementalOneAndLeavesTmpEmpty() throws Exception {
    List<FileSummary> files = graphWithSites(22, 150);
    try (Store store = Store.open(dir.resolve("store"), true)) {
      put(store, files.subList(0, 100));
      StoreBuild first = StoreSnapshots.build(store, BuildOptions.defaults().withMaxMemory(BuildOptions.MIN_MEMORY),
          BuildMode.FULL, List.of());
      put(store, files.subList(100, files.size()));
      StoreBuild incremental = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of());
      StoreBuild full = StoreSnapshots.build(store, BuildOptions.defaults().withMaxMemory(BuildOptions.MIN_MEMORY),
          BuildMode.FULL, List.of());
      assertEquals(incremental.result().snapshotId(), full.result().snapshotId(),
          "the incremental build over a capped full build equals a capped full build");
      assertTrue(!first.result().snapshotId().equals(full.result().snapshotId()));
      try (Stream<Path> tmp = Files.list(store.layout().tmpDir())) {
        assertEquals(List.of(), tmp.toList());
      }
    }
  }

  @Test
  void aStoreBuildFailingPastTheSpillsKeepsThePublishedSnapshot() throws Exception {
    List<FileSummary> files = NamesFixture.files();
    try (Store store = Store.open(dir.resolve("failing"), true)) {
      put(store, files.subList(0, 60));
      String published = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.FULL, List.of()).result()
          .snapshotId();
      put(store, files.subList(60, files.size()));
      BuildOptions failing = BuildOptions.defaults().withMaxMemory(BuildOptions.MIN_MEMORY)
          .withProgress(Fixtures.failInWrite());
      assertThrows(IllegalStateException.class, () -> StoreSnapshots.build(store, failing, BuildMode.FULL, List.of()));
      assertEquals(java.util.Optional.of(published), store.headSnapshotId(), "HEAD still names the last build");
      try (Stream<Path> tmp = Files.list(store.layout().tmpDir())) {
        assertEquals(List.of(), tmp.toList(), "the name runs, names file and edge runs are gone");
      }
      StoreBuild capped = StoreSnapshots.build(store, BuildOptions.defaults().withMaxMemory(BuildOptions.MIN_MEMORY),
          BuildMode.FULL, List.of());
      StoreBuild unlimited = StoreSnapshots.build(store, BuildOptions.defaults().withMaxMemory(Long.MAX_VALUE),
          BuildMode.FULL, List.of());
      assertEquals(unlimited.result().snapshotId(), capped.result().snapshotId());
    }
  }

  @Test
  void spillFilesLeftByACrashAreRemovedAtTheNextStoreOpen() throws Exception {
    Path root = dir.resolve("crashed");
    try (Store store = Store.open(root, true)) {
      Files.write(store.layout().tmpDir().resolve(".spill.0f4c.3.forward.tmp"), new byte[4096]);
    }
    try (Store store = Store.open(root, false); Stream<Path> tmp = Files.list(store.layout().tmpDir())) {
      assertEquals(List.of(), tmp.toList(), "the store's open clears tmp/, spilled runs included");
    }
  }

  @Test
  void sizesParse() {
    assertEquals(256L << 20, BuildOptions.parseSize("256m"));
    assertEquals(256L << 20, BuildOptions.parseSize("256MiB"));
    assertEquals(2L << 30, BuildOptions.parseSize("2G"));
    assertEquals(8192, BuildOptions.parseSize("8192"));
    assertEquals(Long.MAX_VALUE, BuildOptions.parseSize("unlimited"));
    assertThrows(IllegalArgumentException.class, () -> BuildOptions.parseSize("12q"));
    assertThrows(IllegalArgumentException.class, () -> BuildOptions.parseSize("1k"), "below the minimum");
    assertThrows(IllegalArgumentException.class, () -> BuildOptions.parseSize("99999999999t"));
  }

  private static void put(Store store, List<FileSummary> files) throws IOException {
    try (IndexUpdate update = store.beginUpdate()) {
      for (FileSummary f : files) {
        update.put(f);
      }
      update.commit();
    }
  }
}
