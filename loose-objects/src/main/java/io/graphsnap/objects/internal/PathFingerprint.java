package io.graphsnap.objects.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A 128-bit fingerprint of a path's characters, for tables that keep paths as two {@code long}s instead of strings: one
 * pass over the characters (four to a word) with two independent lanes mixed by MurmurHash3's finaliser, both started
 * from a random seed drawn per instance, so that an input cannot be crafted offline to crowd one table's slots (the
 * paths come from the input). Two different paths share the first {@code k} bits with probability 2<sup>-k</sup>; a
 * table of {@code n} paths keyed by {@code k} bits holds a colliding pair with probability about n<sup>2</sup> /
 * 2<sup>k+1</sup>. Fingerprints of one instance are comparable with each other only.
 *
 * <p>Mutable (the last fingerprint, read through {@link #first()} and {@link #second()}), not thread-safe: one per
 * owner. O(length) per {@link #of}; allocates nothing.
 */
public final class PathFingerprint {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;

  private final long seed = ThreadLocalRandom.current().nextLong();
  private long first;
  private long second;

  /** Fingerprints {@code path}; {@link #first()} and {@link #second()} then give it. */
  public void of(String path) {
    int length = path.length();
    long a = P1 ^ length * P2 ^ seed;
    long b = P2 ^ length * P1 ^ Long.rotateLeft(seed, 32);
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      long word = (long) path.charAt(i) | (long) path.charAt(i + 1) << 16 | (long) path.charAt(i + 2) << 32
          | (long) path.charAt(i + 3) << 48;
      a = Long.rotateLeft(a ^ mix(word * P2), 27) * P1 + 0x85EBCA77C2B2AE63L;
      b = Long.rotateLeft(b ^ mix(word * P1), 31) * P2 + 0x165667B19E3779F9L;
    }
    long tail = 0;
    for (; i < length; i++) {
      tail = tail << 16 | path.charAt(i);
    }
    long h = mix(a ^ tail * P2);
    first = h == 0 ? 1 : h;
    second = mix(b ^ tail * P1);
  }

  /** The last fingerprint's first 64 bits, never 0 (so that 0 can mark an empty slot). */
  public long first() {
    return first;
  }

  /** The last fingerprint's other 64 bits. */
  public long second() {
    return second;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  public static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
