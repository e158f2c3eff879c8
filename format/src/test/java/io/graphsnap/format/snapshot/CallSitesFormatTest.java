package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CallSitesFormat}: the entry encoder and decoder agree, the bytes follow the grammar, damage is caught. */
class CallSitesFormatTest {
  @Test
  void entriesRoundTrip() {
    Random r = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int row = 1 + r.nextInt(40);
      int[][] lines = new int[row][];
      CallSitesFormat.EntryEncoder e = new CallSitesFormat.EntryEncoder();
      for (int p = 0; p < row; p++) {
        if (r.nextInt(3) == 0) {
          int n = 1 + r.nextInt(r.nextInt(5) == 0 ? 30 : 3);
          java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
          while (set.size() < n) {
            set.add(1 + r.nextInt(r.nextInt(10) == 0 ? Integer.MAX_VALUE - 1 : 2000));
          }
          lines[p] = set.stream().mapToInt(Integer::intValue).toArray();
          e.add(p, lines[p]);
        }
      }
      byte[] bytes = e.toByteArray();
      CallSitesFormat.EntryDecoder d = new CallSitesFormat.EntryDecoder(MemorySegment.ofArray(bytes), 0, bytes.length, row);
      int[][] back = new int[row][];
      for (int p = d.next(); p >= 0; p = d.next()) {
        back[p] = d.lines();
      }
      for (int p = 0; p < row; p++) {
        assertArrayEquals(lines[p], back[p], "trial " + trial + " position " + p);
      }
    }
  }

  @Test
  void theBytesFollowTheGrammar() {
    // position 2 (Skip 2) with lines 10, 11; position 3 (Skip 0) with nine lines from 5: Head 7, MoreLines 1
    byte[] bytes = new CallSitesFormat.EntryEncoder().add(2, new int[] {10, 11})
        .add(3, new int[] {5, 6, 7, 8, 9, 10, 11, 12, 13}).toByteArray();
    byte[] expected = {2 * 8 + 1, 20, 1, 7, 1, 9, 1, 1, 1, 1, 1, 1, 1, 1};
    assertArrayEquals(expected, bytes);
  }

  @Test
  void sectionLayout() {
    byte[] a = {0, 0, 2};
    byte[] b = {8, 4};
    byte[] section = SectionSink.Bytes.of(out -> CallSitesFormat.write(out, new int[] {3, 9}, new byte[][] {a, b}, 2));
    MemorySegment s = MemorySegment.ofArray(section);
    assertEquals(2, CallSitesFormat.storedCount(s));
    assertEquals(0, CallSitesFormat.storedZero(s));
    assertEquals(0, CallSitesFormat.end(s, 0));
    assertEquals(3, CallSitesFormat.end(s, 1));
    assertEquals(5, CallSitesFormat.end(s, 2));
    assertEquals(3, CallSitesFormat.node(s, 2, 0));
    assertEquals(9, CallSitesFormat.node(s, 2, 1));
    assertEquals(28, CallSitesFormat.dataOffset(2));
    assertEquals(28 + 5, section.length);
    assertEquals(1, CallSitesFormat.find(s, 2, 9));
    assertEquals(-1, CallSitesFormat.find(s, 2, 4));
    assertEquals(1, CallSitesFormat.lowerBound(s, 2, 4));
    assertEquals(2, CallSitesFormat.lowerBound(s, 2, 10));
  }

  @Test
  void damagedEntriesAreRefused() {
    byte[][] bad = {
        {(byte) 0x80},                        // a VarInt that runs past the entry
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, // longer than five bytes
        {5 * 8, 2},                            // position 5 in a row of 3
        {0, 0},                                // first line 0
        {1, 2, 0},                             // a gap of 0
        {7, 100, 2},                           // 108 lines in three bytes
        {0, 2, 0, 1},                          // position 0 twice? (Skip is relative: next is 1, fine) then line -1
    };
    for (byte[] b : bad) {
      CallSitesFormat.EntryDecoder d = new CallSitesFormat.EntryDecoder(MemorySegment.ofArray(b), 0, b.length, 3);
      assertThrows(CallSitesFormat.MalformedEntryException.class, () -> {
        while (d.next() >= 0) {
          // walk
        }
      }, java.util.Arrays.toString(b));
    }
    assertThrows(IllegalArgumentException.class, () -> new CallSitesFormat.EntryEncoder().add(1, new int[] {3}).add(1, new int[] {4}));
    assertThrows(IllegalArgumentException.class, () -> new CallSitesFormat.EntryEncoder().add(0, new int[] {4, 4}));
  }
}
