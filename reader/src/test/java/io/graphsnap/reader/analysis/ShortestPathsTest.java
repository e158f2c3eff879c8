package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

/** Shortest path lengths against JGraphT's BFS shortest paths; our paths are checked edge by edge. */
class ShortestPathsTest {

  @Test
  void lengthsMatchJGraphTAndPathsAreReal() {
    Random random = new Random(21);
    for (int round = 0; round < 15; round++) {
      int n = 2 + random.nextInt(1500);
      RandomGraph rg = RandomGraph.generate(50 + round, n, random.nextInt(3 * n), 1 + random.nextInt(3));
      EdgeTypeMask[] masks = {null, EdgeTypeMask.of(0)};
      for (EdgeTypeMask mask : masks) {
        for (Direction dir : Direction.values()) {
          Graph<Integer, DefaultEdge> ref = rg.jgrapht(mask, dir);
          BFSShortestPath<Integer, DefaultEdge> bfs = new BFSShortestPath<>(ref);
          for (int q = 0; q < 20; q++) {
            int from = random.nextInt(n);
            int to = random.nextInt(n);
            GraphPath<Integer, DefaultEdge> expected = bfs.getPath(from, to);
            NodePath actual = ShortestPaths.between(rg.csr, from, to, mask, dir);
            String what = rg + " " + mask + " " + dir + " " + from + "->" + to;
            if (expected == null) {
              assertTrue(actual.isEmpty(), what + ": " + actual);
              assertEquals(-1, actual.length());
              continue;
            }
            assertEquals(expected.getLength(), actual.length(), what);
            int[] p = actual.nodes();
            assertEquals(from, p[0]);
            assertEquals(to, p[p.length - 1]);
            for (int i = 0; i + 1 < p.length; i++) {
              int a = dir == Direction.FORWARD ? p[i] : p[i + 1];
              int b = dir == Direction.FORWARD ? p[i + 1] : p[i];
              int type = actual.edgeTypes()[i];
              assertTrue(mask == null || mask.contains(type), what);
              assertTrue(rg.hasEdge(a, b, EdgeTypeMask.of(type)), what + ": step " + a + "->" + b + " of type " + type);
            }
          }
        }
      }
    }
  }

  @Test
  void trivialAndMissingPaths() {
    // 0 -1-> 1, 1 -0-> 2, 0 -0-> 2, and node 3 alone
    CsrGraph g = CsrGraph.fromEdges(4, 2, new int[] {0, 1, 0}, new int[] {1, 2, 2}, new byte[] {1, 0, 0});
    assertEquals(new NodePath(new int[] {2}, new int[0]), ShortestPaths.between(g, 2, 2, null, Direction.FORWARD));
    assertEquals(0, ShortestPaths.between(g, 2, 2, null, Direction.FORWARD).length());
    assertEquals(new NodePath(new int[] {0, 2}, new int[] {0}), ShortestPaths.between(g, 0, 2, null, Direction.FORWARD));
    assertEquals(new NodePath(new int[] {2, 0}, new int[] {0}), ShortestPaths.between(g, 2, 0, null, Direction.REVERSE));
    assertEquals(new NodePath(new int[] {0, 1}, new int[] {1}),
        ShortestPaths.between(g, 0, 1, EdgeTypeMask.of(1), Direction.FORWARD));
    assertTrue(ShortestPaths.between(g, 0, 2, EdgeTypeMask.of(1), Direction.FORWARD).isEmpty());
    assertTrue(ShortestPaths.between(g, 0, 3, null, Direction.FORWARD).isEmpty());
    assertTrue(ShortestPaths.between(g, 2, 0, null, Direction.FORWARD).isEmpty());
    assertEquals(new NodePath(new int[] {0, 1}, new int[] {1}),
        ShortestPaths.nearest(g, 0, v -> v == 1 || v == 3, null, Direction.FORWARD));
  }

  @Test
  void largeSparseSearchesSwitchToDenseParents() {
    int n = 200_000;
    int[] s = new int[n - 1];
    int[] t = new int[n - 1];
    for (int i = 0; i + 1 < n; i++) {
      s[i] = i;
      t[i] = i + 1;
    }
    CsrGraph path = CsrGraph.fromEdges(n, 1, s, t, null);
    NodePath p = ShortestPaths.between(path, 10, n - 1, null, Direction.FORWARD);
    assertEquals(n - 11, p.length());
    assertEquals(n - 1, p.nodes()[p.nodes().length - 1]);
    assertEquals(3, ShortestPaths.between(path, 100, 103, null, Direction.FORWARD).length());
  }
}
