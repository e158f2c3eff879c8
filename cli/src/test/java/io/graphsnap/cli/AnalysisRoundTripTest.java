package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.Components;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.DeadCode;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.EffectClosure;
import io.graphsnap.reader.analysis.NodePath;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.ShortestPaths;
import io.graphsnap.reader.analysis.StronglyConnectedComponents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The analysis API over real mapped snapshots, built from seeded random codebases by the real builder, against
 * JGraphT on the distinct (source, type, target) edges of the input and against naive definitions: reachability
 * (both directions, type filters, depth limits), SCC partitions, shortest path lengths, PageRank, effect
 * closures and dead code.
 */
class AnalysisRoundTripTest {
  static final List<String> TYPES = List.of("calls", "imports", "references");
  static final List<String> EFFECTS = List.of("db", "io", "net");

  @TempDir Path dir;

  /** A random codebase: symbols spread over files, typed edges (self-loops, several types per pair, external targets). */
  record Codebase(List<FileSummary> files, List<String> names, List<int[]> edges, Map<String, List<String>> effects) {}

  static Codebase generate(long seed, int symbols, int edges) {
    Random random = new Random(seed);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < symbols; i++) {
      names.add("pkg" + random.nextInt(1 + symbols / 50) + ".sym" + i);
    }
    int externals = 1 + symbols / 20;
    for (int i = 0; i < externals; i++) {
      names.add("ext.lib" + i);
    }
    Map<String, List<String>> effects = new java.util.HashMap<>();
    int files = 1 + symbols / 40;
    List<List<SymbolSummary>> fileSymbols = new ArrayList<>();
    List<List<EdgeSummary>> fileEdges = new ArrayList<>();
    int[] fileOf = new int[symbols];
    int[] indexInFile = new int[symbols];
    for (int f = 0; f < files; f++) {
      fileSymbols.add(new ArrayList<>());
      fileEdges.add(new ArrayList<>());
    }
    for (int i = 0; i < symbols; i++) {
      List<String> fx = new ArrayList<>();
      for (String e : EFFECTS) {
        if (random.nextInt(12) == 0) {
          fx.add(e);
        }
      }
      effects.put(names.get(i), fx);
      String kind = switch (random.nextInt(4)) {
        case 0 -> "method";
        case 1 -> "fn";
        case 2 -> "test";
        default -> "main";
      };
      fileOf[i] = random.nextInt(files);
      indexInFile[i] = fileSymbols.get(fileOf[i]).size();
      fileSymbols.get(fileOf[i]).add(new SymbolSummary(names.get(i), kind, fx, 1, 1, null, List.of(), null));
    }
    List<int[]> typed = new ArrayList<>();
    int cluster = Math.max(2, (int) Math.sqrt(symbols));
    for (int k = 0; k < edges; k++) {
      int from = random.nextInt(symbols);
      int roll = random.nextInt(10);
      int to = roll == 0 ? from
          : roll < 5 ? Math.min(symbols - 1, from / cluster * cluster + random.nextInt(cluster))
          : roll < 9 ? random.nextInt(symbols) : symbols + random.nextInt(externals);
      int type = random.nextInt(TYPES.size());
      typed.add(new int[] {from, type, to});
      fileEdges.get(fileOf[from]).add(new EdgeSummary(indexInFile[from], TYPES.get(type), names.get(to)));
    }
    List<FileSummary> summaries = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      summaries.add(new FileSummary("src/f" + f + ".cov", "covenant", null, fileSymbols.get(f), fileEdges.get(f)));
    }
    return new Codebase(summaries, names, typed, effects);
  }

  /** Snapshot ids of the codebase's names, and its distinct typed edges in snapshot ids. */
  static final class Model {
    final int n;
    final int[] id;
    final Set<List<Integer>> edges = new HashSet<>();

    Model(Codebase cb, GraphSnapshot g) {
      n = g.nodeCount();
      assertEquals(cb.names().size(), n);
      id = new int[cb.names().size()];
      for (int i = 0; i < id.length; i++) {
        id[i] = g.node(cb.names().get(i));
        assertTrue(id[i] >= 0);
      }
      for (int[] e : cb.edges()) {
        edges.add(List.of(id[e[0]], g.edgeTypeId(TYPES.get(e[1])), id[e[2]]));
      }
      assertEquals(edges.size(), g.edgeCount());
    }

    Graph<Integer, DefaultEdge> jgrapht(EdgeTypeMask mask, Direction dir) {
      Graph<Integer, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
      for (int v = 0; v < n; v++) {
        graph.addVertex(v);
      }
      for (List<Integer> e : edges) {
        if (mask.contains(e.get(1))) {
          graph.addEdge(e.get(0), e.get(2));
        }
      }
      return dir == Direction.FORWARD ? graph : new EdgeReversedGraph<>(graph);
    }

    Graph<Integer, DefaultWeightedEdge> weighted(EdgeTypeMask mask) {
      Graph<Integer, DefaultWeightedEdge> graph = new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
      for (int v = 0; v < n; v++) {
        graph.addVertex(v);
      }
      for (List<Integer> e : edges) {
        if (mask.contains(e.get(1))) {
          DefaultWeightedEdge existing = graph.getEdge(e.get(0), e.get(2));
          if (existing == null) {
            graph.setEdgeWeight(graph.addEdge(e.get(0), e.get(2)), 1);
          } else {
            graph.setEdgeWeight(existing, graph.getEdgeWeight(existing) + 1);
          }
        }
      }
      return graph;
    }

    /** BFS depths from a set of sources (JGraphT, from a super-source), -1 unreached. */
    int[] depths(Graph<Integer, DefaultEdge> graph, int[] sources) {
      Graph<Integer, DefaultEdge> rooted = new DefaultDirectedGraph<>(DefaultEdge.class);
      graph.vertexSet().forEach(rooted::addVertex);
      for (DefaultEdge e : graph.edgeSet()) {
        rooted.addEdge(graph.getEdgeSource(e), graph.getEdgeTarget(e));
      }
      rooted.addVertex(-1);
      for (int s : sources) {
        rooted.addEdge(-1, s);
      }
      int[] depth = new int[n];
      Arrays.fill(depth, -1);
      BreadthFirstIterator<Integer, DefaultEdge> it = new BreadthFirstIterator<>(rooted, -1);
      while (it.hasNext()) {
        int v = it.next();
        if (v >= 0) {
          depth[v] = it.getDepth(v) - 1;
        }
      }
      return depth;
    }
  }

  private GraphSnapshot buildAndOpen(Codebase cb, String name) throws Exception {
    return buildAndOpen(cb, name, io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED);
  }

  private GraphSnapshot buildAndOpen(Codebase cb, String name, io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout)
      throws Exception {
    Path file = dir.resolve(name + ".gsnap");
    new SnapshotBuilder(io.graphsnap.builder.BuildOptions.defaults().withLayout(layout))
        .build(ObjectSource.of(cb.files()), file);
    return GraphSnapshot.open(file);
  }

  @Test
  void everyAnalysisMatchesItsReferenceOnMappedSnapshots() throws Exception {
    Random random = new Random(77);
    for (int round = 0; round < 4; round++) {
      Codebase cb = generate(500 + round, 300 + random.nextInt(1500), 500 + random.nextInt(6000));
      // odd rounds with the compact adjacency: the analyses read it decoded (CsrGraph.of)
      try (GraphSnapshot g = buildAndOpen(cb, "r" + round, round % 2 == 0
          ? io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED
          : io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT)) {
        Model m = new Model(cb, g);
        CsrGraph graph = CsrGraph.of(g);
        List<EdgeTypeMask> masks = List.of(EdgeTypeMask.all(), EdgeTypeMask.of(g, List.of("calls")),
            EdgeTypeMask.of(g, List.of("calls", "imports")));
        for (EdgeTypeMask mask : masks) {
          checkReach(m, graph, mask, random);
          checkComponents(m, graph, mask);
          checkPaths(m, graph, mask, random);
          checkPageRank(m, graph, mask);
        }
        checkEffects(cb, m, g);
        checkDeadCode(m, g, graph);
      }
    }
  }

  @Test
  void largerSnapshotGoesBottomUpInParallel() throws Exception {
    Codebase cb = generate(9, 20_000, 120_000);
    try (GraphSnapshot g = buildAndOpen(cb, "large")) {
      Model m = new Model(cb, g);
      CsrGraph graph = CsrGraph.of(g);
      Random random = new Random(10);
      for (Direction dir : Direction.values()) {
        int[] sources = random.ints(300, 0, m.n).toArray();
        int[] expected = m.depths(m.jgrapht(EdgeTypeMask.all(), dir), sources);
        Reach reach = Reachability.reach(graph, sources, null, dir, -1);
        for (int v = 0; v < m.n; v++) {
          assertEquals(expected[v], reach.depth(v));
        }
      }
      checkPageRank(m, graph, EdgeTypeMask.all());
    }
  }

  private static void checkReach(Model m, CsrGraph graph, EdgeTypeMask mask, Random random) {
    for (Direction dir : Direction.values()) {
      Graph<Integer, DefaultEdge> ref = m.jgrapht(mask, dir);
      for (int q = 0; q < 4; q++) {
        int[] sources = random.ints(q == 0 ? 1 : 1 + random.nextInt(40), 0, m.n).toArray();
        int maxDepth = q == 3 ? 2 : -1;
        int[] expected = m.depths(ref, sources);
        Reach reach = Reachability.reach(graph, sources, mask, dir, maxDepth);
        int count = 0;
        for (int v = 0; v < m.n; v++) {
          int e = maxDepth >= 0 && expected[v] > maxDepth ? -1 : expected[v];
          assertEquals(e, reach.depth(v), mask + " " + dir + " node " + v);
          count += e >= 0 ? 1 : 0;
        }
        assertEquals(count, reach.count());
      }
    }
  }

  private static void checkComponents(Model m, CsrGraph graph, EdgeTypeMask mask) {
    Set<Set<Integer>> expected = new HashSet<>(
        new KosarajuStrongConnectivityInspector<>(m.jgrapht(mask, Direction.FORWARD)).stronglyConnectedSets());
    Components c = StronglyConnectedComponents.of(graph, mask);
    Set<Set<Integer>> actual = new HashSet<>();
    for (int k = 0; k < c.count(); k++) {
      actual.add(Arrays.stream(c.members(k)).boxed().collect(Collectors.toSet()));
    }
    assertEquals(expected, actual, mask.toString());
  }

  private static void checkPaths(Model m, CsrGraph graph, EdgeTypeMask mask, Random random) {
    BFSShortestPath<Integer, DefaultEdge> bfs = new BFSShortestPath<>(m.jgrapht(mask, Direction.FORWARD));
    for (int q = 0; q < 30; q++) {
      int from = random.nextInt(m.n);
      int to = random.nextInt(m.n);
      GraphPath<Integer, DefaultEdge> expected = bfs.getPath(from, to);
      NodePath actual = ShortestPaths.between(graph, from, to, mask, Direction.FORWARD);
      assertEquals(expected == null ? -1 : expected.getLength(), actual.length(), mask + " " + from + "->" + to);
      int[] p = actual.nodes();
      for (int i = 0; i + 1 < p.length; i++) {
        assertTrue(m.edges.contains(List.of(p[i], actual.edgeTypes()[i], p[i + 1])));
      }
    }
  }

  private static void checkPageRank(Model m, CsrGraph graph, EdgeTypeMask mask) {
    Map<Integer, Double> expected = new org.jgrapht.alg.scoring.PageRank<>(m.weighted(mask), 0.85, 100_000, 1e-15)
        .getScores();
    PageRankResult actual = PageRank.on(graph).types(mask).tolerance(1e-14).maxIterations(100_000).run();
    assertTrue(actual.converged());
    for (int v = 0; v < m.n; v++) {
      assertEquals(expected.get(v), actual.rank(v), 1e-9, mask + " node " + v);
    }
  }

  private static void checkEffects(Codebase cb, Model m, GraphSnapshot g) {
    EffectClosure closure = EffectClosure.of(g);
    Graph<Integer, DefaultEdge> calls = m.jgrapht(EdgeTypeMask.of(g, List.of("calls")), Direction.FORWARD);
    List<TreeSet<String>> declared = new ArrayList<>();
    for (int v = 0; v < m.n; v++) {
      declared.add(new TreeSet<>());
    }
    for (int i = 0; i < cb.names().size(); i++) {
      declared.get(m.id[i]).addAll(cb.effects().getOrDefault(cb.names().get(i), List.of()));
    }
    List<String> effectNames = g.effectNames();
    for (int v = 0; v < m.n; v++) {
      TreeSet<String> expected = new TreeSet<>();
      BreadthFirstIterator<Integer, DefaultEdge> it = new BreadthFirstIterator<>(calls, v);
      while (it.hasNext()) {
        expected.addAll(declared.get(it.next()));
      }
      TreeSet<String> actual = new TreeSet<>();
      for (int x : closure.effects(v)) {
        actual.add(effectNames.get(x));
        NodePath witness = closure.witness(v, x);
        assertTrue(declared.get(witness.nodes()[witness.nodes().length - 1]).contains(effectNames.get(x)));
      }
      assertEquals(expected, actual, "closure of " + g.name(v));
      assertArrayEquals(declared.get(v).stream().mapToInt(effectNames::indexOf).toArray(), closure.declared(v));
    }
  }

  private static void checkDeadCode(Model m, GraphSnapshot g, CsrGraph graph) {
    MutableRoaringBitmap entries = DeadCode.ofKinds(g, List.of("main"));
    RoaringBitmap dead = DeadCode.unreachable(graph, DeadCode.ofKinds(g, List.of("method", "fn")), entries, null);
    int[] depth = m.depths(m.jgrapht(EdgeTypeMask.all(), Direction.FORWARD), entries.toArray());
    RoaringBitmap expected = new RoaringBitmap();
    for (int v = 0; v < m.n; v++) {
      String kind = g.kind(v);
      if ((kind.equals("method") || kind.equals("fn")) && depth[v] < 0) {
        expected.add(v);
      }
    }
    assertEquals(expected, dead);
  }
}
