package io.graphsnap.bloom;

/**
 * The serialised Bloom filter: constants of its layout. All integers are little-endian. The grammar:
 *
 * <pre>
 * Bloom    --&gt; Header, Block^BlockCount
 * Header   --&gt; Magic Byte^4, Version UInt32, BlockCount UInt64, HashCount UInt32, HashFunction UInt32,
 *              Seed UInt64, Zero Byte^32                                   ({@link #HEADER_BYTES} bytes)
 * Block    --&gt; Word UInt64^8                                               ({@link #BLOCK_BYTES} bytes)
 * </pre>
 *
 * <ul>
 *   <li>Magic is {@code "GSBF"} ({@link #MAGIC}); Version is in [{@link #VERSION_START},
 *       {@link #VERSION_CURRENT}].
 *   <li>BlockCount is in [1, {@link #MAX_BLOCK_COUNT}], and the serialised length is exactly
 *       {@code HEADER_BYTES + BlockCount * BLOCK_BYTES}; an empty filter has one all-zero block.
 *   <li>HashCount (the bits set per key, all in one block) is in [1, {@link #MAX_HASH_COUNT}].
 *   <li>HashFunction is {@link #HASH_XXH64} (the only one defined), keyed by Seed (see {@link BloomHash}).
 *   <li>The Zero bytes must be zero; they pad the header to a cache line so that, with the section itself
 *       64-aligned in the snapshot file, every block is a 64-aligned cache line.
 * </ul>
 *
 * <p><b>Probing</b> (identical in {@link BloomFilterBuilder} and {@link BloomView}). Let
 * {@code h = BloomHash.hash64(key, Seed)} as an unsigned 64-bit value. The block is
 * {@code floor(h * BlockCount / 2^64)} (the high word of the unsigned 128-bit product). Let {@code g} be the
 * low 32 bits of {@code h}, as an unsigned 32-bit value. For probe {@code i = 0 … HashCount-1}: the bit
 * position within the block is {@code p = g >>> 23} (the top 9 bits, 0 … 511), then
 * {@code g = g * 0x9E3779B9 mod 2^32}. Bit {@code p} of a block is bit {@code p mod 64} (0 = least
 * significant) of Word {@code p / 64}. A key is possibly present when all its probed bits are set. This is
 * the cache-local scheme of RocksDB's {@code FastLocalBloomImpl}.
 *
 * <p>Versions are only ever added. Any change to the bytes written for the same keys (header, hash,
 * probing) bumps {@link #VERSION_CURRENT}; the golden test fails until it does.
 */
public final class BloomFormat {
  /** The 4 magic bytes at offset 0: {@code "GSBF"}. */
  public static final byte[] MAGIC = {'G', 'S', 'B', 'F'};
  /** The first format version. */
  public static final int VERSION_START = 1;
  /** The version this code writes; {@link BloomView#wrap} accepts {@link #VERSION_START} to this. */
  public static final int VERSION_CURRENT = VERSION_START;
  /** Bytes of the header, before the first block: one cache line. */
  public static final int HEADER_BYTES = 64;
  /** Bytes of one block: one cache line of 512 bits. */
  public static final int BLOCK_BYTES = 64;
  /** Bits in one block. */
  public static final int BLOCK_BITS = BLOCK_BYTES * 8;
  /** 64-bit words in one block. */
  public static final int BLOCK_WORDS = BLOCK_BYTES / 8;
  /** The HashFunction code of {@link BloomHash#hash64(byte[], int, int, long) XXH64}. */
  public static final int HASH_XXH64 = 1;
  /** The Seed this code writes. */
  public static final long DEFAULT_SEED = 0L;
  /** Most bits set per key that a filter may declare. */
  public static final int MAX_HASH_COUNT = 32;
  /** Most blocks a filter may declare (2^32 blocks, 256 GiB); bounds the length arithmetic. */
  public static final long MAX_BLOCK_COUNT = 1L << 32;

  /** Byte offset of Magic in the header. */
  public static final int OFFSET_MAGIC = 0;
  /** Byte offset of Version in the header. */
  public static final int OFFSET_VERSION = 4;
  /** Byte offset of BlockCount in the header. */
  public static final int OFFSET_BLOCK_COUNT = 8;
  /** Byte offset of HashCount in the header. */
  public static final int OFFSET_HASH_COUNT = 16;
  /** Byte offset of HashFunction in the header. */
  public static final int OFFSET_HASH_FUNCTION = 20;
  /** Byte offset of Seed in the header. */
  public static final int OFFSET_SEED = 24;
  /** Byte offset of the Zero padding in the header. */
  public static final int OFFSET_ZERO = 32;

  private BloomFormat() {}

  /**
   * Returns the serialised length in bytes of a filter with {@code blockCount} blocks.
   *
   * @throws IllegalArgumentException if {@code blockCount} is not in [1, {@link #MAX_BLOCK_COUNT}]
   */
  public static long serializedSize(long blockCount) {
    if (blockCount < 1 || blockCount > MAX_BLOCK_COUNT) {
      throw new IllegalArgumentException(
          "blockCount=" + blockCount + " is not in [1, " + MAX_BLOCK_COUNT + "]");
    }
    return HEADER_BYTES + blockCount * BLOCK_BYTES;
  }
}
