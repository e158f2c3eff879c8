package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed details give back every entry as added: across chunks, empty ones, one longer than any chunk. */
class DetailEntriesTest {
  @Test
  void everyEntryComesBackAsAdded() {
    Random r = new Random(9);
    DetailEntries entries = new DetailEntries();
    List<byte[]> added = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      int length = i == 1000 ? (5 << 20) : i % 97 == 0 ? 0 : r.nextInt(10) == 0 ? 32 + r.nextInt(200) : 3;
      byte[] e = new byte[length];
      r.nextBytes(e);
      entries.add(e);
      added.add(e);
    }
    entries.trim();
    assertEquals(added.size(), entries.size());
    for (int i = 0; i < added.size(); i++) {
      assertArrayEquals(added.get(i), entries.get(i), "entry " + i);
    }
    assertTrue(entries.heapBytes() < 8L * added.size() + (5 << 20) + 3 * (4 << 20), "packed: " + entries.heapBytes());
    assertThrows(IndexOutOfBoundsException.class, () -> entries.get(added.size()));
  }
}
