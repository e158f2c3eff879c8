package io.graphsnap.bloom;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only Bloom filter over serialised bytes in the {@link BloomFormat} layout, queried in place: nothing
 * is copied or allocated, a query reads one 64-byte block. Immutable and thread-safe.
 *
 * <p>The view does not own its memory: the caller's {@link java.lang.foreign.Arena} (for a mapped file, the
 * snapshot's) must outlive it; a query after the arena is closed throws {@link IllegalStateException} from
 * the segment. {@link #wrap} checks the whole header and the length up front, so queries never read out of
 * bounds. No false negatives: every key added to the builder answers {@code true}.
 */
public final class BloomView {
  private static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment segment;
  private final long blockCount;
  private final int hashCount;
  private final long seed;
  private final int version;

  private BloomView(MemorySegment segment, int version, long blockCount, int hashCount, long seed) {
    this.segment = segment;
    this.version = version;
    this.blockCount = blockCount;
    this.hashCount = hashCount;
    this.seed = seed;
  }

  /**
   * Returns a view over {@code bytes}, which must be exactly one serialised filter (heap or mapped, any
   * alignment). Reads only the 64-byte header; O(1).
   *
   * @throws InvalidBloomException if the magic, version, block count, hash count, hash function or padding
   *     is not valid, or the segment's size is not {@code 64 + 64 * BlockCount}; the message names the field
   *     and shows the actual and expected values
   * @throws IllegalStateException if the segment's arena is already closed
   */
  public static BloomView wrap(MemorySegment bytes) {
    Objects.requireNonNull(bytes, "bytes");
    final long size = bytes.byteSize();
    if (size < BloomFormat.HEADER_BYTES) {
      throw new InvalidBloomException("Bloom filter: length=" + size + " is shorter than the header (expected >= "
          + BloomFormat.HEADER_BYTES + " bytes)");
    }
    final byte[] magic = bytes.asSlice(BloomFormat.OFFSET_MAGIC, BloomFormat.MAGIC.length)
        .toArray(ValueLayout.JAVA_BYTE);
    if (!Arrays.equals(magic, BloomFormat.MAGIC)) {
      throw new InvalidBloomException("Bloom filter: magic=" + hex(magic) + " (expected "
          + hex(BloomFormat.MAGIC) + ")");
    }
    final int version = bytes.get(INT_LE, BloomFormat.OFFSET_VERSION);
    if (version < BloomFormat.VERSION_START || version > BloomFormat.VERSION_CURRENT) {
      throw new InvalidBloomException("Bloom filter: version=" + Integer.toUnsignedString(version)
          + " is not supported (expected " + BloomFormat.VERSION_START + " to " + BloomFormat.VERSION_CURRENT + ")");
    }
    final long blockCount = bytes.get(LONG_LE, BloomFormat.OFFSET_BLOCK_COUNT);
    if (blockCount < 1 || blockCount > BloomFormat.MAX_BLOCK_COUNT) {
      throw new InvalidBloomException("Bloom filter: blockCount=" + Long.toUnsignedString(blockCount)
          + " is out of range (expected 1 to " + BloomFormat.MAX_BLOCK_COUNT + ")");
    }
    final int hashCount = bytes.get(INT_LE, BloomFormat.OFFSET_HASH_COUNT);
    if (hashCount < 1 || hashCount > BloomFormat.MAX_HASH_COUNT) {
      throw new InvalidBloomException("Bloom filter: hashCount=" + Integer.toUnsignedString(hashCount)
          + " is out of range (expected 1 to " + BloomFormat.MAX_HASH_COUNT + ")");
    }
    final int hashFunction = bytes.get(INT_LE, BloomFormat.OFFSET_HASH_FUNCTION);
    if (hashFunction != BloomFormat.HASH_XXH64) {
      throw new InvalidBloomException("Bloom filter: hashFunction=" + Integer.toUnsignedString(hashFunction)
          + " is unknown (expected " + BloomFormat.HASH_XXH64 + " = XXH64)");
    }
    final long seed = bytes.get(LONG_LE, BloomFormat.OFFSET_SEED);
    for (long at = BloomFormat.OFFSET_ZERO; at < BloomFormat.HEADER_BYTES; at += Long.BYTES) {
      final long word = bytes.get(LONG_LE, at);
      if (word != 0) {
        throw new InvalidBloomException("Bloom filter: header padding at offset " + at + " is 0x"
            + Long.toHexString(word) + " (expected zero)");
      }
    }
    final long expectedSize = BloomFormat.serializedSize(blockCount);
    if (size != expectedSize) {
      throw new InvalidBloomException("Bloom filter: length=" + size + " does not match blockCount="
          + blockCount + " (expected " + expectedSize + " bytes = " + BloomFormat.HEADER_BYTES + " + "
          + BloomFormat.BLOCK_BYTES + " * blockCount)");
    }
    return new BloomView(bytes, version, blockCount, hashCount, seed);
  }

  /**
   * Returns {@code false} if {@code key[offset, offset+length)} was certainly not added, {@code true} if it
   * may have been. O(length) to hash, then at most {@link #hashCount()} reads within one 64-byte block.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code key}
   * @throws IllegalStateException if the segment's arena is closed
   */
  public boolean mightContain(byte[] key, int offset, int length) {
    return mightContainHash(BloomHash.hash64(key, offset, length, seed));
  }

  /**
   * {@link #mightContain(byte[], int, int)} for a key whose hash the caller already has: {@code hash} must be
   * {@code BloomHash.hash64(key, offset, length, seed())}, so that a caller that hashed the key with the same
   * seed for its own use (a hash index over the same keys) does not hash it twice. O(1): at most
   * {@link #hashCount()} reads within one 64-byte block.
   *
   * @throws IllegalStateException if the segment's arena is closed
   */
  public boolean mightContainHash(long hash) {
    final long h = hash;
    final MemorySegment s = segment;
    final long blockStart = BloomFormat.HEADER_BYTES
        + BlockProbe.blockIndex(h, blockCount) * BloomFormat.BLOCK_BYTES;
    int g = (int) h;
    for (int i = hashCount; i > 0; i--) {
      final int bit = g >>> BlockProbe.BIT_SHIFT;
      final long word = s.get(LONG_LE, blockStart + ((bit >>> 6) << 3));
      if ((word & (1L << bit)) == 0) {
        return false;
      }
      g *= BlockProbe.PROBE_MULTIPLIER;
    }
    return true;
  }

  /** The seed of this filter's XXH64 hash (see {@link #mightContainHash}). */
  public long seed() {
    return seed;
  }

  /** Returns {@link #mightContain(byte[], int, int) mightContain(key, 0, key.length)}. */
  public boolean mightContain(byte[] key) {
    return mightContain(key, 0, key.length);
  }

  /** Returns the number of 512-bit blocks, as read from the header. */
  public long blockCount() {
    return blockCount;
  }

  /** Returns the bits probed per key, as read from the header. */
  public int hashCount() {
    return hashCount;
  }

  /** Returns the format version found in the header. */
  public int version() {
    return version;
  }

  /** Returns the serialised length in bytes: {@code 64 + 64 * blockCount()}. */
  public long byteSize() {
    return segment.byteSize();
  }

  @Override
  public String toString() {
    return "BloomView[version=" + version + ", blockCount=" + blockCount + ", hashCount=" + hashCount
        + ", seed=" + seed + "]";
  }

  private static String hex(byte[] bytes) {
    final StringBuilder sb = new StringBuilder("0x");
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }
}
