package io.graphsnap.bench.internal;

/**
 * Decimal digits of non-negative {@code int}s written straight into a byte array, as {@link Integer#toString(int)}
 * spells them, two digits at a time. Stateless.
 */
final class Decimal {
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private Decimal() {}

  /** The number of decimal digits of {@code value >= 0}. */
  static int digits(int value) {
    if (value < 10_000) {
      return value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : 4;
    }
    if (value < 100_000_000) {
      return value < 100_000 ? 5 : value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : 8;
    }
    return value < 1_000_000_000 ? 9 : 10;
  }

  /** Writes the decimal digits of {@code value >= 0} so that they end just before {@code out[end]}. */
  static void write(int value, byte[] out, int end) {
    int i = end;
    int v = value;
    while (v >= 100) {
      int q = v / 100;
      int pair = (v - q * 100) << 1;
      out[--i] = PAIRS[pair + 1];
      out[--i] = PAIRS[pair];
      v = q;
    }
    if (v >= 10) {
      out[--i] = PAIRS[(v << 1) + 1];
      out[--i] = PAIRS[v << 1];
    } else {
      out[--i] = (byte) ('0' + v);
    }
  }
}
