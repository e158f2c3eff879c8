package io.graphsnap.bench.internal;

/**
 * Which range of a prefix-sum array holds a value: for {@code start[0] = 0 <= start[1] <= … <= start[n]}, the
 * owner of {@code g} in {@code [0, start[n])} is the last {@code f < n} with {@code start[f] <= g} (the one
 * non-empty range {@code [start[f], start[f+1])} that holds it). A binary search over a large array misses the
 * cache at nearly every step; this keeps, for every {@code 2^shift}-wide bucket of values, the owner of the
 * bucket's first value, so a look-up is one table read and a short forward scan. Memory: about {@code n} ints.
 * Immutable; shares (does not copy) {@code start}.
 */
public final class RangeOwners {
  private final long[] start;
  private final int n;
  private final int shift;
  private final int[] bucketOwner;

  /** The owners over {@code start[0, n]}: {@code n >= 1} ranges, {@code start[0] = 0}, non-decreasing. O(n). */
  public RangeOwners(long[] start, int n) {
    if (n < 1 || start.length < n + 1 || start[0] != 0) {
      throw new IllegalArgumentException("need n >= 1 ranges from 0, not " + n);
    }
    this.start = start;
    this.n = n;
    long total = start[n];
    int s = 0;
    while ((total >>> s) > n) {
      s++;
    }
    this.shift = s;
    int buckets = (int) (total >>> s) + 1;
    this.bucketOwner = new int[buckets];
    int f = 0;
    for (int b = 0; b < buckets; b++) {
      long g = (long) b << s;
      while (f + 1 < n && start[f + 1] <= g) {
        f++;
      }
      bucketOwner[b] = f;
    }
  }

  /** The owner of {@code g}, which must be in {@code [0, start[n])}. O(1) for evenly spread ranges. */
  public int owner(long g) {
    int f = bucketOwner[(int) (g >>> shift)];
    while (f + 1 < n && start[f + 1] <= g) {
      f++;
    }
    return f;
  }
}
