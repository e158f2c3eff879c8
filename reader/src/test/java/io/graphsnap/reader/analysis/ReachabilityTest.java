package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Reachability against JGraphT's BFS on seeded random graphs, in both directions, filtered and depth-limited. */
class ReachabilityTest {

  /**
   * JGraphT's BFS depths (-1 unreached) from {@code sources}, cut at {@code maxDepth}. JGraphT's multi-start
   * iterator exhausts one start's component before the next, so the sources hang off a super-source instead.
   */
  static int[] referenceDepths(Graph<Integer, DefaultEdge> g, int n, int[] sources, int maxDepth) {
    int[] depth = new int[n];
    Arrays.fill(depth, -1);
    if (sources.length == 0) {
      return depth;
    }
    Graph<Integer, DefaultEdge> withRoot = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.vertexSet().forEach(withRoot::addVertex);
    for (DefaultEdge e : g.edgeSet()) {
      withRoot.addEdge(g.getEdgeSource(e), g.getEdgeTarget(e));
    }
    withRoot.addVertex(-1);
    for (int s : sources) {
      withRoot.addEdge(-1, s);
    }
    BreadthFirstIterator<Integer, DefaultEdge> it = new BreadthFirstIterator<>(withRoot, -1);
    while (it.hasNext()) {
      int v = it.next();
      int d = it.getDepth(v) - 1;
      if (v >= 0 && (maxDepth < 0 || d <= maxDepth)) {
        depth[v] = d;
      }
    }
    return depth;
  }

  static void assertSameAsReference(RandomGraph rg, int[] sources, EdgeTypeMask mask, Direction dir, int maxDepth) {
    assertSameAsReference(rg, rg.jgrapht(mask, dir), sources, mask, dir, maxDepth);
  }

  static void assertSameAsReference(RandomGraph rg, Graph<Integer, DefaultEdge> reference, int[] sources,
      EdgeTypeMask mask, Direction dir, int maxDepth) {
    int[] expected = referenceDepths(reference, rg.nodes, sources, maxDepth);
    Reach reach = Reachability.reach(rg.csr, sources, mask, dir, maxDepth);
    String what = rg + " sources=" + sources.length + " mask=" + mask + " " + dir + " maxDepth=" + maxDepth;
    int count = 0;
    RoaringBitmap bitmap = reach.toBitmap();
    for (int v = 0; v < rg.nodes; v++) {
      final int node = v;
      assertEquals(expected[v], reach.depth(v), () -> what + ": depth of " + node);
      assertEquals(expected[v] >= 0, reach.contains(v), what);
      assertEquals(expected[v] >= 0, bitmap.contains(v), what);
      count += expected[v] >= 0 ? 1 : 0;
    }
    assertEquals(count, reach.count(), what);
    int[] ordered = reach.nodes();
    assertEquals(count, ordered.length);
    for (int i = 1; i < ordered.length; i++) {
      int a = ordered[i - 1];
      int b = ordered[i];
      assertTrue(expected[a] < expected[b] || (expected[a] == expected[b] && a < b), what + ": (depth, id) order");
    }
    int levels = Arrays.stream(expected).max().orElse(-1) + 1;
    assertEquals(levels, reach.levels(), what);
    for (int d = 0; d < levels; d++) {
      final int depth = d;
      int[] atDepth = java.util.stream.IntStream.range(0, rg.nodes).filter(v -> expected[v] == depth).toArray();
      assertArrayEquals(atDepth, reach.nodesAtDepth(d), what);
      assertEquals(atDepth.length, reach.countAtDepth(d));
    }
  }

  @Test
  void singleSourcesMatchJGraphT() {
    Random random = new Random(1);
    for (int round = 0; round < 12; round++) {
      RandomGraph rg = RandomGraph.generate(100 + round, 50 + random.nextInt(400), random.nextInt(2000), 1 + random.nextInt(3));
      for (Direction dir : Direction.values()) {
        int source = random.nextInt(rg.nodes);
        assertSameAsReference(rg, new int[] {source}, null, dir, -1);
        assertSameAsReference(rg, new int[] {source}, EdgeTypeMask.of(0), dir, -1);
        assertSameAsReference(rg, new int[] {source}, null, dir, random.nextInt(4));
      }
    }
  }

  @Test
  void manySourcesGoBottomUpAndMatchJGraphT() {
    Random random = new Random(2);
    // big enough for several parallel bottom-up chunks (N + E well above Chunks.MIN_CHUNK_WORK)
    RandomGraph rg = RandomGraph.generate(5, 20_000, 80_000, 3);
    assertTrue(Chunks.balanced(rg.csr.forward(), 64).length > 2, "several chunks: bottom-up levels run in parallel");
    EdgeTypeMask someTypes = EdgeTypeMask.of(1, 2);
    for (Direction dir : Direction.values()) {
      Graph<Integer, DefaultEdge> all = rg.jgrapht(null, dir);
      int[] sources = random.ints(200, 0, rg.nodes).toArray();
      assertSameAsReference(rg, all, sources, null, dir, -1);
      assertTrue(Reachability.reach(rg.csr, sources, null, dir, -1).bottomUpLevels() > 0, "bottom-up was exercised");
      assertSameAsReference(rg, rg.jgrapht(someTypes, dir), sources, someTypes, dir, -1);
      assertSameAsReference(rg, all, sources, null, dir, 2);
      assertSameAsReference(rg, all, new int[] {sources[0]}, null, dir, -1);
    }
  }

  @Test
  void denseSmallGraphsSwitchBackAndForth() {
    Random random = new Random(3);
    int bottomUp = 0;
    for (int round = 0; round < 30; round++) {
      int n = 64 + random.nextInt(3000);
      RandomGraph rg = RandomGraph.generate(300 + round, n, n * (1 + random.nextInt(12)), 2);
      int[] sources = random.ints(1 + random.nextInt(5), 0, n).toArray();
      assertSameAsReference(rg, sources, null, Direction.FORWARD, -1);
      assertSameAsReference(rg, sources, EdgeTypeMask.of(1), Direction.REVERSE, -1);
      bottomUp += Reachability.reach(rg.csr, sources, null, Direction.FORWARD, -1).bottomUpLevels();
    }
    assertTrue(bottomUp > 0, "some searches went bottom-up");
  }

  @Test
  void edgeCases() {
    RandomGraph rg = RandomGraph.generate(9, 100, 300, 2);
    Reach none = Reachability.reach(rg.csr, new int[0], null, Direction.FORWARD, -1);
    assertEquals(0, none.count());
    assertEquals(0, none.levels());
    assertEquals(-1, none.depth(5));
    Reach self = Reachability.reach(rg.csr, new int[] {3, 3}, EdgeTypeMask.none(), Direction.FORWARD, -1);
    assertEquals(1, self.count());
    assertEquals(0, self.depth(3));
    Reach zero = Reachability.reach(rg.csr, new int[] {3, 4}, null, Direction.FORWARD, 0);
    assertArrayEquals(new int[] {3, 4}, zero.nodes());
    assertFalse(zero.contains(0) && rg.csr.forward().degree(3) == 0);
    assertThrows(IndexOutOfBoundsException.class,
        () -> Reachability.reach(rg.csr, new int[] {100}, null, Direction.FORWARD, -1));
    CsrGraph empty = CsrGraph.fromEdges(0, 1, new int[0], new int[0], null);
    assertEquals(0, Reachability.reach(empty, new int[0], null, Direction.REVERSE, -1).count());
  }
}
