package io.graphsnap.bench.internal;

/**
 * A seeded bijection of {@code [0, n)}: {@code k -> (a·k + b) mod n} with {@code gcd(a, n) = 1}. It scatters
 * Zipf ranks over the id space so that the hubs of a synthetic graph are not all in its first files. Immutable.
 */
public final class AffinePermutation {
  private final long n;
  private final long a;
  private final long b;

  /** A permutation of {@code [0, n)} chosen by {@code seed}; {@code n} must be in [1, 2<sup>31</sup>]. */
  public AffinePermutation(long n, long seed) {
    if (n < 1 || n > (1L << 31)) {
      throw new IllegalArgumentException("permutation size " + n + " outside [1, 2^31]");
    }
    this.n = n;
    long candidate = Math.floorMod(PowerLaw.mix(seed), n) | 1;
    while (gcd(candidate % n, n) != 1) {
      candidate += 2;
    }
    this.a = candidate % n;
    this.b = Math.floorMod(PowerLaw.mix(seed + 1), n);
  }

  /** The image of {@code k}, in [0, n). O(1). */
  public long apply(long k) {
    return Math.floorMod(a * k + b, n);
  }

  private static long gcd(long x, long y) {
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
}
