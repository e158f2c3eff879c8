package io.graphsnap.bench.internal;

import java.util.SplittableRandom;

/**
 * Heavy-tailed integer samplers for the synthetic graph: Pareto-distributed counts (symbols per file, calls per
 * function) and Zipf-distributed ranks (which function a call lands on). Stateless; the randomness comes from
 * the caller's generator, so that a seeded generator gives the same sequence on every run and platform.
 */
public final class PowerLaw {
  private PowerLaw() {}

  /**
   * A Pareto sample {@code floor(xm · U^(-1/alpha))}, capped at {@code cap}: at least {@code floor(xm)}, mean
   * about {@code alpha·xm/(alpha-1) - 0.5} for a cap far in the tail. O(1).
   */
  public static int pareto(SplittableRandom random, double xm, double alpha, int cap) {
    double u = 1.0 - random.nextDouble();
    double x = xm * Math.pow(u, -1.0 / alpha);
    return x >= cap ? cap : (int) x;
  }

  /**
   * A rank in {@code [0, n)} with {@code P(rank = k)} close to proportional to {@code (k+1)^-s}, by inverting the
   * continuous power law on {@code [1, n+1)}. O(1); a caller that draws many ranks over the same {@code n} keeps a
   * {@link ZipfRanks}.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static long zipf(SplittableRandom random, long n, double s) {
    return new ZipfRanks(n, s).sample(random);
  }

  /** SplitMix64's finaliser: a well-mixed 64-bit hash of {@code z}. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
