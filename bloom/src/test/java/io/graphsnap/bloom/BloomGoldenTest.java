package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the serialised bytes of {@link BloomFormat#VERSION_CURRENT}. If this fails after a deliberate layout,
 * hash or probing change, add a new version constant, bump {@code VERSION_CURRENT}, and update the bytes;
 * otherwise the change is a bug that would make existing snapshots answer wrongly.
 */
class BloomGoldenTest {
  private static final String[] KEYS = {"a", "b", "c", "io.graphsnap.Foo#bar"};

  /** 52 keys at 10 bits/key = 520 bits: 2 blocks, 6 probes; 4 keys added. 32 bytes a line. */
  private static final String[] GOLDEN_V1 = {
    // Header: "GSBF", Version 1, BlockCount 2, HashCount 6, HashFunction 1 (XXH64), Seed 0, then 32 zero bytes.
    "4753424601000000020000000000000006000000010000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000000",
    // Block 0
    "0800000000002000000000000000000000000000000000000000000000000000",
    "0002000020020000000000008000000000000000000000000000000000000000",
    // Block 1
    "0000000000000010200004000000000000000801000000000000002040001000",
    "0008000100000000000008000120000000110000100000000000000002000000",
  };

  private static BloomFilterBuilder tinyFilter() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(52, 10);
    for (String key : KEYS) {
      builder.add(utf8(key));
    }
    return builder;
  }

  @Test
  void versionIsTheOnePinnedHere() {
    assertEquals(1, BloomFormat.VERSION_CURRENT, "a new version needs a new golden array");
  }

  @Test
  void tinyFilterBytesArePinned() {
    assertEquals(String.join("", GOLDEN_V1), HexFormat.of().formatHex(tinyFilter().toByteArray()));
  }

  /** Recomputes the blocks from the prose specification in {@link BloomFormat}, independently of the code. */
  @Test
  void bytesFollowTheSpecifiedProbing() {
    final BloomFilterBuilder builder = tinyFilter();
    final long blockCount = builder.blockCount();
    final long[] words = new long[(int) blockCount * 8];
    final BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    for (String key : KEYS) {
      final long h = BloomHash.hash64(utf8(key), 0, utf8(key).length, BloomFormat.DEFAULT_SEED);
      final BigInteger unsignedH = new BigInteger(Long.toUnsignedString(h));
      final int block = unsignedH.multiply(BigInteger.valueOf(blockCount)).divide(twoTo64).intValueExact();
      long g = h & 0xFFFF_FFFFL;
      for (int i = 0; i < builder.hashCount(); i++) {
        final int p = (int) (g >>> 23);
        words[block * 8 + p / 64] |= 1L << (p % 64);
        g = (g * 0x9E3779B9L) & 0xFFFF_FFFFL;
      }
    }
    final ByteBuffer expected = ByteBuffer.allocate((int) builder.serializedSize()).order(ByteOrder.LITTLE_ENDIAN);
    expected.put(BloomFormat.MAGIC).putInt(1).putLong(blockCount).putInt(builder.hashCount()).putInt(1).putLong(0);
    expected.position(BloomFormat.HEADER_BYTES);
    for (long word : words) {
      expected.putLong(word);
    }
    assertArrayEquals(expected.array(), builder.toByteArray());
  }
}
