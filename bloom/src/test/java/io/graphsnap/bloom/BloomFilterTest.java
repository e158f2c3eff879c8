package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Builder → bytes → {@link BloomView} over a heap segment: membership, rate, determinism, argument checks. */
class BloomFilterTest {
  private static BloomView build(byte[][] keys, int bitsPerKey) {
    final BloomFilterBuilder builder = new BloomFilterBuilder(keys.length, bitsPerKey);
    for (byte[] key : keys) {
      builder.add(key);
    }
    return BloomView.wrap(MemorySegment.ofArray(builder.toByteArray()));
  }

  @Test
  void hasNoFalseNegativesOn100kKeys() {
    final byte[][] keys = TestKeys.present(100_000, 1);
    final BloomView view = build(keys, BloomFilterBuilder.DEFAULT_BITS_PER_KEY);
    for (byte[] key : keys) {
      assertTrue(view.mightContain(key), () -> new String(key));
    }
  }

  @Test
  void falsePositiveRateAtDefaultBitsPerKeyIsAtMostOnePercent() {
    final byte[][] keys = TestKeys.present(100_000, 2);
    final BloomView view = build(keys, BloomFilterBuilder.DEFAULT_BITS_PER_KEY);
    final byte[][] absent = TestKeys.absent(1_000_000, 3);
    int falsePositives = 0;
    for (byte[] key : absent) {
      if (view.mightContain(key)) {
        falsePositives++;
      }
    }
    final double rate = (double) falsePositives / absent.length;
    System.out.printf("BloomFilterTest: bitsPerKey=%d hashCount=%d blocks=%d: false-positive rate %.4f%% "
            + "(%d of %d absent keys, %d keys added)%n", BloomFilterBuilder.DEFAULT_BITS_PER_KEY,
        view.hashCount(), view.blockCount(), 100 * rate, falsePositives, absent.length, keys.length);
    assertTrue(rate <= 0.01, "false-positive rate " + rate + " exceeds 1%");
  }

  @Test
  void lowerBitsPerKeyGivesAHigherButBoundedRate() {
    final byte[][] keys = TestKeys.present(20_000, 4);
    final byte[][] absent = TestKeys.absent(200_000, 5);
    final double at4 = rate(build(keys, 4), absent);
    final double at16 = rate(build(keys, 16), absent);
    assertTrue(at4 > at16, "rate at 4 bits/key " + at4 + " should exceed rate at 16 bits/key " + at16);
    assertTrue(at4 < 0.2, "rate at 4 bits/key " + at4);
    assertTrue(at16 < 0.003, "rate at 16 bits/key " + at16);
  }

  private static double rate(BloomView view, byte[][] absent) {
    int hits = 0;
    for (byte[] key : absent) {
      hits += view.mightContain(key) ? 1 : 0;
    }
    return (double) hits / absent.length;
  }

  @Test
  void zeroKeysGiveAValidFilterThatAnswersFalse() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(0);
    assertEquals(1, builder.blockCount());
    final byte[] bytes = builder.toByteArray();
    assertEquals(BloomFormat.HEADER_BYTES + BloomFormat.BLOCK_BYTES, bytes.length);
    final BloomView view = BloomView.wrap(MemorySegment.ofArray(bytes));
    for (byte[] key : TestKeys.absent(1000, 6)) {
      assertFalse(view.mightContain(key));
    }
    assertFalse(view.mightContain(new byte[0]));
  }

  @Test
  void emptyKeyAndSubrangesAreKeysLikeAnyOther() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(2);
    builder.add(new byte[0]);
    builder.add(utf8("__Foo.bar__"), 2, 7);
    final BloomView view = BloomView.wrap(MemorySegment.ofArray(builder.toByteArray()));
    assertTrue(view.mightContain(new byte[0]));
    assertTrue(view.mightContain(utf8("Foo.bar")));
    assertTrue(view.mightContain(utf8("xFoo.barx"), 1, 7));
    assertThrows(IndexOutOfBoundsException.class, () -> view.mightContain(new byte[3], 2, 2));
  }

  @Test
  void sameKeysInAnyOrderWithRepeatsGiveIdenticalBytes() {
    final List<byte[]> keys = new ArrayList<>(Arrays.asList(TestKeys.present(5_000, 7)));
    final byte[] first = serialise(keys, 5_000);
    Collections.shuffle(keys, new Random(8));
    keys.addAll(keys.subList(0, 100));
    Collections.shuffle(keys, new Random(9));
    assertArrayEquals(first, serialise(keys, 5_000));
  }

  private static byte[] serialise(List<byte[]> keys, long expectedKeys) {
    final BloomFilterBuilder builder = new BloomFilterBuilder(expectedKeys);
    keys.forEach(builder::add);
    return builder.toByteArray();
  }

  @Test
  void writeToWritesLittleEndianAtThePositionAndLeavesTheOrder() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(100);
    builder.add(utf8("a.B#c"));
    final byte[] expected = builder.toByteArray();
    final ByteBuffer out = ByteBuffer.allocate(expected.length + 16).order(ByteOrder.BIG_ENDIAN);
    out.position(8);
    builder.writeTo(out);
    assertEquals(8 + builder.serializedSize(), out.position());
    assertSame(ByteOrder.BIG_ENDIAN, out.order());
    assertArrayEquals(expected, Arrays.copyOfRange(out.array(), 8, 8 + expected.length));
    assertEquals(builder.serializedSize(), expected.length);
  }

  @Test
  void writeToRefusesATooSmallBufferWithoutWriting() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(10);
    final ByteBuffer out = ByteBuffer.allocate((int) builder.serializedSize() - 1);
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.writeTo(out));
    assertTrue(e.getMessage().contains("serializedSize()=" + builder.serializedSize()), e.getMessage());
    assertEquals(0, out.position());
    builder.add(utf8("still usable"));
  }

  @Test
  void isSingleUse() {
    final BloomFilterBuilder builder = new BloomFilterBuilder(10);
    builder.add(utf8("x"));
    final byte[] bytes = builder.toByteArray();
    assertArrayEquals(bytes, builder.toByteArray());
    assertThrows(IllegalStateException.class, () -> builder.add(utf8("y")));
  }

  @Test
  void sizesFromExpectedKeysAndBitsPerKey() {
    assertEquals(1, new BloomFilterBuilder(46, 11).blockCount());
    assertEquals(2, new BloomFilterBuilder(47, 11).blockCount());
    assertEquals(7, new BloomFilterBuilder(10, 11).hashCount());
    assertEquals(6, new BloomFilterBuilder(10, 10).hashCount());
    final BloomFilterBuilder builder = new BloomFilterBuilder(100_000);
    assertEquals(BloomFormat.HEADER_BYTES + 64L * builder.blockCount(), builder.serializedSize());
    for (int bitsPerKey = BloomFilterBuilder.MIN_BITS_PER_KEY; bitsPerKey <= BloomFilterBuilder.MAX_BITS_PER_KEY;
        bitsPerKey++) {
      final int hashCount = new BloomFilterBuilder(1, bitsPerKey).hashCount();
      assertTrue(hashCount >= 1 && hashCount <= BloomFormat.MAX_HASH_COUNT, "hashCount=" + hashCount);
    }
  }

  @Test
  void rejectsBadConstructorArguments() {
    assertThrows(IllegalArgumentException.class, () -> new BloomFilterBuilder(-1));
    assertThrows(IllegalArgumentException.class, () -> new BloomFilterBuilder(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new BloomFilterBuilder(10, 65));
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BloomFilterBuilder(Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("expectedKeys=" + Long.MAX_VALUE), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new BloomFilterBuilder(BloomFilterBuilder.MAX_BLOCK_COUNT * 512 / 64 + 1, 64));
  }
}
