package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Effect closures against one naive BFS per node, and witness paths against BFS distances. */
class EffectClosureTest {

  static List<MutableRoaringBitmap> randomEffects(Random random, int n, int effects) {
    List<MutableRoaringBitmap> byEffect = new ArrayList<>();
    for (int x = 0; x < effects; x++) {
      MutableRoaringBitmap b = new MutableRoaringBitmap();
      int k = random.nextInt(1 + n / 20);
      for (int i = 0; i < k; i++) {
        b.add(random.nextInt(n));
      }
      byEffect.add(b);
    }
    return byEffect;
  }

  @Test
  void closureMatchesNaiveSearchesWithFewAndManyEffects() {
    Random random = new Random(51);
    for (int round = 0; round < 10; round++) {
      int n = 1 + random.nextInt(600);
      RandomGraph rg = RandomGraph.generate(1000 + round, n, random.nextInt(3 * n + 1), 2);
      int effects = round % 2 == 0 ? 1 + random.nextInt(8) : 65 + random.nextInt(70); // one word, several words
      List<MutableRoaringBitmap> byEffect = randomEffects(random, n, effects);
      EdgeTypeMask calls = EdgeTypeMask.of(0);
      EffectClosure closure = EffectClosure.compute(rg.csr, calls, byEffect);
      assertEquals(effects, closure.effectCount());
      for (int v = 0; v < n; v++) {
        Reach reach = Reachability.reach(rg.csr, new int[] {v}, calls, Direction.FORWARD, -1);
        final int node = v;
        int[] expected = IntStream.range(0, effects)
            .filter(x -> IntStream.range(0, n).anyMatch(w -> reach.contains(w) && byEffect.get(x).contains(w))).toArray();
        assertArrayEquals(expected, closure.effects(v), () -> rg + " node " + node);
        int[] declared = IntStream.range(0, effects).filter(x -> byEffect.get(x).contains(node)).toArray();
        assertArrayEquals(declared, closure.declared(v));
        int[] inherited = IntStream.of(expected).filter(x -> !byEffect.get(x).contains(node)).toArray();
        assertArrayEquals(inherited, closure.inherited(v));
        for (int x : expected) {
          assertTrue(closure.has(v, x));
          NodePath witness = closure.witness(v, x);
          int[] p = witness.nodes();
          assertEquals(v, p[0]);
          assertTrue(byEffect.get(x).contains(p[p.length - 1]), "the witness ends at a declarer");
          for (int i = 0; i + 1 < p.length; i++) {
            assertTrue(rg.hasEdge(p[i], p[i + 1], calls));
          }
          int nearest = IntStream.range(0, n).filter(w -> reach.contains(w) && byEffect.get(x).contains(w))
              .map(reach::depth).min().orElseThrow();
          assertEquals(nearest, witness.length(), "the witness is a shortest one");
        }
      }
      for (int x = 0; x < effects; x++) {
        RoaringBitmap with = closure.nodesWith(x);
        for (int v = 0; v < n; v++) {
          assertEquals(closure.has(v, x), with.contains(v));
        }
      }
    }
  }

  @Test
  void witnessOfAnEffectNotHeldIsEmpty() {
    // 0 calls 1, 1 calls 2, 2 declares effect 0; 3 declares effect 1 and nobody calls it
    CsrGraph g = CsrGraph.fromEdges(4, 1, new int[] {0, 1}, new int[] {1, 2}, null);
    EffectClosure c = EffectClosure.compute(g, null,
        List.of(MutableRoaringBitmap.bitmapOf(2), MutableRoaringBitmap.bitmapOf(3)));
    assertArrayEquals(new int[] {0, 1, 2}, c.witness(0, 0).nodes());
    assertArrayEquals(new int[] {2}, c.witness(2, 0).nodes());
    assertTrue(c.witness(0, 1).isEmpty());
    assertArrayEquals(new int[] {0}, c.inherited(0));
    assertArrayEquals(new int[0], c.declared(0));
    assertArrayEquals(new int[] {1}, c.declared(3));
  }
}
