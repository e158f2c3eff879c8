package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The flat write buffer of the symbol runs against a sorted map of the same writes (the last write of a key wins). */
class KeyBufferTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Checks the buffer's sorted view against {@code expected} (key → op). */
  private static void assertSortedAs(TreeMap<byte[], Byte> expected, KeyBuffer buffer) {
    buffer.sortUnique();
    assertEquals(expected.size(), buffer.sortedCount());
    int rank = 0;
    for (Map.Entry<byte[], Byte> e : expected.entrySet()) {
      assertArrayEquals(e.getKey(), buffer.key(rank), "key of rank " + rank);
      assertEquals(e.getValue(), buffer.op(rank), "op of rank " + rank);
      rank++;
    }
    List<byte[]> fromSource = new ArrayList<>();
    SymbolMerge.Source source = buffer.source();
    while (source.next()) {
      fromSource.add(source.key());
    }
    assertEquals(expected.size(), fromSource.size());
  }

  @Test
  void keepsTheLastWriteOfEachKeyInKeyOrderAcrossGrowingPagesAndRefills() {
    Random random = new Random(5);
    KeyBuffer buffer = new KeyBuffer();
    for (int round = 0; round < 4; round++) {
      TreeMap<byte[], Byte> expected = new TreeMap<>(Arrays::compareUnsigned);
      int writes = round == 0 ? 10 : 30_000; // 30,000 keys of up to ~100 bytes fill several pages
      for (int i = 0; i < writes; i++) {
        byte[] key = bytes("org.example.m" + random.nextInt(20) + ".C" + random.nextInt(writes / 3 + 1) + "#m"
            + "x".repeat(random.nextInt(60)));
        byte op = random.nextBoolean() ? SymbolRunFormat.ADD : SymbolRunFormat.REMOVE;
        buffer.add(key, op);
        expected.put(key, op);
      }
      assertEquals(writes, buffer.size());
      assertSortedAs(expected, buffer);
      buffer.clear(); // the next round refills the same pages
      assertTrue(buffer.isEmpty());
    }
  }

  @Test
  void aKeyLongerThanAPageGetsAPageOfItsOwn() {
    KeyBuffer buffer = new KeyBuffer();
    TreeMap<byte[], Byte> expected = new TreeMap<>(Arrays::compareUnsigned);
    byte[] small = bytes("a.b");
    byte[] huge = new byte[KeyBuffer.PAGE_BYTES + 17];
    Arrays.fill(huge, (byte) 'z');
    byte[] after = bytes("m.n");
    for (byte[] key : List.of(small, huge, after)) {
      buffer.add(key, SymbolRunFormat.ADD);
      expected.put(key, SymbolRunFormat.ADD);
    }
    assertSortedAs(expected, buffer);
    buffer.clear();
    buffer.add(after, SymbolRunFormat.REMOVE); // the reused first page, then the huge one again
    buffer.add(huge, SymbolRunFormat.REMOVE);
    expected.clear();
    expected.put(after, SymbolRunFormat.REMOVE);
    expected.put(huge, SymbolRunFormat.REMOVE);
    assertSortedAs(expected, buffer);
  }

  @Test
  void findsTheLowerRankAndRefusesReadsAfterAnUnsortedWrite() {
    KeyBuffer buffer = new KeyBuffer();
    for (String key : List.of("b", "d", "a", "c", "b")) {
      buffer.add(bytes(key), SymbolRunFormat.ADD);
    }
    buffer.sortUnique();
    assertEquals(4, buffer.sortedCount());
    assertEquals(0, buffer.lowerRank(bytes("")));
    assertEquals(1, buffer.lowerRank(bytes("b")));
    assertEquals(2, buffer.lowerRank(bytes("b\0")));
    assertEquals(4, buffer.lowerRank(bytes("e")));
    buffer.add(bytes("e"), SymbolRunFormat.ADD);
    assertThrows(IllegalStateException.class, () -> buffer.key(0));
    buffer.sortUnique();
    assertArrayEquals(bytes("e"), buffer.key(4));
  }
}
