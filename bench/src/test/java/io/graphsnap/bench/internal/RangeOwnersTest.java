package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeOwnersTest {
  @Test
  void everyValueHasTheOwnerABinarySearchFinds() {
    SplittableRandom r = new SplittableRandom(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(300);
      long[] start = new long[n + 1];
      int maxWidth = 1 + r.nextInt(40);
      for (int f = 0; f < n; f++) {
        start[f + 1] = start[f] + (r.nextInt(4) == 0 ? 0 : r.nextInt(maxWidth)); // empty ranges too
      }
      RangeOwners owners = new RangeOwners(start, n);
      for (long g = 0; g < start[n]; g++) {
        assertEquals(binarySearch(start, n, g), owners.owner(g), "g " + g + " of trial " + trial);
      }
    }
  }

  /** The last f < n with start[f] <= g. */
  private static int binarySearch(long[] start, int n, long g) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
