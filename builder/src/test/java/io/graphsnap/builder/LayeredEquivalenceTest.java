package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Random edit sequences against a real store: after every step a delta is written against the current base (all
 * changes since it), and every point answer of {@link LayeredSnapshot} over base + delta equals, by name, the answer
 * of the snapshot {@link IncrementalBuilder} builds from the same base and changes (the compacted result). The base is
 * moved forward (compacted) every few steps. The steps include deleted and renamed files and symbols, new names
 * sorting before existing ones, new edge types, kinds and languages, and edges to nodes that are then tombstoned; the
 * test checks that each of those happened.
 */
class LayeredEquivalenceTest {
  @TempDir(factory = MemoryTempDir.class) Path dir;

  private int tombstonesWithInEdges;
  private int newNamesBeforeBaseNames;
  private int deletedFiles;
  private int newTypes;

  @Test
  void layeredAnswersEqualTheCompactedSnapshotsAnswers() throws Exception {
    int compared = 0;
    for (long seed = 1; seed <= 3; seed++) {
      compared += run(seed, 60);
    }
    assertTrue(compared > 150, "compared " + compared + " steps");
    assertTrue(tombstonesWithInEdges > 0, "no tombstone had in-edges in the base");
    assertTrue(newNamesBeforeBaseNames > 0, "no new name sorted before a base name");
    assertTrue(deletedFiles > 0, "no file was deleted");
    assertTrue(newTypes > 0, "no delta added an edge type");
  }

  private int run(long seed, int steps) throws Exception {
    RandomRepo repo = new RandomRepo(seed);
    int compared = 0;
    try (Store store = Store.open(dir.resolve("store" + seed), true)) {
      Set<String> touched = new TreeSet<>();
      for (int e = 0; e < 6; e++) {
        repo.edit(touched);
      }
      ingest(store, repo, touched);
      BuildResult base = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of()).result();
      for (int step = 1; step <= steps; step++) {
        touched = new TreeSet<>();
        List<String> edits = new ArrayList<>();
        for (int e = 0, n = 1 + step % 3; e < n; e++) {
          edits.add(repo.edit(touched));
        }
        ingest(store, repo, touched);
        String context = "seed " + seed + ", step " + step + ", edits " + edits;
        Optional<DeltaFileWriter.Outcome> delta = new DeltaFileWriter(BuildOptions.defaults())
            .writeInto(base.path(), base.snapshotId(), new StoreChangeSet(store), dir.resolve("deltas" + seed));
        Optional<IncrementalBuilder.Outcome> compacted = new IncrementalBuilder(BuildOptions.defaults())
            .buildInto(base.path(), new StoreChangeSet(store), dir.resolve("compacted" + seed));
        assertEquals(compacted.isPresent(), delta.isPresent(), context);
        if (delta.isPresent()) {
          try (LayeredSnapshot layered = LayeredSnapshot.open(base.path(), delta.get().path());
              GraphSnapshot expected = GraphSnapshot.open(compacted.get().result().path())) {
            layered.verify();
            compare(expected, layered, context);
            count(layered);
          }
          compared++;
        }
        if (step % 8 == 0) { // compact: the next deltas lie on the new base
          base = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL, List.of()).result();
        }
      }
    }
    return compared;
  }

  private void count(LayeredSnapshot l) {
    GraphSnapshot b = l.base();
    for (int v = 0; v < b.nodeCount(); v++) {
      if (!l.isLive(v) && b.inDegree(v) > 0) {
        tombstonesWithInEdges++;
      }
    }
    if (b.nodeCount() > 0) {
      String last = b.name(b.nodeCount() - 1);
      for (int v = b.nodeCount(); v < l.idBound(); v++) {
        if (io.graphsnap.builder.internal.Utf8.compare(l.name(v), last) < 0) {
          newNamesBeforeBaseNames++;
        }
      }
    }
    deletedFiles += l.fileIdBound() - l.fileCount();
    newTypes += l.edgeTypes().size() - b.edgeTypes().size();
  }

  /** Every point answer of {@code l}, by name, equals {@code c}'s. */
  static void compare(GraphSnapshot c, LayeredSnapshot l, String context) {
    assertEquals(c.nodeCount(), l.nodeCount(), "node count at " + context);
    assertEquals(c.edgeCount(), l.edgeCount(), "edge count at " + context);
    assertEquals(c.fileCount(), l.fileCount(), "file count at " + context);
    for (int v = 0; v < c.nodeCount(); v++) {
      String name = c.name(v);
      int u = l.node(name);
      String at = name + " at " + context;
      assertTrue(u >= 0, "missing node " + at);
      assertEquals(name, l.name(u), at);
      assertEquals(c.kind(v), l.kind(u), "kind of " + at);
      assertEquals(c.file(v), l.file(u), "file of " + at);
      assertEquals(c.lineStart(v), l.lineStart(u), "lineStart of " + at);
      assertEquals(c.lineEnd(v), l.lineEnd(u), "lineEnd of " + at);
      assertEquals(c.isExternal(v), l.isExternal(u), "external " + at);
      assertEquals(c.isMerged(v), l.isMerged(u), "merged " + at);
      assertEquals(c.effects(v), l.effects(u), "effects of " + at);
      assertEquals(c.details(v), l.details(u), "details of " + at);
      assertEquals(outOf(c, v), outOf(l, u), "out-edges and sites of " + at);
      assertEquals(inOf(c, v), inOf(l, u), "in-edges of " + at);
      assertEquals(c.outDegree(v), l.outDegree(u), at);
      assertEquals(c.inDegree(v), l.inDegree(u), at);
      for (int t = 0; t < l.edgeTypes().size(); t++) { // the by-type reads of untouched base rows
        assertEquals(namesOf(l, filter(l.out(u), t)), namesOf(l, l.out(u, t).neighbours()), "out " + t + " of " + at);
        assertEquals(namesOf(l, filter(l.in(u), t)), namesOf(l, l.in(u, t).neighbours()), "in " + t + " of " + at);
      }
    }
    for (int u = 0; u < l.idBound(); u++) {
      if (l.isLive(u)) {
        assertTrue(c.node(l.name(u)) >= 0, "layered node " + l.name(u) + " not in the compacted snapshot at " + context);
      } else {
        assertEquals(-1, c.node(l.base().name(u)), "tombstone " + l.base().name(u) + " still a node at " + context);
        assertEquals(-1, l.node(l.base().name(u)), "lookup of tombstone " + l.base().name(u) + " at " + context);
      }
    }
    for (String kind : union(c.kinds(), l.kinds())) {
      assertEquals(names(c, c.kindId(kind) < 0 ? new RoaringBitmap() : c.ofKind(kind).toRoaringBitmap()),
          names(l, l.ofKind(kind)), "kind " + kind + " at " + context);
    }
    for (String effect : union(c.effectNames(), l.effectNames())) {
      assertEquals(names(c, c.effectId(effect) < 0 ? new RoaringBitmap() : c.withEffect(effect).toRoaringBitmap()),
          names(l, l.withEffect(effect)), "effect " + effect + " at " + context);
    }
    for (String type : union(c.edgeTypes(), l.edgeTypes())) {
      long expected = c.edgeTypeId(type) < 0 ? 0 : c.edgeCount(c.edgeTypeId(type));
      assertEquals(expected, l.edgeTypeId(type) < 0 ? 0 : l.edgeCount(l.edgeTypeId(type)), "edges of " + type + " at "
          + context);
    }
    Set<String> prefixes = new TreeSet<>(List.of("", "m", "m1", "ext", "ns", "é", "\uD83D"));
    for (int v = 0; v < c.nodeCount(); v += 5) {
      String name = c.name(v);
      prefixes.add(name.substring(0, Math.min(2, name.length())));
    }
    for (String prefix : prefixes) {
      var range = c.withPrefix(prefix);
      RoaringBitmap expected = new RoaringBitmap();
      expected.add((long) range.start(), (long) range.end());
      assertEquals(names(c, expected), names(l, l.withPrefix(prefix)), "prefix '" + prefix + "' at " + context);
    }
    for (int f = 0; f < c.fileCount(); f++) {
      String path = c.filePath(f);
      int g = l.fileId(path);
      String at = path + " at " + context;
      assertTrue(g >= 0, "missing file " + at);
      assertEquals(path, l.filePath(g), at);
      assertEquals(c.fileObjectId(f), l.fileObjectId(g), "object of " + at);
      assertArrayEquals(c.fileSourceSha256(f), l.fileSourceSha256(g), "source hash of " + at);
      assertEquals(c.fileLanguage(f), l.fileLanguage(g), "language of " + at);
      assertEquals(c.fileSymbolCount(f), l.fileSymbolCount(g), "symbol count of " + at);
      assertEquals(Arrays.stream(c.fileSymbols(f)).mapToObj(c::name).toList(),
          Arrays.stream(l.fileSymbols(g)).mapToObj(l::name).toList(), "symbols of " + at);
    }
    for (int g = 0; g < l.fileIdBound(); g++) {
      if (l.isFileLive(g)) {
        assertTrue(c.fileId(l.filePath(g)) >= 0, "layered file " + l.filePath(g) + " at " + context);
      }
    }
    assertEquals(c.conflicts(), l.conflicts(), "conflicts at " + context);
  }

  private static List<String> union(List<String> a, List<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  private static TreeSet<String> names(GraphSnapshot g, RoaringBitmap ids) {
    TreeSet<String> out = new TreeSet<>();
    ids.forEach((int v) -> out.add(g.name(v)));
    return out;
  }

  private static TreeSet<String> names(LayeredSnapshot g, RoaringBitmap ids) {
    TreeSet<String> out = new TreeSet<>();
    ids.forEach((int v) -> out.add(g.name(v)));
    return out;
  }

  /** Out-edges by (type, target) name, each with its lines ("-" for none). */
  private static Map<String, String> outOf(GraphSnapshot g, int v) {
    Map<String, String> out = new TreeMap<>();
    int[][] sites = g.outSites(v);
    EdgeCursor cursor = g.out(v);
    int p = 0;
    for (int w = cursor.next(); w >= 0; w = cursor.next(), p++) {
      out.put(g.edgeTypes().get(cursor.type()) + " -> " + g.name(w), sites[p] == null ? "-" : Arrays.toString(sites[p]));
    }
    return out;
  }

  private static Map<String, String> outOf(LayeredSnapshot g, int v) {
    Map<String, String> out = new TreeMap<>();
    int[][] sites = g.outSites(v);
    LayeredSnapshot.Edges edges = g.out(v);
    assertEquals(edges.size(), sites.length, "sites aligned with the row of " + g.name(v));
    for (int p = 0; p < edges.size(); p++) {
      out.put(g.edgeTypes().get(edges.types()[p]) + " -> " + g.name(edges.neighbours()[p]),
          sites[p] == null ? "-" : Arrays.toString(sites[p]));
      assertEquals(g.edgeTypes().get(edges.types()[p]), g.edgeTypes().get(g.out(v, edges.types()[p]).types()[0]));
    }
    return out;
  }

  private static TreeSet<String> inOf(GraphSnapshot g, int v) {
    TreeSet<String> in = new TreeSet<>();
    EdgeCursor cursor = g.in(v);
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      in.add(g.edgeTypes().get(cursor.type()) + " <- " + g.name(w));
    }
    return in;
  }

  private static TreeSet<String> inOf(LayeredSnapshot g, int v) {
    TreeSet<String> in = new TreeSet<>();
    LayeredSnapshot.Edges edges = g.in(v);
    for (int p = 0; p < edges.size(); p++) {
      in.add(g.edgeTypes().get(edges.types()[p]) + " <- " + g.name(edges.neighbours()[p]));
    }
    return in;
  }

  private static void ingest(Store store, RandomRepo repo, Set<String> touched) throws IOException {
    try (IndexUpdate update = store.beginUpdate()) {
      for (String path : touched) {
        if (repo.files.containsKey(path)) {
          update.put(repo.summary(path));
        } else {
          update.delete(path);
        }
      }
      update.commit();
    }
  }

  private static int[] filter(LayeredSnapshot.Edges edges, int type) {
    return java.util.stream.IntStream.range(0, edges.size()).filter(i -> edges.types()[i] == type)
        .map(i -> edges.neighbours()[i]).toArray();
  }

  private static java.util.List<String> namesOf(LayeredSnapshot l, int[] ids) {
    return java.util.Arrays.stream(ids).mapToObj(l::name).toList();
  }
}
