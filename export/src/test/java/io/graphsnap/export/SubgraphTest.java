package io.graphsnap.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neighbourhoods against a naive BFS, the node limit, type filters, and the DOT file of a neighbourhood. */
class SubgraphTest {
  @TempDir Path dir;

  @Test
  void neighbourhoodsMatchANaiveSearchInEveryDirection() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 7, 15, 20, 2))) {
      for (Neighbourhood d : Neighbourhood.values()) {
        for (int depth = 0; depth <= 3; depth++) {
          for (int centre : new int[] {0, 17, g.nodeCount() - 1}) {
            Subgraph s = Subgraph.around(g, centre, depth, d, List.of("calls", "references"), Integer.MAX_VALUE);
            Set<Integer> expected = naive(g, centre, depth, d, Set.of("calls", "references"));
            Set<Integer> actual = new TreeSet<>();
            s.nodeIds().forEachRemaining((int v) -> actual.add(v));
            assertEquals(expected, actual, d + " depth " + depth + " from " + centre);
            assertFalse(s.truncated());
            assertEquals(centre, s.center());
          }
        }
      }
    }
  }

  @Test
  void nodeLimitTruncatesNearestFirst() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 8, 15, 20, 3))) {
      Subgraph s = Subgraph.around(g, 0, 5, Neighbourhood.BOTH, List.of(), 10);
      assertEquals(10, s.nodeCount());
      assertTrue(s.truncated());
      Set<Integer> depthOne = naive(g, 0, 1, Neighbourhood.BOTH, Set.copyOf(g.edgeTypes()));
      if (depthOne.size() >= 10) {
        s.nodeIds().forEachRemaining((int v) -> assertTrue(depthOne.contains(v), v + " is not a neighbour of 0"));
      }
    }
  }

  @Test
  void unknownTypesAndBadArgumentsAreRejected() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 9, 2, 5, 1))) {
      var e = assertThrows(IllegalArgumentException.class, () -> Subgraph.whole(g, List.of("nope")));
      assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("calls"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Subgraph.around(g, 0, -1, Neighbourhood.BOTH, List.of(), 5));
      assertThrows(IndexOutOfBoundsException.class, () -> Subgraph.around(g, -1, 1, Neighbourhood.BOTH, List.of(), 5));
      assertEquals(g.edgeCount(g.edgeTypeId("calls")), Subgraph.whole(g, List.of("calls")).edgeCountIfKnown());
    }
  }

  @Test
  void dotOfANeighbourhoodHasItsNodesAndInnerEdges() throws Exception {
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 10, 15, 20, 2))) {
      int centre = g.node(TestGraphs.name(5));
      Subgraph s = Subgraph.around(g, centre, 1, Neighbourhood.FORWARD, List.of(), 1000);
      ExportResult r = new DotExporter().export(g, s, dir, ExportListener.NONE);
      String dot = Files.readString(dir.resolve(DotExporter.FILE), StandardCharsets.UTF_8);
      assertTrue(dot.startsWith("// graphsnap: neighbourhood of "), dot);
      assertTrue(dot.contains("digraph graphsnap {"));
      assertTrue(dot.contains("  n" + centre + " [label=\"" + DotExporter.quote(g.name(centre)) + "\\n"), dot);
      assertTrue(dot.contains("fillcolor"), "centre highlighted");
      long nodeLines = dot.lines().filter(l -> l.matches("  n\\d+ \\[label=.*")).count();
      long edgeLines = dot.lines().filter(l -> l.matches("  n\\d+ -> n\\d+ .*")).count();
      assertEquals(s.nodeCount(), nodeLines);
      assertEquals(r.edges(), edgeLines);
      // Every out-edge of the centre is inside a depth-1 forward neighbourhood.
      assertTrue(r.edges() >= g.outDegree(centre));
      assertTrue(dot.endsWith("}\n"));
    }
  }

  static Set<Integer> naive(GraphSnapshot g, int centre, int depth, Neighbourhood d, Set<String> types) {
    Set<Integer> seen = new TreeSet<>(List.of(centre));
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    queue.add(new int[] {centre, 0});
    while (!queue.isEmpty()) {
      int[] item = queue.poll();
      if (item[1] == depth) {
        continue;
      }
      for (EdgeCursor c : d == Neighbourhood.BOTH ? List.of(g.out(item[0]), g.in(item[0]))
          : List.of(d == Neighbourhood.FORWARD ? g.out(item[0]) : g.in(item[0]))) {
        for (int w = c.next(); w >= 0; w = c.next()) {
          if (types.contains(g.edgeTypes().get(c.type())) && seen.add(w)) {
            queue.add(new int[] {w, item[1] + 1});
          }
        }
      }
    }
    return seen;
  }
}
