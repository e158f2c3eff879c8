package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link SmallestK} keeps exactly the k smallest (key, id) pairs, in order, whatever k and the input. */
class SmallestKTest {
  @Test
  void topKEqualsSortingEverything() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 500; trial++) {
      int n = random.nextInt(300);
      int k = switch (trial % 5) {
        case 0 -> 0;
        case 1 -> 1;
        case 2 -> random.nextInt(20) + 1;
        case 3 -> n;
        default -> n + random.nextInt(50) + 1;
      };
      long[] keys = new long[n];
      int[] ids = IntStream.range(0, n).map(i -> random.nextInt(1000)).distinct().toArray();
      keys = Arrays.copyOf(keys, ids.length);
      int keyRange = trial % 2 == 0 ? 4 : Integer.MAX_VALUE; // many ties, or few
      SmallestK top = new SmallestK(k);
      Integer[] order = new Integer[ids.length];
      for (int i = 0; i < ids.length; i++) {
        keys[i] = random.nextInt(keyRange);
        top.offer(keys[i], ids[i]);
        order[i] = i;
      }
      long[] finalKeys = keys;
      Arrays.sort(order, Comparator.<Integer>comparingLong(i -> finalKeys[i]).thenComparingInt(i -> ids[i]));
      int[] expected = Arrays.stream(order).limit(k).mapToInt(i -> ids[i]).toArray();
      assertArrayEquals(expected, top.drain(), "trial " + trial + ": n=" + n + ", k=" + k);
    }
  }

  @Test
  void descendingKeysOrderDoublesLargestFirstAsDoubleCompareDoes() {
    double[] values = {Double.NaN, Double.POSITIVE_INFINITY, 1.5, 1e-300, Double.MIN_VALUE, 0.0, -0.0, -2.0,
        Double.NEGATIVE_INFINITY};
    for (int i = 0; i + 1 < values.length; i++) {
      org.junit.jupiter.api.Assertions.assertTrue(
          SmallestK.descending(values[i]) < SmallestK.descending(values[i + 1]), values[i] + " before " + values[i + 1]);
    }
  }
}
