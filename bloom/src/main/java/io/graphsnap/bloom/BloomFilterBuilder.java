package io.graphsnap.bloom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Builds a blocked Bloom filter and serialises it in the {@link BloomFormat} layout. Mutable and single-use:
 * {@link #add} keys, then {@link #writeTo} or {@link #toByteArray} (either may be called repeatedly and gives
 * the same bytes); {@link #add} after serialisation throws {@link IllegalStateException}.
 *
 * <p>The size is fixed at construction from the expected key count: adding more keys than expected still
 * works but raises the false-positive rate. The bytes depend only on the set of keys added (not their order
 * nor repetitions) and the constructor arguments. Memory: {@link #serializedSize()} bytes on the heap.
 * {@link #add} is O(key length). Not thread-safe.
 */
public final class BloomFilterBuilder {
  /**
   * Bits per key used by {@link #BloomFilterBuilder(long)}: 11, with 7 probes. A 512-bit blocked filter
   * needs more bits than a standard one for the same rate (at 10 bits per key it measures 0.98%, too close to
   * the promised 1%); at 11 the measured false-positive rate is 0.62% (100,000 keys, 1,000,000 absent keys),
   * for 1.375 bytes per key.
   */
  public static final int DEFAULT_BITS_PER_KEY = 11;
  /** Fewest bits per key accepted. */
  public static final int MIN_BITS_PER_KEY = 1;
  /** Most bits per key accepted. */
  public static final int MAX_BITS_PER_KEY = 64;
  /** Most blocks a builder makes: the serialised filter must fit in one byte array or {@link ByteBuffer}. */
  public static final long MAX_BLOCK_COUNT =
      (Integer.MAX_VALUE - 8 - BloomFormat.HEADER_BYTES) / BloomFormat.BLOCK_BYTES;

  private final long blockCount;
  private final int hashCount;
  private final long seed;
  private final long[] words;
  private boolean serialised;

  /**
   * Creates a builder sized for {@code expectedKeys} keys at {@link #DEFAULT_BITS_PER_KEY}.
   *
   * @throws IllegalArgumentException if {@code expectedKeys} is negative or needs more than
   *     {@link #MAX_BLOCK_COUNT} blocks
   */
  public BloomFilterBuilder(long expectedKeys) {
    this(expectedKeys, DEFAULT_BITS_PER_KEY);
  }

  /**
   * Creates a builder sized for {@code expectedKeys} keys at {@code bitsPerKey} bits each (rounded up to
   * whole 512-bit blocks, at least one block, so zero keys give a valid filter that answers false).
   *
   * @throws IllegalArgumentException if {@code expectedKeys} is negative, {@code bitsPerKey} is not in
   *     [{@link #MIN_BITS_PER_KEY}, {@link #MAX_BITS_PER_KEY}], or the filter would need more than
   *     {@link #MAX_BLOCK_COUNT} blocks
   */
  public BloomFilterBuilder(long expectedKeys, int bitsPerKey) {
    if (expectedKeys < 0) {
      throw new IllegalArgumentException("expectedKeys=" + expectedKeys + " is negative");
    }
    if (bitsPerKey < MIN_BITS_PER_KEY || bitsPerKey > MAX_BITS_PER_KEY) {
      throw new IllegalArgumentException("bitsPerKey=" + bitsPerKey + " is not in ["
          + MIN_BITS_PER_KEY + ", " + MAX_BITS_PER_KEY + "]");
    }
    final long maxKeys = MAX_BLOCK_COUNT * BloomFormat.BLOCK_BITS / bitsPerKey;
    if (expectedKeys > maxKeys) {
      throw new IllegalArgumentException("expectedKeys=" + expectedKeys + " at bitsPerKey=" + bitsPerKey
          + " exceeds the largest filter a builder makes (" + maxKeys + " keys, "
          + MAX_BLOCK_COUNT + " blocks)");
    }
    final long bits = expectedKeys * bitsPerKey;
    this.blockCount = Math.max(1, (bits + BloomFormat.BLOCK_BITS - 1) / BloomFormat.BLOCK_BITS);
    this.hashCount = BlockProbe.hashCountFor(bitsPerKey);
    this.seed = BloomFormat.DEFAULT_SEED;
    this.words = new long[Math.toIntExact(blockCount * BloomFormat.BLOCK_WORDS)];
  }

  /**
   * Adds the key {@code key[offset, offset+length)} (UTF-8 bytes of a name). O(length).
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code key}
   * @throws IllegalStateException if the filter was already serialised
   */
  public void add(byte[] key, int offset, int length) {
    addHash(BloomHash.hash64(key, offset, length, seed));
  }

  /**
   * Adds a key whose hash the caller already has: {@code hash} must be {@code BloomHash.hash64(key, offset,
   * length, seed())}, so that a caller hashing the same keys with the same seed for its own index does not hash
   * them twice. O(1).
   *
   * @throws IllegalStateException if the filter was already serialised
   */
  public void addHash(long hash) {
    if (serialised) {
      throw new IllegalStateException("BloomFilterBuilder is single-use: add() after serialisation");
    }
    final long h = hash;
    final int base = (int) BlockProbe.blockIndex(h, blockCount) * BloomFormat.BLOCK_WORDS;
    final long[] w = words;
    int g = (int) h;
    for (int i = hashCount; i > 0; i--) {
      final int bit = g >>> BlockProbe.BIT_SHIFT;
      w[base + (bit >>> 6)] |= 1L << bit;
      g *= BlockProbe.PROBE_MULTIPLIER;
    }
  }

  /** The seed of the filter's XXH64 hash (see {@link #addHash}). */
  public long seed() {
    return seed;
  }

  /** Adds all of {@code key}; see {@link #add(byte[], int, int)}. */
  public void add(byte[] key) {
    add(key, 0, key.length);
  }

  /** Returns the number of 512-bit blocks, fixed at construction. */
  public long blockCount() {
    return blockCount;
  }

  /** Returns the bits set per key, derived from the bits per key at construction. */
  public int hashCount() {
    return hashCount;
  }

  /** Returns the exact number of bytes {@link #writeTo} writes: {@code 64 + 64 * blockCount()}. */
  public long serializedSize() {
    return BloomFormat.serializedSize(blockCount);
  }

  /**
   * Writes the filter at {@code out}'s position, little-endian whatever {@code out}'s byte order (which is
   * left unchanged), and advances the position by exactly {@link #serializedSize()} bytes. Afterwards
   * {@link #add} is refused.
   *
   * @throws IllegalArgumentException if {@code out.remaining() < serializedSize()} (nothing is written)
   * @throws java.nio.ReadOnlyBufferException if {@code out} is read-only
   */
  public void writeTo(ByteBuffer out) {
    Objects.requireNonNull(out, "out");
    final long size = serializedSize();
    if (out.remaining() < size) {
      throw new IllegalArgumentException("out.remaining()=" + out.remaining()
          + " is less than serializedSize()=" + size);
    }
    serialised = true;
    final ByteBuffer le = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    le.put(BloomFormat.MAGIC);
    le.putInt(BloomFormat.VERSION_CURRENT);
    le.putLong(blockCount);
    le.putInt(hashCount);
    le.putInt(BloomFormat.HASH_XXH64);
    le.putLong(seed);
    le.put(new byte[BloomFormat.HEADER_BYTES - BloomFormat.OFFSET_ZERO]);
    le.asLongBuffer().put(words);
    out.position(out.position() + (int) size);
  }

  /** Returns the serialised filter as a new array of {@link #serializedSize()} bytes; see {@link #writeTo}. */
  public byte[] toByteArray() {
    final byte[] bytes = new byte[(int) serializedSize()];
    writeTo(ByteBuffer.wrap(bytes));
    return bytes;
  }
}
