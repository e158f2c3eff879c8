package io.graphsnap.reader.analysis;

import org.roaringbitmap.RoaringBitmap;

/** Static helpers over {@code long[]} bitsets (bit {@code i} is bit {@code i & 63} of word {@code i >>> 6}). */
final class Bits {
  private Bits() {}

  /** Words for {@code n} bits. */
  static int words(int n) {
    return (n + 63) >>> 6;
  }

  static boolean get(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /** A new bitmap of the set bits. O(words). */
  static RoaringBitmap toBitmap(long[] bits) {
    return org.roaringbitmap.BitSetUtil.bitmapOf(bits);
  }
}
