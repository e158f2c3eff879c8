package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A 10 M-node path and a 10 M-node star: the iterative SCC and the searches must not overflow the stack or run
 * out of the default heap. (No timing assertions; these take a few seconds each.)
 */
class HugeGraphTest {
  static final int N = 10_000_000;

  @Test
  void tenMillionNodePath() {
    int[] s = new int[N - 1];
    int[] t = new int[N - 1];
    for (int i = 0; i < N - 1; i++) {
      s[i] = i;
      t[i] = i + 1;
    }
    CsrGraph path = CsrGraph.fromEdges(N, 1, s, t, null);
    s = null;
    t = null;
    Components c = StronglyConnectedComponents.of(path, null);
    assertEquals(N, c.count());
    assertEquals(0, c.cyclic(1).length);
    assertEquals(0, c.component(N - 1), "the sink completes first");
    Reach reach = Reachability.reach(path, new int[] {0}, null, Direction.FORWARD, -1);
    assertEquals(N, reach.count());
    assertEquals(N - 1, reach.depth(N - 1));
    Reach back = Reachability.reach(path, new int[] {N - 1}, null, Direction.REVERSE, 10);
    assertEquals(11, back.count());
    assertEquals(N - 1, ShortestPaths.between(path, 0, N - 1, null, Direction.FORWARD).length());
    EffectClosure closure = EffectClosure.compute(path, null, List.of(MutableRoaringBitmap.bitmapOf(N - 1)));
    assertTrue(closure.has(0, 0));
    assertEquals(N - 1, closure.witness(0, 0).length());
    PageRankResult pr = PageRank.on(path).tolerance(0).maxIterations(3).run();
    assertEquals(3, pr.iterations());
  }

  @Test
  void tenMillionNodeStarBothWays() {
    int[] hub = new int[N - 1];
    int[] leaves = new int[N - 1];
    for (int i = 0; i < N - 1; i++) {
      leaves[i] = i + 1;
    }
    CsrGraph out = CsrGraph.fromEdges(N, 1, hub, leaves, null);
    Components c = StronglyConnectedComponents.of(out, null);
    assertEquals(N, c.count());
    Reach reach = Reachability.reach(out, new int[] {0}, null, Direction.FORWARD, -1);
    assertEquals(N, reach.count());
    assertEquals(1, reach.depth(N / 2));
    assertEquals(2, reach.levels());
    out = null;
    // every leaf points back at the hub: one giant component
    int[] s = new int[2 * (N - 1)];
    int[] t = new int[2 * (N - 1)];
    for (int i = 0; i < N - 1; i++) {
      s[2 * i] = 0;
      t[2 * i] = i + 1;
      s[2 * i + 1] = i + 1;
      t[2 * i + 1] = 0;
    }
    CsrGraph both = CsrGraph.fromEdges(N, 1, s, t, null);
    s = null;
    t = null;
    Components one = StronglyConnectedComponents.of(both, null);
    assertEquals(1, one.count());
    assertEquals(N, one.size(0));
    Reach fromLeaf = Reachability.reach(both, new int[] {5}, null, Direction.REVERSE, -1);
    assertEquals(N, fromLeaf.count());
    assertEquals(2, fromLeaf.depth(7));
    PageRankResult pr = PageRank.on(both).tolerance(0).maxIterations(4).run();
    assertEquals(4, pr.iterations());
    assertEquals(0, pr.top(1)[0]);
  }
}
