package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CALL_SITES as the builder writes it: the lines of the winning declaration of each node (a merged namespace's first
 * path; a dropped conflict's none), and an incremental build after a line-only edit gives a new snapshot with the
 * bytes of a full build.
 */
class CallSitesBuildTest {
  @TempDir Path dir;

  private static int[] sites(GraphSnapshot g, String from, String type, String to) {
    return g.sites(g.node(from), g.edgeTypeId(type), g.node(to));
  }

  @Test
  void sitesComeFromTheWinningDeclaration() throws Exception {
    Path out = dir.resolve("s.gsnap");
    BuildResult r = Fixtures.build(List.of(SnapshotBuilderTest.C, SnapshotBuilderTest.A, SnapshotBuilderTest.B), out);
    try (GraphSnapshot g = GraphSnapshot.open(out)) {
      g.verify();
      assertArrayEquals(new int[] {1}, sites(g, "auth", "imports", "util"), "merged namespace: src/a.cov's line only");
      assertArrayEquals(new int[] {11, 12}, sites(g, "dup", "calls", "auth.login"), "the conflict's winner, a.cov");
      assertArrayEquals(new int[] {5, 9}, sites(g, "auth.login", "calls", "db.query"));
      assertArrayEquals(new int[] {7}, sites(g, "auth.login", "calls", "auth.login"));
      assertArrayEquals(new int[] {4}, sites(g, "auth.login", "references", "auth.User"));
      assertArrayEquals(new int[0], sites(g, "auth.login", "calls", SnapshotBuilderTest.REPLACEMENT), "no lines given");
      assertArrayEquals(new int[] {6}, sites(g, "c.only", "calls", "dup"));
      assertEquals(-1, g.node("only.from.dropped"), "the dropped declaration's edge, lines and all, is gone");
      assertEquals(g.sitesBytes(), r.sitesBytes());
      assertTrue(r.sitesBytes() > 0);
    }
  }

  @Test
  void aLineOnlyEditBuildsIncrementallyToTheFullBuildsBytes() throws Exception {
    FileSummary moved = new FileSummary("src/b.cov", "covenant", null, SnapshotBuilderTest.B.symbols(),
        SnapshotBuilderTest.B.edges().stream().map(e -> e.target().equals("db.query")
            ? edge(e.source(), e.type(), e.target(), 5, 10) : e).toList()); // the call on line 9 moved down one line
    try (Store store = Store.open(dir.resolve("store"), true)) {
      put(store, SnapshotBuilderTest.A, SnapshotBuilderTest.B, SnapshotBuilderTest.C);
      StoreBuild first = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of());
      put(store, moved);
      StoreBuild second = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of());
      assertEquals(StoreBuild.How.INCREMENTAL, second.how(), second.note().orElse(""));
      assertFalse(first.result().snapshotId().equals(second.result().snapshotId()), "a line-only edit is a change");
      byte[] full = Fixtures.buildBytes(List.of(SnapshotBuilderTest.A, moved, SnapshotBuilderTest.C), dir, "full.gsnap");
      assertTrue(Arrays.equals(full, Files.readAllBytes(second.result().path())), "incremental == full");
      try (GraphSnapshot g = GraphSnapshot.open(second.result().path())) {
        assertArrayEquals(new int[] {5, 10}, sites(g, "auth.login", "calls", "db.query"));
        assertArrayEquals(new int[] {7}, sites(g, "auth.login", "calls", "auth.login"));
      }
    }
  }

  private static void put(Store store, FileSummary... files) throws Exception {
    try (IndexUpdate update = store.beginUpdate()) {
      for (FileSummary f : files) {
        update.put(f);
      }
      update.commit();
    }
  }
}
