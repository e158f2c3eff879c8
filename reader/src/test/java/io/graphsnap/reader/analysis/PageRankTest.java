package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.Test;

/**
 * PageRank against JGraphT's (which spreads dangling mass uniformly, like ours without personalisation) and,
 * for personalised runs, against a naive dense power iteration written from NetworkX's definition. Both
 * sides are iterated far past the point where their stopping rules differ (JGraphT: max change; ours: L1).
 */
class PageRankTest {
  static final double AGREEMENT = 1e-9;

  @Test
  void matchesJGraphTOnRandomGraphs() {
    Random random = new Random(31);
    for (int round = 0; round < 12; round++) {
      int n = 1 + random.nextInt(1500);
      RandomGraph rg = RandomGraph.generate(700 + round, n, random.nextInt(5 * n + 1), 1 + random.nextInt(3));
      for (EdgeTypeMask mask : new EdgeTypeMask[] {null, EdgeTypeMask.of(0)}) {
        double damping = round % 3 == 0 ? 0.5 : 0.85;
        Map<Integer, Double> expected = new PageRank<Integer, DefaultWeightedEdge>(rg.jgraphtWeighted(mask), damping, 100_000, 1e-15).getScores();
        PageRankResult actual = io.graphsnap.reader.analysis.PageRank.on(rg.csr).types(mask).damping(damping)
            .tolerance(1e-14).maxIterations(100_000).run();
        assertTrue(actual.converged(), actual::toString);
        double sum = 0;
        for (int v = 0; v < n; v++) {
          final int node = v;
          assertEquals(expected.get(v), actual.rank(v), AGREEMENT, () -> rg + " " + mask + " node " + node);
          sum += actual.rank(v);
        }
        assertEquals(1.0, sum, 1e-9);
      }
    }
  }

  @Test
  void personalisedMatchesNetworkXDefinition() {
    Random random = new Random(32);
    for (int round = 0; round < 10; round++) {
      int n = 2 + random.nextInt(800);
      RandomGraph rg = RandomGraph.generate(900 + round, n, random.nextInt(4 * n + 1), 2);
      EdgeTypeMask mask = round % 2 == 0 ? null : EdgeTypeMask.of(1);
      double[] weights = new double[n];
      int[] seeds = random.ints(1 + random.nextInt(3), 0, n).toArray();
      for (int s : seeds) {
        weights[s] = 1;
      }
      double[] expected = naive(rg, mask, 0.85, weights, 5000);
      PageRankResult bySeeds = io.graphsnap.reader.analysis.PageRank.on(rg.csr).types(mask).seeds(seeds)
          .tolerance(1e-14).maxIterations(5000).run();
      double[] general = new double[n];
      for (int v = 0; v < n; v++) {
        general[v] = weights[v] * 7.5; // normalised away
      }
      PageRankResult byVector = io.graphsnap.reader.analysis.PageRank.on(rg.csr).types(mask).personalization(general)
          .tolerance(1e-14).maxIterations(5000).run();
      for (int v = 0; v < n; v++) {
        assertEquals(expected[v], bySeeds.rank(v), AGREEMENT, rg + " node " + v);
        assertEquals(expected[v], byVector.rank(v), AGREEMENT, rg + " node " + v);
      }
    }
  }

  /**
   * NetworkX's {@code pagerank} (dangling=None, nstart=None) in the plainest form: x = 1/N; repeat
   * x' = d (x A + Σ_dangling x · p) + (1 − d) p, A the row-normalised adjacency of the distinct typed edges
   * (a pair linked by two selected types counts twice).
   */
  static double[] naive(RandomGraph rg, EdgeTypeMask mask, double d, double[] weights, int iterations) {
    int n = rg.nodes;
    Set<Long> distinct = new HashSet<>();
    IntArrayList from = new IntArrayList();
    IntArrayList to = new IntArrayList();
    int[] outDegree = new int[n];
    for (int i = 0; i < rg.sources.length; i++) {
      long triple = ((long) rg.sources[i] * n + rg.targets[i]) * 256 + (rg.types[i] & 0xFF);
      if ((mask == null || mask.contains(rg.types[i])) && distinct.add(triple)) {
        from.add(rg.sources[i]);
        to.add(rg.targets[i]);
        outDegree[rg.sources[i]]++;
      }
    }
    double total = Arrays.stream(weights).sum();
    double[] p = Arrays.stream(weights).map(w -> w / total).toArray();
    double[] x = new double[n];
    Arrays.fill(x, 1.0 / n);
    for (int it = 0; it < iterations; it++) {
      double danglingMass = 0;
      for (int v = 0; v < n; v++) {
        if (outDegree[v] == 0) {
          danglingMass += x[v];
        }
      }
      double[] next = new double[n];
      for (int e = 0; e < from.size(); e++) {
        next[to.getInt(e)] += x[from.getInt(e)] / outDegree[from.getInt(e)];
      }
      for (int v = 0; v < n; v++) {
        next[v] = d * (next[v] + danglingMass * p[v]) + (1 - d) * p[v];
      }
      x = next;
    }
    return x;
  }

  /**
   * The gather's three shapes of rows (see {@code PageRankGather}): runs of short rows that share one window,
   * rows that end exactly at a window's end, and rows longer than a window (node 0 receives an edge from every
   * node: several windows; node 1 exactly one window's worth), with and without a type filter, on one thread
   * and in parallel: every rank as the naive power iteration gives it after the same number of iterations.
   */
  @Test
  void rowsLongerThanAWindowAndRunsOfShortRowsMatchTheNaiveIteration() {
    int window = Blocks.EDGE_WINDOW;
    int n = 3 * window + 17;
    Random random = new Random(44);
    int edges = n + window + 6 * n;
    int[] s = new int[edges];
    int[] t = new int[edges];
    byte[] ty = new byte[edges];
    int e = 0;
    for (int v = 0; v < n; v++, e++) {
      s[e] = v;
      t[e] = 0;
      ty[e] = (byte) (v % 2);
    }
    for (int v = 2; v < window + 2; v++, e++) {
      s[e] = v;
      t[e] = 1;
    }
    for (; e < edges; e++) {
      s[e] = random.nextInt(n);
      t[e] = 2 + random.nextInt(n - 2);
      ty[e] = (byte) random.nextInt(2);
    }
    RandomGraph rg = RandomGraph.of(n, 2, s, t, ty);
    assertTrue(rg.csr.reverse().degree(0) > 2 * window, "node 0's row spans several windows");
    assertEquals(window, rg.csr.reverse().degree(1), "node 1's row is exactly one window");
    double[] uniform = new double[n];
    Arrays.fill(uniform, 1);
    for (EdgeTypeMask mask : new EdgeTypeMask[] {null, EdgeTypeMask.of(1)}) {
      double[] expected = naive(rg, mask, 0.85, uniform, 30);
      for (boolean parallel : new boolean[] {false, true}) {
        PageRankResult actual = io.graphsnap.reader.analysis.PageRank.on(rg.csr).types(mask).parallel(parallel)
            .tolerance(0).maxIterations(30).run();
        assertEquals(30, actual.iterations());
        for (int v = 0; v < n; v++) {
          assertEquals(expected[v], actual.rank(v), 1e-12 * expected[v], mask + " parallel=" + parallel + " node " + v);
        }
      }
    }
  }

  @Test
  void parallelAndSequentialGiveIdenticalBits() {
    RandomGraph rg = RandomGraph.generate(41, 50_000, 300_000, 2);
    PageRankResult a = io.graphsnap.reader.analysis.PageRank.on(rg.csr).parallel(true).run();
    PageRankResult b = io.graphsnap.reader.analysis.PageRank.on(rg.csr).parallel(false).run();
    assertArrayEquals(a.ranks(), b.ranks());
    assertEquals(a.iterations(), b.iterations());
    assertTrue(Chunks.balanced(rg.csr.reverse(), 1).length > 2, "the graph is split into several chunks");
  }

  @Test
  void listenerSeesEveryIterationAndTheLimitIsReported() {
    RandomGraph rg = RandomGraph.generate(42, 300, 1200, 1);
    IntArrayList iterations = new IntArrayList();
    double[] last = {Double.NaN};
    PageRankResult r = io.graphsnap.reader.analysis.PageRank.on(rg.csr).tolerance(1e-10).maxIterations(1000)
        .listener((i, change) -> {
          iterations.add(i);
          last[0] = change;
        }).run();
    assertTrue(r.converged());
    assertEquals(r.iterations(), iterations.size());
    for (int i = 0; i < iterations.size(); i++) {
      assertEquals(i + 1, iterations.getInt(i));
    }
    assertEquals(r.lastChange(), last[0]);
    assertTrue(last[0] < 1e-10);
    PageRankResult limited = io.graphsnap.reader.analysis.PageRank.on(rg.csr).tolerance(0).maxIterations(3).run();
    assertFalse(limited.converged());
    assertEquals(3, limited.iterations());
    PageRankResult none = io.graphsnap.reader.analysis.PageRank.on(rg.csr).maxIterations(0).run();
    assertEquals(1.0 / 300, none.rank(7));
  }

  @Test
  void topIsDescendingWithTiesById() {
    // 1, 2, 3 all point at 0; 4 and 5 are isolated (tied)
    CsrGraph g = CsrGraph.fromEdges(6, 1, new int[] {1, 2, 3}, new int[] {0, 0, 0}, null);
    PageRankResult r = io.graphsnap.reader.analysis.PageRank.on(g).tolerance(1e-14).run();
    int[] top = r.top(4);
    assertEquals(0, top[0]);
    assertArrayEquals(new int[] {0, 1, 2, 3}, top, "ties (1..5 equal) by id");
    assertEquals(6, r.top(100).length);
    assertEquals(0, r.top(0).length);
    for (int v = 1; v < 6; v++) {
      assertEquals(r.rank(1), r.rank(v), 1e-15);
    }
    assertTrue(r.rank(0) > r.rank(1));
  }

  @Test
  void edgelessAndEmptyGraphs() {
    CsrGraph g = CsrGraph.fromEdges(4, 1, new int[0], new int[0], null);
    PageRankResult r = io.graphsnap.reader.analysis.PageRank.on(g).run();
    for (int v = 0; v < 4; v++) {
      assertEquals(0.25, r.rank(v), 1e-15);
    }
    assertTrue(r.converged());
    assertEquals(0, io.graphsnap.reader.analysis.PageRank.on(CsrGraph.fromEdges(0, 1, new int[0], new int[0], null))
        .run().nodeCount());
  }

  @Test
  void rejectsBadParameters() {
    CsrGraph g = CsrGraph.fromEdges(2, 1, new int[] {0}, new int[] {1}, null);
    var pr = io.graphsnap.reader.analysis.PageRank.on(g);
    assertThrows(IllegalArgumentException.class, () -> pr.damping(1.5));
    assertThrows(IllegalArgumentException.class, () -> pr.tolerance(-1));
    assertThrows(IllegalArgumentException.class, () -> pr.maxIterations(-1));
    assertThrows(IllegalArgumentException.class, () -> pr.personalization(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> pr.personalization(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> pr.personalization(new double[] {1, -1}));
    assertThrows(IndexOutOfBoundsException.class, () -> pr.seeds(2));
    assertThrows(IllegalArgumentException.class, () -> pr.seeds());
  }
}
