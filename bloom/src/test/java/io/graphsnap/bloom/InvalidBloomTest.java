package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of corrupt, truncated and hostile filters, each fed through the heap and the mapped path: every one
 * must raise {@link InvalidBloomException} naming the field, never an {@link IndexOutOfBoundsException} or an
 * allocation. The base filter is 2 blocks (192 bytes).
 */
class InvalidBloomTest {
  @TempDir Path dir;

  private static byte[] valid() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(52, 10);
    builder.add(utf8("a"));
    return builder.toByteArray();
  }

  private static UnaryOperator<byte[]> putInt(int offset, int value) {
    return b -> {
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
      return b;
    };
  }

  private static UnaryOperator<byte[]> putLong(int offset, long value) {
    return b -> {
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
      return b;
    };
  }

  private static UnaryOperator<byte[]> length(int length) {
    return b -> Arrays.copyOf(b, length);
  }

  static Stream<Arguments> corpus() {
    final Stream<Arguments> cases = Stream.of(
        Arguments.of("empty", length(0), "length=0 is shorter than the header"),
        Arguments.of("header cut at 63", length(63), "length=63 is shorter than the header"),
        Arguments.of("magic", putInt(BloomFormat.OFFSET_MAGIC, 0x46425347 ^ 0x20), "magic=0x67534246"),
        Arguments.of("version 0", putInt(BloomFormat.OFFSET_VERSION, 0), "version=0 is not supported (expected 1 to 1)"),
        Arguments.of("version too new", putInt(BloomFormat.OFFSET_VERSION, 2), "version=2 is not supported"),
        Arguments.of("version all ones", putInt(BloomFormat.OFFSET_VERSION, -1), "version=4294967295"),
        Arguments.of("blockCount 0", putLong(BloomFormat.OFFSET_BLOCK_COUNT, 0), "blockCount=0 is out of range"),
        Arguments.of("blockCount 2^64-1", putLong(BloomFormat.OFFSET_BLOCK_COUNT, -1),
            "blockCount=18446744073709551615 is out of range"),
        Arguments.of("blockCount 2^63-1", putLong(BloomFormat.OFFSET_BLOCK_COUNT, Long.MAX_VALUE),
            "blockCount=9223372036854775807 is out of range"),
        Arguments.of("blockCount max+1", putLong(BloomFormat.OFFSET_BLOCK_COUNT, BloomFormat.MAX_BLOCK_COUNT + 1),
            "blockCount=4294967297 is out of range (expected 1 to 4294967296)"),
        Arguments.of("blockCount max, short data", putLong(BloomFormat.OFFSET_BLOCK_COUNT, BloomFormat.MAX_BLOCK_COUNT),
            "length=192 does not match blockCount=4294967296 (expected 274877907008 bytes"),
        Arguments.of("blockCount one too many", putLong(BloomFormat.OFFSET_BLOCK_COUNT, 3),
            "length=192 does not match blockCount=3 (expected 256 bytes"),
        Arguments.of("blockCount one too few", putLong(BloomFormat.OFFSET_BLOCK_COUNT, 1),
            "length=192 does not match blockCount=1 (expected 128 bytes"),
        Arguments.of("truncated by a byte", length(191), "length=191 does not match blockCount=2 (expected 192"),
        Arguments.of("truncated by a block", length(128), "length=128 does not match blockCount=2"),
        Arguments.of("header only", length(64), "length=64 does not match blockCount=2"),
        Arguments.of("trailing byte", length(193), "length=193 does not match blockCount=2"),
        Arguments.of("hashCount 0", putInt(BloomFormat.OFFSET_HASH_COUNT, 0), "hashCount=0 is out of range (expected 1 to 32)"),
        Arguments.of("hashCount 33", putInt(BloomFormat.OFFSET_HASH_COUNT, 33), "hashCount=33 is out of range"),
        Arguments.of("hashCount negative", putInt(BloomFormat.OFFSET_HASH_COUNT, Integer.MIN_VALUE),
            "hashCount=2147483648 is out of range"),
        Arguments.of("hashFunction 0", putInt(BloomFormat.OFFSET_HASH_FUNCTION, 0), "hashFunction=0 is unknown"),
        Arguments.of("hashFunction 2", putInt(BloomFormat.OFFSET_HASH_FUNCTION, 2), "hashFunction=2 is unknown (expected 1"),
        Arguments.of("padding first byte", (UnaryOperator<byte[]>) b -> {
          b[BloomFormat.OFFSET_ZERO] = 1;
          return b;
        }, "header padding at offset 32 is 0x1 (expected zero)"),
        Arguments.of("padding last byte", (UnaryOperator<byte[]>) b -> {
          b[BloomFormat.HEADER_BYTES - 1] = (byte) 0x80;
          return b;
        }, "header padding at offset 56 is 0x8000000000000000"));
    return cases.flatMap(c -> Arrays.stream(Segments.values())
        .map(where -> Arguments.of(c.get()[0], c.get()[1], c.get()[2], where)));
  }

  @ParameterizedTest(name = "{0} ({3})")
  @MethodSource("corpus")
  void corruptFiltersAreRejectedWithTheFieldNamed(String name, UnaryOperator<byte[]> corrupt, String expected,
      Segments where) {
    try (Arena arena = Arena.ofConfined()) {
      final MemorySegment segment = where.place(corrupt.apply(valid()), dir, arena);
      final InvalidBloomException e = assertThrows(InvalidBloomException.class, () -> BloomView.wrap(segment));
      assertTrue(e.getMessage().startsWith("Bloom filter: "), e.getMessage());
      assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
  }

  @Test
  void isAnIllegalArgumentException() {
    assertTrue(IllegalArgumentException.class.isAssignableFrom(InvalidBloomException.class));
  }

  @Test
  void anySeedIsAccepted() {
    final byte[] bytes = putLong(BloomFormat.OFFSET_SEED, 0x0123456789ABCDEFL).apply(valid());
    assertEquals(2, BloomView.wrap(MemorySegment.ofArray(bytes)).blockCount());
  }

  /**
   * Random header damage and random lengths: {@link BloomView#wrap} either rejects the bytes or returns a view
   * whose queries stay within the segment (no exception at all).
   */
  @Test
  void randomDamageNeverEscapesAsAnotherException() {
    final SplittableRandom random = new SplittableRandom(21);
    final byte[][] probes = TestKeys.absent(64, 22);
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = valid();
      final int flips = 1 + random.nextInt(3);
      for (int i = 0; i < flips; i++) {
        bytes[random.nextInt(BloomFormat.HEADER_BYTES)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 65));
      }
      final BloomView view;
      try {
        view = BloomView.wrap(MemorySegment.ofArray(bytes));
      } catch (InvalidBloomException expected) {
        continue;
      }
      accepted++;
      for (byte[] key : probes) {
        view.mightContain(key);
      }
    }
    assertTrue(accepted > 0, "some damage (to the seed, or a no-op write) should leave a valid filter");
  }
}
