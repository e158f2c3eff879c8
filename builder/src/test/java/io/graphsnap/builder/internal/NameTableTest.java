package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The name table: dense ids in arrival order, one per distinct name, sorted in code-point order. */
class NameTableTest {
  private static final String[] ODD = {"", "é", "\uFFFD", "\uD83D\uDE00", "\uD800\uDC00", "中", "?", "a"};

  @Test
  void internsSortsAndGrowsLikeTheStringDictionary() {
    Random r = new Random(4);
    NameTable table = new NameTable("name", 4);
    Dictionary model = new Dictionary("name", 4);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String s = "n" + r.nextInt(20_000) + ODD[r.nextInt(ODD.length)] + ODD[r.nextInt(ODD.length)];
      assertEquals(model.intern(s, "f"), table.intern(s, "f"), s);
      all.add(s);
    }
    String big = "x".repeat((1 << 22) + 3); // longer than a chunk: its own chunk
    assertEquals(model.intern(big, "f"), table.intern(big, "f"));
    assertEquals(model.intern("after", "f"), table.intern("after", "f"));
    assertEquals(model.size(), table.size());
    table.freeIndex();
    for (int p = 0; p < table.size(); p += 97) {
      assertEquals(model.get(p), table.get(p));
    }
    Dictionary.Sorted expected = model.sort(p -> p % 3 != 0);
    NameTable.Sorted sorted = table.sort(p -> p % 3 != 0);
    assertArrayEquals(expected.remap(), sorted.remap());
    assertEquals(expected.size(), sorted.size());
    for (int v = 0; v < sorted.size(); v++) {
      assertEquals(expected.strings()[v], sorted.get(v));
      assertArrayEquals(expected.strings()[v].getBytes(StandardCharsets.UTF_8), sorted.utf8(v));
    }
    assertTrue(sorted.size() > 10_000);
  }

  /**
   * The radix sort against a comparison of UTF-8 bytes, on names that defeat an 8-byte digit: long shared prefixes
   * (many levels), names that end inside a digit or exactly at its end, prefixes of each other, NUL bytes (equal to
   * the digit's padding), empty and non-ASCII names, and ranges both above and below the comparison cut-off.
   */
  @Test
  void theRadixSortAgreesWithComparingTheBytes() {
    Random r = new Random(7);
    String[] stems = {"", "org.acme.m", "org.acme.m1.p2.C3#", "x".repeat(40), "a\0", "\0", "é中"};
    for (int round = 0; round < 20; round++) {
      NameTable table = new NameTable("name", 4);
      java.util.TreeSet<String> distinct = new java.util.TreeSet<>();
      int n = round < 10 ? 1 + r.nextInt(40) : 5_000 + r.nextInt(5_000);
      for (int i = 0; i < n; i++) {
        StringBuilder b = new StringBuilder(stems[r.nextInt(stems.length)]);
        int tail = r.nextInt(18);
        for (int k = 0; k < tail; k++) {
          int c = r.nextInt(10);
          b.append(c == 0 ? '\0' : c == 1 ? 'é' : (char) ('0' + r.nextInt(3)));
        }
        String s = b.toString();
        table.intern(s, "f");
        distinct.add(s);
      }
      NameTable.Sorted sorted = table.sort(p -> true);
      List<byte[]> expected = new ArrayList<>();
      for (String s : distinct) {
        expected.add(s.getBytes(StandardCharsets.UTF_8));
      }
      expected.sort(java.util.Arrays::compareUnsigned);
      assertEquals(expected.size(), sorted.size());
      for (int v = 0; v < sorted.size(); v++) {
        assertArrayEquals(expected.get(v), sorted.utf8(v), "rank " + v + " of round " + round);
      }
    }
  }

  @Test
  void anUnpairedSurrogateIsRefusedEvenWhenItsReplacementIsKnown() {
    NameTable table = new NameTable("symbol name", 4);
    table.intern("x?y", "a.java");
    BuildInputException e = assertThrows(BuildInputException.class, () -> table.intern("x\uD800y", "b.java"));
    assertTrue(e.getMessage().contains("b.java"), e.getMessage());
    assertThrows(BuildInputException.class, () -> table.intern("z\uDC00", "c.java"));
  }
}
