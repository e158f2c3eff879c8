package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.CsrView;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CsrGraphTest {
  @Test
  void fromEdgesSortsCollapsesAndTransposes() {
    // 0 -1-> 2, 0 -0-> 2, 0 -0-> 1 (twice), 2 -0-> 2 (self-loop)
    CsrGraph g = CsrGraph.fromEdges(3, 2, new int[] {0, 0, 0, 0, 2}, new int[] {2, 2, 1, 1, 2},
        new byte[] {1, 0, 0, 0, 0});
    assertEquals(4, g.edgeCount());
    CsrView f = g.forward();
    assertEquals(0, f.start(0));
    assertEquals(3, f.end(0));
    // (type, neighbour) order within a node
    assertArrayEquals(new int[] {1, 2, 2}, new int[] {f.neighbour(0), f.neighbour(1), f.neighbour(2)});
    assertArrayEquals(new int[] {0, 0, 1}, new int[] {f.type(0), f.type(1), f.type(2)});
    assertEquals(0, f.degree(1));
    CsrView r = g.reverse();
    assertEquals(1, r.degree(1));
    assertEquals(3, r.degree(2));
    assertEquals(0, r.neighbour(r.start(2)));
    assertEquals(0, r.type(r.start(2)));
    assertTrue(r.isReverse());
  }

  @Test
  void reverseIsTheTransposeOnRandomGraphs() {
    RandomGraph rg = RandomGraph.generate(7, 500, 3000, 3);
    TreeSet<String> forward = new TreeSet<>();
    TreeSet<String> backward = new TreeSet<>();
    for (int v = 0; v < rg.nodes; v++) {
      for (long j = rg.csr.forward().start(v); j < rg.csr.forward().end(v); j++) {
        forward.add(v + ">" + rg.csr.forward().type(j) + ">" + rg.csr.forward().neighbour(j));
      }
      for (long j = rg.csr.reverse().start(v); j < rg.csr.reverse().end(v); j++) {
        backward.add(rg.csr.reverse().neighbour(j) + ">" + rg.csr.reverse().type(j) + ">" + v);
      }
    }
    assertEquals(forward, backward);
    TreeSet<String> distinct = new TreeSet<>();
    for (int i = 0; i < rg.sources.length; i++) {
      distinct.add(rg.sources[i] + ">" + rg.types[i] + ">" + rg.targets[i]);
    }
    assertEquals(distinct, forward);
  }

  @Test
  void rejectsBadEdges() {
    assertThrows(IllegalArgumentException.class, () -> CsrGraph.fromEdges(2, 1, new int[] {0}, new int[] {2}, null));
    assertThrows(IllegalArgumentException.class, () -> CsrGraph.fromEdges(2, 1, new int[] {0}, new int[] {1}, new byte[] {1}));
    assertThrows(IllegalArgumentException.class, () -> CsrGraph.fromEdges(2, 1, new int[] {0}, new int[] {}, null));
    assertThrows(IndexOutOfBoundsException.class, () -> CsrGraph.fromEdges(2, 1, new int[0], new int[0], null).forward().start(2));
  }

  @Test
  void edgeTypeMasks() {
    assertTrue(EdgeTypeMask.all().isAll());
    assertTrue(EdgeTypeMask.none().isNone());
    EdgeTypeMask m = EdgeTypeMask.of(3, 1, 3);
    assertArrayEquals(new int[] {1, 3}, m.ids());
    assertTrue(m.contains(3) && !m.contains(2));
    assertEquals(m, EdgeTypeMask.of(1, 3));
    assertTrue(EdgeTypeMask.of().isNone());
    assertThrows(IllegalArgumentException.class, () -> EdgeTypeMask.of(256));
    assertTrue(EdgeTypeMask.orAll(null).isAll());
  }

  @Test
  void chunksCoverTheRangeInOrder() {
    RandomGraph rg = RandomGraph.generate(3, 40_000, 200_000, 2);
    for (int align : new int[] {1, 64}) {
      int[] b = Chunks.balanced(rg.csr.reverse(), align);
      assertEquals(0, b[0]);
      assertEquals(rg.nodes, b[b.length - 1]);
      assertTrue(b.length > 2, "several chunks for 240k work");
      for (int i = 1; i < b.length; i++) {
        assertTrue(b[i] > b[i - 1]);
        if (i < b.length - 1) {
          assertEquals(0, b[i] % align);
        }
      }
    }
    assertArrayEquals(new int[] {0, 0}, Chunks.balanced(CsrGraph.fromEdges(0, 1, new int[0], new int[0], null).forward(), 64));
  }
}
