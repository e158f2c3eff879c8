package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashFilterTest {
  @Test
  void findsEveryAddedIdAndFewOthers() {
    int n = 100_000;
    SplittableRandom random = new SplittableRandom(20261205);
    long[] added = new long[n];
    HashFilter filter = new HashFilter(n);
    for (int i = 0; i < n; i++) {
      added[i] = random.nextLong();
      filter.add(added[i]);
    }
    for (long hash : added) {
      assertTrue(filter.mightContain(hash), "no false negative");
    }
    int falsePositives = 0;
    for (int i = 0; i < n; i++) {
      if (filter.mightContain(random.nextLong())) {
        falsePositives++;
      }
    }
    assertTrue(falsePositives < n / 100, falsePositives + " false positives in " + n + " (expected about 0.5 %)");
  }

  @Test
  void aFilterForNoIdsHoldsNone() {
    HashFilter filter = new HashFilter(0);
    assertTrue(!filter.mightContain(42L));
  }
}
