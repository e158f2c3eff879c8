package io.graphsnap.bloom;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The hash of the Bloom filter: XXH64 (xxHash, 64-bit variant, as specified at
 * {@code https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md}), computed over the key's bytes.
 * The result depends only on the bytes and the seed, never on the JVM, platform or byte order, so filters
 * written on one machine are read on any other; the golden test pins published XXH64 test vectors.
 *
 * <p>Stateless and thread-safe; O(length) time, no allocation.
 */
public final class BloomHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private BloomHash() {}

  /**
   * Returns XXH64 of {@code key[offset, offset+length)} with seed 0.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code key}
   */
  public static long hash64(byte[] key, int offset, int length) {
    return hash64(key, offset, length, 0L);
  }

  /**
   * Returns XXH64 of {@code key[offset, offset+length)} with the given seed.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code key}
   */
  public static long hash64(byte[] key, int offset, int length, long seed) {
    Objects.checkFromIndexSize(offset, length, key.length);
    final int end = offset + length;
    int p = offset;
    long h;
    if (length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      final int limit = end - 32;
      do {
        v1 = round(v1, (long) LONG_LE.get(key, p));
        v2 = round(v2, (long) LONG_LE.get(key, p + 8));
        v3 = round(v3, (long) LONG_LE.get(key, p + 16));
        v4 = round(v4, (long) LONG_LE.get(key, p + 24));
        p += 32;
      } while (p <= limit);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      h = mergeRound(h, v1);
      h = mergeRound(h, v2);
      h = mergeRound(h, v3);
      h = mergeRound(h, v4);
    } else {
      h = seed + P5;
    }
    h += length;
    while (p + 8 <= end) {
      h ^= round(0, (long) LONG_LE.get(key, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= end) {
      h ^= (((int) INT_LE.get(key, p)) & 0xFFFF_FFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < end) {
      h ^= (key[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    return avalanche(h);
  }

  /** Returns XXH64 of all of {@code key} with seed 0. */
  public static long hash64(byte[] key) {
    return hash64(key, 0, key.length, 0L);
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long mergeRound(long acc, long value) {
    acc ^= round(0, value);
    return acc * P1 + P4;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
