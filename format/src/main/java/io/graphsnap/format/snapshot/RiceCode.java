package io.graphsnap.format.snapshot;

import java.util.Arrays;

/**
 * The limited Rice code of the compact rows from format version {@link SnapshotFormat#VERSION_RICE_ROWS}
 * ({@link CompactCsrFormat.RowCoding#RICE}): the one place that says how a value in [0, 2<sup>32</sup>) is written
 * as bits, how many bits that takes, and which parameter a group of values gets. The grammar (bits in a
 * little-endian stream: bit i is bit (i mod 8) of byte i / 8, so a value's bits are read low bit first):
 *
 * <pre>
 * Rice(v, K)  --&gt; Zero^q, One, Low           if q = v &gt;&gt;&gt; K is below {@value #ESCAPE}: Low is the K low bits of v
 *              |  Zero^{@value #ESCAPE}, One, Raw           otherwise: Raw is v in {@value #RAW_BITS} bits
 * Gamma(v)    --&gt; Zero^(n−1), One, Low                v in [1, 2^32), n its bit length: Low is its n − 1 bits
 *                                                     below the top one (Elias gamma; from format version 10)
 * </pre>
 *
 * <ul>
 *   <li>K is in [0, {@value #MAX_K}]. A code is at most {@value #MAX_CODE_BITS} bits (escaped: 24 + 1 + 32; plain:
 *       at most 23 + 1 + 31), so a reader decodes any code from one unaligned 8-byte load shifted by the bit offset
 *       within its first byte (57 bits are always there): the number of trailing zeros of the load is q.
 *   <li>The writer escapes a value exactly when its quotient is {@value #ESCAPE} or more, so each value has one
 *       code. A reader refuses more than {@value #ESCAPE} zeros and a plain value of 2<sup>32</sup> or more; it
 *       decodes a needless escape, which only a canonical check (the reader's verify, re-encoding the row) refuses.
 *   <li>{@link #chooseK}: the parameter of a group of values is the one of the candidates
 *       [max(0, L − 3), min({@value #MAX_K}, L + 1)] that takes the fewest bits, the smallest on a tie, where L is
 *       the floor of log2 of the values' mean (0 when the mean is below 1): a rule, so that every writer picks the
 *       same K and a full and an incremental build give the same bytes. (The best K of a geometric distribution
 *       of mean μ is near log2(μ·ln 2), within the candidates.)
 * </ul>
 * Stateless and thread-safe; {@link BitWriter} is mutable and single-threaded.
 */
public final class RiceCode {
  /** A quotient of this value or more is escaped: this many zeros, a one, then the value's {@value #RAW_BITS} bits. */
  public static final int ESCAPE = 24;
  /** Bits of an escaped value. */
  public static final int RAW_BITS = 32;
  /** The largest parameter. */
  public static final int MAX_K = 31;
  /** Bits of a parameter written in a stream. */
  public static final int K_BITS = 5;
  /** The longest code: an escaped one. */
  public static final int MAX_CODE_BITS = ESCAPE + 1 + RAW_BITS;
  /** The longest {@link #gammaBits Elias gamma code} of a value in [1, 2^32): 31 zeros, a one, 31 bits. */
  public static final int MAX_GAMMA_BITS = 63;

  private RiceCode() {}

  /** Bits of the code of {@code value} (unsigned 32-bit, held in a long) with parameter {@code k}. */
  public static int bits(long value, int k) {
    long q = value >>> k;
    return q < ESCAPE ? (int) q + 1 + k : MAX_CODE_BITS;
  }

  /**
   * Bits of the Elias gamma code of {@code value} in [1, 2^32) (held in a long): with n its bit length, n − 1 zeros, a
   * one (its top bit), then its n − 1 bits below the top one, low bit first; 2n − 1 bits in all.
   */
  public static int gammaBits(long value) {
    return 2 * (64 - Long.numberOfLeadingZeros(value)) - 1;
  }

  /** The parameter {@link RiceCode the rule} gives {@code values[0, count)} (count ≥ 1, each in [0, 2^32)). */
  public static int chooseK(long[] values, int count) {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    long mean = sum / count;
    int log = mean == 0 ? 0 : 63 - Long.numberOfLeadingZeros(mean);
    int best = -1;
    long bestBits = Long.MAX_VALUE;
    for (int k = Math.max(0, log - 3), last = Math.min(MAX_K, log + 1); k <= last; k++) {
      long total = 0;
      for (int i = 0; i < count; i++) {
        total += bits(values[i], k);
      }
      if (total < bestBits) {
        bestBits = total;
        best = k;
      }
    }
    return best;
  }

  /**
   * Appends bits to a growing heap array, low bit first ({@link RiceCode}'s stream). {@link #finish} pads the last
   * byte with zero bits. Reusable through {@link #reset}; mutable, single-threaded.
   */
  public static final class BitWriter {
    private byte[] out = new byte[64];
    private int length;
    private long pending;
    private int pendingBits;

    /** Empties the stream, keeping its array. */
    public void reset() {
      length = 0;
      pending = 0;
      pendingBits = 0;
    }

    /** Appends the low {@code width} bits of {@code value} (width in [0, 32]). */
    public void put(long value, int width) {
      pending |= (value & ((1L << width) - 1)) << pendingBits;
      pendingBits += width;
      if (pendingBits >= 32) {
        ensure(4);
        out[length++] = (byte) pending;
        out[length++] = (byte) (pending >>> 8);
        out[length++] = (byte) (pending >>> 16);
        out[length++] = (byte) (pending >>> 24);
        pending >>>= 32;
        pendingBits -= 32;
      }
    }

    /** Appends the code of {@code value} (in [0, 2^32)) with parameter {@code k}. */
    public void putRice(long value, int k) {
      long q = value >>> k;
      if (q < ESCAPE) {
        put(1L << q, (int) q + 1);
        put(value, k);
      } else {
        put(1L << ESCAPE, ESCAPE + 1);
        put(value, RAW_BITS);
      }
    }

    /** Appends the {@link #gammaBits Elias gamma code} of {@code value} in [1, 2^32). */
    public void putGamma(long value) {
      int below = 63 - Long.numberOfLeadingZeros(value); // the bits below the top one
      put(1L << below, below + 1);
      put(value, below);
    }

    /** Pads to a whole byte with zero bits and returns the stream's length in bytes ({@link #bytes()}). */
    public int finish() {
      ensure(8);
      while (pendingBits > 0) {
        out[length++] = (byte) pending;
        pending >>>= 8;
        pendingBits = Math.max(0, pendingBits - 8);
      }
      pending = 0;
      return length;
    }

    /** The stream's bytes, {@code [0, length)} after {@link #finish}; overwritten by the next use. */
    public byte[] bytes() {
      return out;
    }

    private void ensure(int more) {
      if (length + more > out.length) {
        out = Arrays.copyOf(out, Math.max(length + more, out.length * 2));
      }
    }
  }
}
