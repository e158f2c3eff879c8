package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfRanksTest {
  @Test
  void drawsTheRanksOfTheFormulaWorkedOutAtEveryDraw() {
    for (double s : new double[] {0.8, 0.9, 1.0, 1.2}) {
      for (long n : new long[] {1, 2, 64, 1_000, 812_345, 80_000_000}) {
        ZipfRanks ranks = new ZipfRanks(n, s);
        long seed = n * 31 + (long) (s * 10);
        SplittableRandom viaRanks = new SplittableRandom(seed);
        SplittableRandom viaFormula = new SplittableRandom(seed);
        SplittableRandom viaPowerLaw = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
          long expected = formula(viaFormula, n, s);
          assertEquals(expected, ranks.sample(viaRanks), "n " + n + " s " + s + " draw " + i);
          assertEquals(expected, PowerLaw.zipf(viaPowerLaw, n, s), "n " + n + " s " + s + " draw " + i);
        }
      }
    }
  }

  /** PowerLaw.zipf as it was first written: the constants worked out at every draw. */
  private static long formula(SplittableRandom random, long n, double s) {
    double u = random.nextDouble();
    double x;
    if (Math.abs(s - 1.0) < 1e-9) {
      x = Math.exp(u * Math.log(n + 1.0));
    } else {
      double top = Math.pow(n + 1.0, 1.0 - s);
      x = Math.pow(1.0 + u * (top - 1.0), 1.0 / (1.0 - s));
    }
    long rank = (long) x - 1;
    return rank < 0 ? 0 : Math.min(rank, n - 1);
  }
}
