package io.graphsnap.objects.internal;

/**
 * A blocked Bloom filter over one pack's object ids, on the heap: 16 bits an id (one 64-bit word per four ids, four
 * bits set in one word per id), so that a look-up of an id the pack does not hold (the common case when a store
 * has many packs: every look-up asks every pack) costs one word read instead of a binary search through the mapped
 * index. About 0.5 % false positives; never a false negative for an id it was built with.
 *
 * <p>The hash is bytes 8–15 of the id itself: ids are SHA-256 digests, uniform in every bit (byte 0 already picks
 * the fan-out bucket). Immutable once built; thread-safe for reads. O(1) per {@link #mightContain}.
 */
final class PackIdFilter {
  private final long[] words;

  /** A filter sized for {@code count} ids, empty until {@link #add} is called for each. */
  PackIdFilter(int count) {
    this.words = new long[Math.max(1, (count + 3) / 4)];
  }

  /** Adds the id whose bytes 8–15, read as a big-endian long, are {@code hash}. */
  void add(long hash) {
    int w = word(hash);
    words[w] |= mask(hash);
  }

  /** False if no id with bytes 8–15 {@code hash} was added; true if one may have been. */
  boolean mightContain(long hash) {
    long m = mask(hash);
    return (words[word(hash)] & m) == m;
  }

  private int word(long hash) {
    return (int) (((hash >>> 32) * words.length) >>> 32);
  }

  /** Four bit positions from the hash's low 24 bits (six bits each). */
  private static long mask(long hash) {
    return 1L << (hash & 63) | 1L << ((hash >>> 6) & 63) | 1L << ((hash >>> 12) & 63) | 1L << ((hash >>> 18) & 63);
  }
}
