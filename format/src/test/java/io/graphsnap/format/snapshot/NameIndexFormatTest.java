package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameIndexFormatTest {

  @Test
  void slotCountIsTheSmallestIntegerAtLeastNOverThreeQuarters() {
    assertEquals(0, NameIndexFormat.slotCount(0));
    assertEquals(2, NameIndexFormat.slotCount(1));
    assertEquals(3, NameIndexFormat.slotCount(2));
    assertEquals(4, NameIndexFormat.slotCount(3));
    assertEquals(1_600_000, NameIndexFormat.slotCount(1_200_000));
    for (int n = 0; n < 10_000; n++) {
      long slots = NameIndexFormat.slotCount(n);
      assertTrue(slots * 3 >= 4L * n && (slots - 1) * 3 < 4L * n || n == 0, "n=" + n + " slots=" + slots);
    }
    assertEquals(2_863_311_530L, NameIndexFormat.slotCount(Integer.MAX_VALUE)); // still a UInt32
    assertEquals(8 + 4 * 1_600_000L, NameIndexFormat.sectionBytes(1_200_000));
    assertThrows(IllegalArgumentException.class, () -> NameIndexFormat.slotCount(-1));
  }

  @Test
  void idBitsHoldTheLargestId() {
    assertEquals(1, NameIndexFormat.idBits(0));
    assertEquals(1, NameIndexFormat.idBits(1));
    assertEquals(1, NameIndexFormat.idBits(2));
    assertEquals(2, NameIndexFormat.idBits(3));
    assertEquals(20, NameIndexFormat.idBits(1 << 20));
    assertEquals(21, NameIndexFormat.idBits((1 << 20) + 1));
    assertEquals(21, NameIndexFormat.idBits(1_200_000));
    assertEquals(31, NameIndexFormat.idBits(Integer.MAX_VALUE));
  }

  @Test
  void homeSlotsAndSlotValuesStayInRange() {
    SplittableRandom r = new SplittableRandom(7);
    for (long slots : new long[] {1, 2, 3, 1_600_000, 2_863_311_530L, (1L << 32) - 1}) {
      for (int i = 0; i < 10_000; i++) {
        long h = i < 2 ? (i == 0 ? 0 : -1) : r.nextLong();
        long home = NameIndexFormat.homeSlot(h, slots);
        assertTrue(home >= 0 && home < slots, "home " + home + " of " + slots);
      }
    }
    for (int n : new int[] {1, 2, 11, 1_200_000, Integer.MAX_VALUE}) {
      int idBits = NameIndexFormat.idBits(n);
      for (int i = 0; i < 1_000; i++) {
        long h = r.nextLong();
        int id = r.nextInt(n);
        int value = NameIndexFormat.slotValue(id, h, idBits);
        assertTrue(value >= 0, "never negative, so never EMPTY");
        assertEquals(id, value & (int) ((1L << idBits) - 1));
        assertEquals(NameIndexFormat.fingerprint(h, idBits), value >>> idBits);
      }
    }
    assertEquals(0, NameIndexFormat.fingerprint(-1L, 31)); // no fingerprint bits left at 2^31 ids
    assertEquals(0x3FF, NameIndexFormat.fingerprint(-1L, 21)); // 10 bits at 1.2 M nodes
  }

  @Test
  void homeSlotIsFastrangeOfTheHigh32Bits() {
    assertEquals(0, NameIndexFormat.homeSlot(0xFFFF_FFFFL, 1000)); // low bits do not matter
    assertEquals(999, NameIndexFormat.homeSlot(0xFFFF_FFFF_0000_0000L, 1000));
    assertEquals(500, NameIndexFormat.homeSlot(0x8000_0000_0000_0000L, 1000));
  }
}
