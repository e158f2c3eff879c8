package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  /** Code points from every UTF-8 length class and both sides of the surrogate block. */
  static final int[] CODE_POINTS = {'a', 'z', 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
      0x1F600, 0x10FFFF};

  static String randomString(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(CODE_POINTS[r.nextInt(CODE_POINTS.length)]);
    }
    return b.toString();
  }

  @Test
  void compareIsTheOrderOfUnsignedUtf8Bytes() {
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      String a = randomString(r);
      String b = randomString(r);
      int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(Utf8.compare(a, b)), a + " vs " + b);
    }
  }

  @Test
  void differsFromStringCompareToForSupplementaryCharacters() {
    String emoji = "\uD83D\uDE00";
    assertTrue(emoji.compareTo("\uFFFD") < 0, "UTF-16 order puts the surrogate first");
    assertTrue(Utf8.compare(emoji, "\uFFFD") > 0, "code-point order puts U+1F600 after U+FFFD");
  }

  @Test
  void encodeMatchesTheJdkForValidStrings() {
    Random r = new Random(2);
    for (int i = 0; i < 5_000; i++) {
      String s = randomString(r);
      assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s, "test"), s);
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8.length(s, "test"));
    }
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    for (String bad : new String[] {"\uD800", "a\uDC00", "\uD83Dx", "x\uDE00\uD83D"}) {
      BuildInputException e = assertThrows(BuildInputException.class, () -> Utf8.encode(bad, "the name"));
      assertTrue(e.getMessage().startsWith("the name holds an unpaired surrogate"), e.getMessage());
    }
  }
}
