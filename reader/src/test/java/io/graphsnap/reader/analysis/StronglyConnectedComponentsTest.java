package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.junit.jupiter.api.Test;

/** SCCs against JGraphT's Kosaraju on seeded random graphs, plus the reverse-topological numbering. */
class StronglyConnectedComponentsTest {

  static void assertSameAsReference(RandomGraph rg, EdgeTypeMask mask) {
    var reference = new KosarajuStrongConnectivityInspector<>(rg.jgrapht(mask)).stronglyConnectedSets();
    Set<Set<Integer>> expected = new HashSet<>(reference);
    Components components = StronglyConnectedComponents.of(rg.csr, mask);
    Set<Set<Integer>> actual = new HashSet<>();
    for (int c = 0; c < components.count(); c++) {
      int[] members = components.members(c);
      assertEquals(members.length, components.size(c));
      for (int v : members) {
        assertEquals(c, components.component(v));
      }
      actual.add(java.util.Arrays.stream(members).boxed().collect(Collectors.toSet()));
    }
    assertEquals(expected, actual, rg + " " + mask);
    assertEquals(expected.size(), components.count());
    // reverse topological numbering: edges between components go from higher to lower ids
    for (int i = 0; i < rg.sources.length; i++) {
      if (mask == null || mask.contains(rg.types[i])) {
        int cu = components.component(rg.sources[i]);
        int cv = components.component(rg.targets[i]);
        assertTrue(cu >= cv, "edge " + rg.sources[i] + "->" + rg.targets[i] + " goes from component " + cu + " to " + cv);
      }
    }
    // cyclic components: size >= 2, or a self-loop
    for (int c = 0; c < components.count(); c++) {
      int[] m = components.members(c);
      boolean loop = m.length == 1 && rg.hasEdge(m[0], m[0], mask);
      assertEquals(m.length > 1 || loop, components.isCyclic(c));
      if (m.length == 1) {
        assertEquals(loop, components.hasSelfLoop(m[0]));
      }
    }
  }

  @Test
  void partitionMatchesJGraphT() {
    Random random = new Random(11);
    for (int round = 0; round < 25; round++) {
      int n = 1 + random.nextInt(2000);
      RandomGraph rg = RandomGraph.generate(round, n, random.nextInt(4 * n + 1), 1 + random.nextInt(3));
      assertSameAsReference(rg, null);
      assertSameAsReference(rg, EdgeTypeMask.of(0));
    }
  }

  /** A checkpoint is called every CHECKPOINT_NODES visits, the result is unchanged, and what it throws ends the run. */
  @Test
  void aCheckpointIsCalledAsNodesAreVisitedAndCanStopTheSearch() {
    int n = 5 * StronglyConnectedComponents.CHECKPOINT_NODES + 7;
    int[] from = new int[n];
    int[] to = new int[n];
    for (int v = 0; v < n; v++) { // one ring: a single component
      from[v] = v;
      to[v] = (v + 1) % n;
    }
    CsrGraph g = CsrGraph.fromEdges(n, 1, from, to, null);
    int[] calls = {0};
    Components c = StronglyConnectedComponents.of(g, null, () -> calls[0]++);
    assertEquals(5, calls[0]);
    assertEquals(1, c.count());
    assertEquals(n, c.members(c.largest()).length);
    RuntimeException stop = new RuntimeException("superseded");
    try {
      StronglyConnectedComponents.of(g, null, () -> {
        throw stop;
      });
      throw new AssertionError("expected the checkpoint's exception");
    } catch (RuntimeException e) {
      assertTrue(e == stop, e.toString());
    }
  }

  @Test
  void cyclesListLargestFirstWithTheMinimumSize() {
    // components {0,1,2}, {3,4}, {5} with a self-loop, {6,7}, 8 alone
    CsrGraph g = CsrGraph.fromEdges(9, 1,
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 2, 8},
        new int[] {1, 2, 0, 4, 3, 5, 7, 6, 3, 0}, null);
    Components c = StronglyConnectedComponents.of(g, null);
    assertEquals(5, c.count());
    int[] cycles = c.cyclic(2);
    assertEquals(3, cycles.length);
    assertArrayEquals(new int[] {0, 1, 2}, c.members(cycles[0]));
    assertArrayEquals(new int[] {3, 4}, c.members(cycles[1]));
    assertArrayEquals(new int[] {6, 7}, c.members(cycles[2]));
    int[] withLoops = c.cyclic(1);
    assertEquals(4, withLoops.length);
    assertArrayEquals(new int[] {5}, c.members(withLoops[3]));
    assertFalse(c.isCyclic(c.component(8)));
    assertEquals(c.component(0), c.largest());
    assertTrue(c.component(8) > c.component(0), "8 -> 0: the source's component has the larger id");
  }
}
