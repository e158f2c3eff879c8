package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import io.graphsnap.reader.NodeDetails;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * JSON Lines → loose objects → snapshot → mapped reader, compared with the naive model of
 * {@link RandomCodebase} on seeded random graphs of thousands of nodes and several edge types.
 */
class RoundTripTest {
  @TempDir Path dir;

  private Path ingestAndBuild(Path storeDir, List<String> lines) throws Exception {
    try (Store store = Store.open(storeDir, true)) {
      byte[] text = RandomCodebase.text(lines);
      IngestReport report = new JsonLinesIngester(store).ingest(new ByteArrayInputStream(text), text.length);
      assertFalse(report.hasErrors(), () -> report.errors().toString());
      BuildResult result = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults());
      return result.path();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void readerAnswersEqualTheModel(long seed) throws Exception {
    RandomCodebase model = new RandomCodebase(seed, 400, 12, 40);
    Path snapshot = ingestAndBuild(dir.resolve("store"), model.jsonLines);
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      g.verify();
      TreeSet<String> names = model.nodeNames();
      assertEquals(names.size(), g.nodeCount());
      assertEquals(model.edges.size(), g.edgeCount());
      assertTrue(g.nodeCount() > 2000, "a graph of thousands of nodes: " + g.nodeCount());

      // Node ids are ranks in unsigned UTF-8 order.
      List<String> byUtf8 = new ArrayList<>(names);
      byUtf8.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      for (int id = 0; id < byUtf8.size(); id++) {
        assertEquals(byUtf8.get(id), g.name(id));
        assertEquals(id, g.node(byUtf8.get(id)));
      }
      for (String name : names) {
        int id = g.node(name);
        RandomCodebase.Declared d = model.declared.get(name);
        if (d == null) {
          assertTrue(g.isExternal(id));
          assertEquals("external", g.kind(id));
          assertEquals(null, g.file(id));
          continue;
        }
        assertFalse(g.isExternal(id));
        assertEquals(d.kind(), g.kind(id), name);
        assertEquals(d.file(), g.file(id), name);
        assertEquals(d.lineStart(), g.lineStart(id), name);
        assertEquals(d.lineEnd(), g.lineEnd(id), name);
        if (!d.kind().equals("module")) {
          assertEquals(new ArrayList<>(new TreeSet<>(d.effects())), g.effects(id), name);
        }
        NodeDetails details = g.details(id);
        assertEquals(d.hashHex(), details.contentHashHex(), name);
        assertEquals(d.note() == null ? 0 : 1, details.notes().size(), name);
        assertEquals(d.metadata(), details.metadata(), name);
      }
      checkEdges(g, model);
      checkQueries(g, model);
      for (int i = 0; i < 200; i++) {
        assertEquals(-1, g.node("absent.name." + i));
      }
    }
  }

  private static void checkEdges(GraphSnapshot g, RandomCodebase model) {
    List<String> types = g.edgeTypes();
    TreeSet<RandomCodebase.Edge> seenOut = new TreeSet<>();
    TreeSet<RandomCodebase.Edge> seenIn = new TreeSet<>();
    EdgeCursor cursor;
    for (int id = 0; id < g.nodeCount(); id++) {
      cursor = g.out(id);
      for (int n = cursor.next(); n >= 0; n = cursor.next()) {
        assertTrue(seenOut.add(new RandomCodebase.Edge(g.name(id), types.get(cursor.type()), g.name(n))), "duplicate edge");
      }
      cursor = g.in(id);
      for (int n = cursor.next(); n >= 0; n = cursor.next()) {
        seenIn.add(new RandomCodebase.Edge(g.name(n), types.get(cursor.type()), g.name(id)));
      }
      for (int t = 0; t < types.size(); t++) {
        EdgeCursor typed = g.out(id, t);
        for (int n = typed.next(); n >= 0; n = typed.next()) {
          assertEquals(t, typed.type());
          assertTrue(model.edges.contains(new RandomCodebase.Edge(g.name(id), types.get(t), g.name(n))));
        }
      }
    }
    assertEquals(model.edges, seenOut);
    assertEquals(model.edges, seenIn);
    for (int t = 0; t < types.size(); t++) {
      String type = types.get(t);
      assertEquals(model.edges.stream().filter(e -> e.type().equals(type)).count(), g.edgeCount(t), type);
    }
  }

  private static void checkQueries(GraphSnapshot g, RandomCodebase model) {
    for (String kind : RandomCodebase.KINDS) {
      ImmutableRoaringBitmap bitmap = g.ofKind(kind);
      long expected = model.declared.values().stream().filter(d -> d.kind().equals(kind)).count();
      assertEquals(expected, bitmap.getLongCardinality(), kind);
      bitmap.forEach((int id) -> assertEquals(kind, g.kind(id)));
    }
    assertEquals(model.externals.size(), g.ofKind("external").getLongCardinality());
    assertTrue(g.ofKind("no-such-kind").isEmpty());
    for (String effect : RandomCodebase.EFFECTS) {
      TreeSet<String> expected = new TreeSet<>();
      model.declared.values().stream().filter(d -> d.effects().contains(effect)).forEach(d -> expected.add(d.name()));
      TreeSet<String> actual = new TreeSet<>();
      g.withEffect(effect).forEach((int id) -> actual.add(g.name(id)));
      assertEquals(expected, actual, effect);
    }
    Random random = new Random(7);
    List<RandomCodebase.Edge> edges = new ArrayList<>(model.edges);
    for (int i = 0; i < 100; i++) {
      RandomCodebase.Edge e = edges.get(random.nextInt(edges.size()));
      TreeSet<String> expected = new TreeSet<>();
      model.edges.stream().filter(x -> x.type().equals(e.type()) && x.target().equals(e.target()))
          .forEach(x -> expected.add(x.source()));
      TreeSet<String> actual = new TreeSet<>();
      g.byRelation(e.target(), e.type()).forEach((int id) -> actual.add(g.name(id)));
      assertEquals(expected, actual, "byRelation " + e);
    }
    for (String prefix : List.of("", "pkg1", "pkg1.", "zé", "日", "emoji", "mod", "ext.lib1", "zzz", "\uFFFF")) {
      IdRange range = g.withPrefix(prefix);
      TreeSet<String> actual = new TreeSet<>();
      for (int id = range.start(); id < range.end(); id++) {
        actual.add(g.name(id));
      }
      TreeSet<String> expected = new TreeSet<>();
      model.nodeNames().stream().filter(n -> n.startsWith(prefix)).forEach(expected::add);
      assertEquals(expected, actual, "prefix " + prefix);
    }
  }

  @Test
  void ingestOrderDoesNotChangeTheSnapshotBytes() throws Exception {
    RandomCodebase model = new RandomCodebase(11, 150, 8, 20);
    Path first = ingestAndBuild(dir.resolve("a"), model.jsonLines);
    List<String> shuffled = new ArrayList<>(model.jsonLines);
    Collections.shuffle(shuffled, new Random(5));
    Path second = ingestAndBuild(dir.resolve("b"), shuffled);
    assertEquals(first.getFileName(), second.getFileName(), "snapshot ids differ");
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }
}
