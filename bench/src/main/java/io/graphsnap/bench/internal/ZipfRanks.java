package io.graphsnap.bench.internal;

import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks in {@code [0, n)} with exponent {@code s}: {@link PowerLaw#zipf} with the constants of
 * {@code (n, s)} worked out once rather than at every draw (the same double operations, so the same ranks).
 * Immutable; the randomness comes from the caller's generator.
 */
public final class ZipfRanks {
  private final long n;
  private final boolean logarithmic;
  private final double logTop;
  private final double topMinusOne;
  private final double inverseExponent;

  /**
   * The ranks over {@code [0, n)}.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public ZipfRanks(long n, double s) {
    if (n < 1) {
      throw new IllegalArgumentException("zipf over " + n + " ranks");
    }
    this.n = n;
    this.logarithmic = Math.abs(s - 1.0) < 1e-9;
    this.logTop = logarithmic ? Math.log(n + 1.0) : 0;
    this.topMinusOne = logarithmic ? 0 : Math.pow(n + 1.0, 1.0 - s) - 1.0;
    this.inverseExponent = logarithmic ? 0 : 1.0 / (1.0 - s);
  }

  /**
   * A rank with {@code P(rank = k)} close to proportional to {@code (k+1)^-s}, by inverting the continuous power
   * law on {@code [1, n+1)}; one {@code nextDouble} of {@code random}. O(1).
   */
  public long sample(SplittableRandom random) {
    double u = random.nextDouble();
    double x = logarithmic ? Math.exp(u * logTop) : Math.pow(1.0 + u * topMinusOne, inverseExponent);
    long rank = (long) x - 1;
    return rank < 0 ? 0 : Math.min(rank, n - 1);
  }
}
