package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The multikey quicksort of a {@link KeyBuffer} against a stable comparison sort, on keys with long shared prefixes and
 * duplicates.
 */
class KeySortTest {
  private record Item(byte[] key, int written) {}

  private static void check(List<byte[]> keys) {
    Item[] items = new Item[keys.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = new Item(keys.get(i), i);
    }
    Item[] expected = items.clone();
    Arrays.sort(expected, Comparator.comparing(Item::key, Arrays::compareUnsigned)); // stable
    KeyBuffer buffer = new KeyBuffer();
    for (byte[] key : keys) {
      buffer.add(key, SymbolRunFormat.ADD);
    }
    int[] order = KeySort.sort(buffer);
    for (int i = 0; i < items.length; i++) {
      assertEquals(expected[i].written(), order[i], "position " + i + " of " + items.length);
    }
  }

  @Test
  void sortsAsAStableComparisonSort() {
    Random random = new Random(11);
    for (int round = 0; round < 60; round++) {
      int n = random.nextInt(round < 30 ? 40 : 3000);
      List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StringBuilder key = new StringBuilder("com.example.module" + random.nextInt(3) + ".pkg");
        int parts = random.nextInt(4);
        for (int p = 0; p < parts; p++) {
          key.append('.').append((char) ('a' + random.nextInt(3)));
        }
        byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(4) == 0) {
          bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(3)); // NULs and high bytes after the text
          bytes[bytes.length - 1] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
        }
        keys.add(bytes);
      }
      check(keys);
    }
    List<byte[]> same = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      same.add(new byte[] {1, 2, 3});
      same.add(new byte[] {1, 2});
      same.add(new byte[0]);
    }
    check(same);
  }
}
