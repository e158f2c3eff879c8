package io.graphsnap.bloom;

/**
 * The probing rule shared by the builder and the view (specified in {@link BloomFormat}): which block a
 * hash selects, and which bits within it. Not API.
 */
final class BlockProbe {
  /** Multiplier stepping the in-block hash between probes (the 32-bit golden ratio). */
  static final int PROBE_MULTIPLIER = 0x9E3779B9;
  /** Shift that keeps the top 9 bits of the in-block hash: a bit position in [0, 512). */
  static final int BIT_SHIFT = 32 - 9;

  private BlockProbe() {}

  /** Returns the block of hash {@code h}: {@code floor(h * blockCount / 2^64)}, unsigned; in [0, blockCount). */
  static long blockIndex(long h, long blockCount) {
    return Math.unsignedMultiplyHigh(h, blockCount);
  }

  /**
   * Returns the bits per key (probes) that minimise the false-positive rate of a 512-bit blocked filter at
   * {@code bitsPerKey}: fewer than a standard Bloom filter's {@code bitsPerKey * ln 2}, because keys are
   * unevenly spread over blocks. Thresholds are RocksDB's {@code FastLocalBloomImpl::ChooseNumProbes}
   * (measured for this exact probing scheme), evaluated at whole bits per key; re-measured here for 8 to 16
   * bits per key, each choice is within 3% of the best rate of any probe count from 4 to 11.
   */
  static int hashCountFor(int bitsPerKey) {
    final int millibits = bitsPerKey * 1000;
    if (millibits <= 2080) return 1;
    if (millibits <= 3580) return 2;
    if (millibits <= 5100) return 3;
    if (millibits <= 6640) return 4;
    if (millibits <= 8300) return 5;
    if (millibits <= 10070) return 6;
    if (millibits <= 11720) return 7;
    if (millibits <= 14001) return 8;
    if (millibits <= 16050) return 9;
    if (millibits <= 18300) return 10;
    if (millibits <= 22001) return 11;
    if (millibits <= 25501) return 12;
    return Math.min(BloomFormat.MAX_HASH_COUNT, (millibits - 1) / 2000 - 1);
  }
}
