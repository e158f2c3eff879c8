package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link BloomHash} to XXH64. The first four vectors are xxHash's published ones; the others were
 * cross-checked against lz4-java's {@code XXHashFactory.safeInstance().hash64()}. A failure here means
 * serialised filters would no longer be read correctly: do not update the values, fix the hash.
 */
class BloomHashTest {
  @Test
  void matchesPublishedXxh64Vectors() {
    assertEquals(0xEF46DB3751D8E999L, BloomHash.hash64(new byte[0]));
    assertEquals(0xD24EC4F1A98C6E5BL, BloomHash.hash64(utf8("a")));
    assertEquals(0x44BC2CF5AD770999L, BloomHash.hash64(utf8("abc")));
    // 39 bytes: one 32-byte stripe, then a 4-byte and 3 single-byte tail steps.
    assertEquals(0xFBCEA83C8A378BF1L, BloomHash.hash64(utf8("Nobody inspects the spammish repetition")));
  }

  @Test
  void matchesReferenceOnLongAndNonAsciiKeysAndSeeds() {
    // 66 bytes: two stripes, then an 8-byte tail step and 2 single bytes.
    assertEquals(0x2D7AC3FFDAEB2FCAL, BloomHash.hash64(
        utf8("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.#")));
    assertEquals(0x87EE45351596FB4FL, BloomHash.hash64(utf8("io.graphsnap.bloom.BloomView#wrap")));
    assertEquals(0x5DA806B21C5B9488L, BloomHash.hash64(utf8("Größe.ñ#λ")));
    assertEquals(0x7E49C9D7E85A4AB6L, BloomHash.hash64(utf8("abc"), 0, 3, 0x9E3779B185EBCA8DL));
  }

  @Test
  void hashesOnlyTheGivenRange() {
    final byte[] padded = utf8("xxabcyy");
    assertEquals(BloomHash.hash64(utf8("abc")), BloomHash.hash64(padded, 2, 3));
    for (int length = 0; length <= 100; length++) {
      final byte[] key = new byte[length + 7];
      Arrays.fill(key, (byte) 0x5A);
      key[3] = 1;
      final byte[] copy = Arrays.copyOfRange(key, 3, 3 + length);
      assertEquals(BloomHash.hash64(copy), BloomHash.hash64(key, 3, length), "length=" + length);
    }
  }

  @Test
  void rejectsRangesOutsideTheArray() {
    final byte[] key = new byte[4];
    assertThrows(IndexOutOfBoundsException.class, () -> BloomHash.hash64(key, 1, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> BloomHash.hash64(key, -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> BloomHash.hash64(key, 0, -1));
  }
}
