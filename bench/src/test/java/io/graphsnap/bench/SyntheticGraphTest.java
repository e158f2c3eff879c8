package io.graphsnap.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bench.harness.GraphResolver;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGraphTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedGivesTheSameFilesAndOtherSeedsDiffer() {
    SyntheticGraph a = SyntheticGraph.of(Scale.TINY, 7);
    SyntheticGraph b = SyntheticGraph.of(Scale.TINY, 7);
    SyntheticGraph c = SyntheticGraph.of(Scale.TINY, 8);
    for (int i = 0; i < a.fileCount(); i += 17) {
      assertEquals(a.file(i), b.file(i), "file " + i);
      assertEquals(a.file(i), a.file(i), "file " + i + " regenerated");
    }
    int differing = 0;
    for (int i = 0; i < a.fileCount(); i++) {
      if (!a.file(i).equals(c.file(i))) {
        differing++;
      }
    }
    assertTrue(differing > a.fileCount() / 2, differing + " files differ between seeds");
  }

  @Test
  void hasEveryKindEdgeTypeAndEffectAndHeavyTails() throws Exception {
    SyntheticGraph g = SyntheticGraph.of(Scale.TINY, SyntheticGraph.DEFAULT_SEED);
    ResolvedGraph r = GraphResolver.resolve(g);
    assertTrue(r.kinds().containsAll(java.util.List.of("package", "class", "interface", "method", "field", "module",
        "fn", "test", "requirement", "external")), r.kinds().toString());
    assertEquals(java.util.List.of("calls", "contains", "covers", "extends", "implements", "imports", "references",
        "tests"), r.edgeTypes());
    assertTrue(r.effects().containsAll(java.util.List.of("db", "io", "log", "net")), r.effects().toString());
    assertTrue(r.nodeCount() > 3_000 && r.edgeCount() > 20_000, r.nodeCount() + " nodes, " + r.edgeCount());
    int[] inDegree = new int[r.nodeCount()];
    for (int t : r.targets()) {
      inDegree[t]++;
    }
    Arrays.sort(inDegree);
    int median = inDegree[inDegree.length / 2];
    int max = inDegree[inDegree.length - 1];
    assertTrue(max > 50 * Math.max(1, median), "hub in-degree " + max + " vs median " + median);
  }

  @Test
  void builderAndIndependentResolverAgreeOnEveryEdge() throws Exception {
    SyntheticGraph g = SyntheticGraph.of(Scale.TINY, 3);
    ResolvedGraph r = GraphResolver.resolve(g);
    Path file = dir.resolve("g.gsnap");
    new SnapshotBuilder().build(g, file);
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      assertEquals(r.nodeCount(), s.nodeCount());
      assertEquals(r.edgeCount(), s.edgeCount());
      assertEquals(r.edgeTypes(), s.edgeTypes());
      var cursor = s.forward().cursor();
      for (int v = 0; v < r.nodeCount(); v++) {
        assertEquals(r.names()[v], s.name(v));
        assertEquals(r.kinds().get(r.kindOf()[v]), s.kind(v), "kind of " + r.names()[v]);
        int i = r.offsets()[v];
        for (int w = cursor.reset(v).next(); w >= 0; w = cursor.next(), i++) {
          assertEquals(r.targets()[i], w, "edge " + i + " of " + r.names()[v]);
          assertEquals(r.types()[i], cursor.type(), "type of edge " + i);
        }
        assertEquals(r.offsets()[v + 1], i, "out-degree of " + r.names()[v]);
      }
    }
  }

  @Test
  void jsonlIngestsIntoTheSameGraph() throws Exception {
    SyntheticGraph g = SyntheticGraph.ofFiles(60, 11);
    Path jsonl = dir.resolve("g.jsonl");
    SyntheticJsonl.Sizes sizes = SyntheticJsonl.write(g, jsonl, dir.resolve("g.jsonl.gz"));
    assertTrue(sizes.gzipBytes() > 0 && sizes.gzipBytes() < sizes.jsonlBytes(), sizes.toString());
    assertEquals(60, Files.readAllLines(jsonl).size());
    BuildResult direct = new SnapshotBuilder().build(g, dir.resolve("direct.gsnap"));
    try (Store store = Store.open(dir.resolve("store"), true)) {
      var report = new JsonLinesIngester(store).ingest(jsonl);
      assertFalse(report.hasErrors(), report.toString());
      BuildResult viaStore = new SnapshotBuilder().build(StoreSnapshots.currentObjects(store), dir.resolve("s.gsnap"));
      assertEquals(direct.nodeCount(), viaStore.nodeCount());
      assertEquals(direct.edgeCount(), viaStore.edgeCount());
      assertEquals(direct.edgesByType(), viaStore.edgesByType());
      assertEquals(direct.nodesByKind(), viaStore.nodesByKind());
      // Same graph; only the recorded object ids differ (the generator names objects by path hash).
      assertNotEquals(0, viaStore.bytes());
    }
    FileSummary first = g.file(0);
    assertTrue(Files.readAllLines(jsonl).getFirst().contains("\"path\":\"" + first.path() + "\""));
  }
}
