package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.objects.ObjectId;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * A seeded random graph of thousands of nodes and several edge types (with merged namespaces, unresolved
 * targets, duplicate edges and non-ASCII names), checked against a naive model: the stored edges are exactly the
 * input's distinct edges, CSR invariants hold, forward and reverse are transposes, and any input order gives the
 * same bytes.
 */
class RandomGraphTest {
  static final String[] TYPES = {"calls", "references", "contains", "imports", "extends", "tests", "covers"};
  static final String[] KINDS = {"fn", "class", "method", "field", "test"};
  static final String[] EFFECTS = {"io", "net", "db", "meta"};
  static final String[] ODD = {"", "é", "\uFFFD", "\uD83D\uDE00", "\uD800\uDC00", "中"};

  @TempDir Path dir;

  static List<FileSummary> randomGraph(long seed, int files, int symbolsPerFile, int edgesPerSymbol) {
    Random r = new Random(seed);
    List<String> declared = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      for (int s = 0; s < symbolsPerFile; s++) {
        declared.add("p" + f + ODD[r.nextInt(ODD.length)] + ".s" + s);
      }
    }
    List<FileSummary> out = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      List<SymbolSummary> symbols = new ArrayList<>();
      symbols.add(sym("ns" + (f % 7), "package", 1, 1, r.nextBoolean() ? "meta" : "io"));
      for (int s = 0; s < symbolsPerFile; s++) {
        String[] effects = r.nextInt(3) == 0 ? new String[] {EFFECTS[r.nextInt(EFFECTS.length)]} : new String[0];
        symbols.add(sym(declared.get(f * symbolsPerFile + s), KINDS[r.nextInt(KINDS.length)], s + 1, s + 2, effects));
      }
      List<EdgeSummary> edges = new ArrayList<>();
      for (int s = 0; s < symbols.size(); s++) {
        int n = r.nextInt(2 * edgesPerSymbol + 1);
        for (int e = 0; e < n; e++) {
          String target = r.nextInt(5) == 0 ? "ext." + r.nextInt(300) : declared.get(r.nextInt(declared.size()));
          if (r.nextInt(20) == 0) {
            target = "hub";
          }
          edges.add(edge(s, TYPES[r.nextInt(TYPES.length)], target));
        }
      }
      out.add(new FileSummary("src/f" + f + ".x", f % 3 == 0 ? "java" : "cov", null, symbols, edges));
    }
    return out;
  }

  @Test
  void storesExactlyTheDistinctEdgesInCsrOrder() throws Exception {
    List<FileSummary> files = randomGraph(42, 150, 25, 4);
    BuildResult result = Fixtures.build(files, dir.resolve("r.gsnap"));
    DecodedSnapshot s = DecodedSnapshot.read(dir.resolve("r.gsnap"));

    // Naive model.
    Set<String> edges = new HashSet<>();
    Set<String> declared = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (FileSummary f : files) {
      for (SymbolSummary sym : f.symbols()) {
        declared.add(sym.name());
      }
      for (EdgeSummary e : f.edges()) {
        edges.add(f.symbols().get(e.source()).name() + "\t" + e.type() + "\t" + e.target());
        names.add(e.target());
      }
    }
    names.addAll(declared);
    assertTrue(s.names.size() > 3000, "thousands of nodes: " + s.names.size());
    assertEquals(names, new HashSet<>(s.names));
    assertEquals(names.size() - declared.size(), result.externalNodeCount());

    // Names strictly increasing by unsigned UTF-8 bytes.
    for (int v = 1; v < s.names.size(); v++) {
      assertTrue(Arrays.compareUnsigned(utf8(s.names.get(v - 1)), utf8(s.names.get(v))) < 0,
          s.names.get(v - 1) + " !< " + s.names.get(v));
    }
    int n = s.names.size();
    int e = edges.size();
    assertEquals(e, result.edgeCount());

    // Forward: offsets monotonic from 0 to E; ranges strictly increasing by (type, target).
    checkCsr(s.forwardOffsets, s.forwardTargets, s.forwardTypes, n, e);
    checkCsr(s.reverseOffsets, s.reverseSources, s.reverseTypes, n, e);
    Set<String> stored = new HashSet<>();
    List<Long> forwardTriples = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int i = (int) s.forwardOffsets[v]; i < s.forwardOffsets[v + 1]; i++) {
        stored.add(s.names.get(v) + "\t" + s.edgeTypes.get(s.forwardTypes[i]) + "\t" + s.names.get(s.forwardTargets[i]));
        forwardTriples.add(triple(v, s.forwardTypes[i], s.forwardTargets[i]));
      }
    }
    assertEquals(edges, stored, "forward edges equal the model's distinct edges");
    List<Long> reverseTriples = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int i = (int) s.reverseOffsets[v]; i < s.reverseOffsets[v + 1]; i++) {
        reverseTriples.add(triple(s.reverseSources[i], s.reverseTypes[i], v));
      }
    }
    assertEquals(new TreeSet<>(forwardTriples), new TreeSet<>(reverseTriples), "reverse is the transpose");
    assertEquals(forwardTriples.size(), reverseTriples.size());

    // Type counts, kinds partition the nodes, externals flagged, bloom holds every name.
    long[] perType = new long[s.edgeTypes.size()];
    for (int t : s.forwardTypes) {
      perType[t]++;
    }
    assertArrayEquals(perType, s.edgeTypeCounts);
    RoaringBitmap all = new RoaringBitmap();
    for (int k = 0; k < s.kinds.size(); k++) {
      RoaringBitmap b = s.kindBitmaps.get(k);
      for (int v : b) {
        assertEquals(k, s.nodeKind[v]);
      }
      all.or(b);
    }
    assertEquals(n, all.getCardinality());
    BloomView bloom = BloomView.wrap(MemorySegment.ofArray(s.bloom));
    for (int v = 0; v < n; v++) {
      boolean external = !declared.contains(s.names.get(v));
      assertEquals(external ? SnapshotFormat.NODE_FLAG_EXTERNAL : s.names.get(v).startsWith("ns") ? SnapshotFormat.NODE_FLAG_MERGED : 0,
          s.nodeFlags[v], s.names.get(v));
      assertTrue(bloom.mightContain(utf8(s.names.get(v))), s.names.get(v));
    }
  }

  @Test
  void anyOrderAndAnySourceGiveIdenticalBytes() throws Exception {
    List<FileSummary> files = randomGraph(7, 60, 20, 3);
    byte[] reference = Fixtures.buildBytes(files, dir, "ref.gsnap");
    for (long seed = 1; seed <= 4; seed++) {
      assertArrayEquals(reference, Fixtures.buildBytes(Fixtures.shuffled(files, seed), dir, seed + ".gsnap"),
          "shuffle " + seed);
    }
    Map<ObjectId, FileSummary> map = new HashMap<>();
    for (FileSummary f : files) {
      map.put(ObjectId.of(LooseObjectCodec.encode(f)), f);
    }
    new SnapshotBuilder().build(ObjectSource.of(map), dir.resolve("map.gsnap"));
    assertArrayEquals(reference, Files.readAllBytes(dir.resolve("map.gsnap")), "map-backed source");
  }

  private static void checkCsr(long[] offsets, int[] others, int[] types, int n, int e) {
    assertEquals(n + 1, offsets.length);
    assertEquals(0, offsets[0]);
    assertEquals(e, offsets[n]);
    assertEquals(e, others.length);
    assertEquals(e, types.length);
    for (int v = 0; v < n; v++) {
      assertTrue(offsets[v] <= offsets[v + 1], "offsets monotonic at " + v);
      for (int i = (int) offsets[v] + 1; i < offsets[v + 1]; i++) {
        long prev = (long) types[i - 1] << 32 | others[i - 1];
        long cur = (long) types[i] << 32 | others[i];
        assertTrue(prev < cur, "range of node " + v + " strictly sorted by (type, other) at " + i);
      }
      for (int i = (int) offsets[v]; i < offsets[v + 1]; i++) {
        assertTrue(others[i] >= 0 && others[i] < n, "node id in range");
      }
    }
  }

  private static long triple(int source, int type, int target) {
    return (long) source << 40 | (long) type << 32 | target;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
