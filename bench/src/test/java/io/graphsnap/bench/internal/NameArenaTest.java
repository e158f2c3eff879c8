package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameArenaTest {
  @Test
  void decimalsAreSpelledAsJavaSpellsThem() {
    NameArena names = new NameArena();
    long[] values = {0, 1, 9, 10, 99, 100, 101, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000,
        9_999_999, 10_000_000, 99_999_999, 100_000_000, 999_999_999, 1_000_000_000, Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L, Long.MAX_VALUE, -1, -10, Integer.MIN_VALUE, Long.MIN_VALUE};
    for (long v : values) {
      assertEquals(Long.toString(v), names.string(names.appendDecimal(v).end()));
      if (v == (int) v) {
        assertEquals(Integer.toString((int) v), names.string(names.appendDecimal((int) v).end()));
      }
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      int v = r.nextInt(Integer.MAX_VALUE) >>> r.nextInt(31);
      assertEquals(Integer.toString(v), names.string(names.appendDecimal(v).end()));
    }
  }

  @Test
  void namesAreBuiltFromWordsNumbersAndEarlierNames() {
    NameArena names = new NameArena();
    int pkg = names.append(NameArena.word("org.acme.m")).appendDecimal(3).append(".p").appendDecimal(17).end();
    int type = names.appendName(pkg).append(".C").appendDecimal(12345).end();
    assertEquals("org.acme.m3.p17", names.string(pkg));
    assertEquals("org.acme.m3.p17.C12345", names.string(type));
    names.clear();
    assertEquals("x", names.string(names.append("x").end()));
  }

  @Test
  void piecesThatWouldNeedEscapingAreRefused() {
    for (String bad : new String[] {"a\"b", "a\\b", "tab\t", "é", "\u007f"}) {
      assertThrows(IllegalArgumentException.class, () -> NameArena.word(bad), bad);
    }
  }

  @Test
  void namesCompareAsTheirStrings() {
    SplittableRandom r = new SplittableRandom(11);
    NameArena names = new NameArena();
    List<String> strings = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    String alphabet = "#./09AZaz~ ";
    for (int i = 0; i < 400; i++) {
      StringBuilder s = new StringBuilder(i % 3 == 0 ? "org.acme.m1.p2.C" : "");
      int length = r.nextInt(30);
      for (int k = 0; k < length; k++) {
        s.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      strings.add(s.toString());
      ids.add(names.append(s.toString()).end());
    }
    strings.add("org.acme.m1.p2.C"); // a prefix of many
    ids.add(names.append("org.acme.m1.p2.C").end());
    for (int a = 0; a < strings.size(); a++) {
      for (int b = 0; b < strings.size(); b++) {
        int expected = Integer.signum(strings.get(a).compareTo(strings.get(b)));
        String pair = strings.get(a) + " vs " + strings.get(b);
        assertEquals(expected, Integer.signum(names.compare(ids.get(a), ids.get(b))), pair);
        for (int offset : new int[] {0, 8, 16, 24}) { // words agree with the order until they tie
          int words = Long.compareUnsigned(names.word(ids.get(a), offset), names.word(ids.get(b), offset));
          if (words != 0) {
            assertEquals(expected, Integer.signum(words), pair + " at " + offset);
            break;
          }
        }
      }
    }
  }
}
