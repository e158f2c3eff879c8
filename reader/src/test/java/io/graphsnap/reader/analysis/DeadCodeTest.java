package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Dead code against a naive definition: candidates that no entry's search reaches. */
class DeadCodeTest {
  @Test
  void matchesNaiveDefinition() {
    Random random = new Random(61);
    for (int round = 0; round < 10; round++) {
      int n = 1 + random.nextInt(3000);
      RandomGraph rg = RandomGraph.generate(2000 + round, n, random.nextInt(2 * n + 1), 2);
      MutableRoaringBitmap candidates = new MutableRoaringBitmap();
      MutableRoaringBitmap entries = new MutableRoaringBitmap();
      for (int v = 0; v < n; v++) {
        if (random.nextInt(3) == 0) {
          candidates.add(v);
        }
        if (random.nextInt(50) == 0) {
          entries.add(v);
        }
      }
      EdgeTypeMask mask = round % 2 == 0 ? null : EdgeTypeMask.of(1);
      RoaringBitmap expected = new RoaringBitmap();
      var reference = ReachabilityTest.referenceDepths(rg.jgrapht(mask), n, entries.toArray(), -1);
      for (int v : candidates.toArray()) {
        if (reference[v] < 0) {
          expected.add(v);
        }
      }
      assertEquals(expected, DeadCode.unreachable(rg.csr, candidates, entries, mask), rg.toString());
    }
  }
}
