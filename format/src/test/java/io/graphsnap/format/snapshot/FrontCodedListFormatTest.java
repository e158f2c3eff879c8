package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link FrontCodedListWriter} writes the grammar of {@link FrontCodedListFormat}, which reads it back. */
class FrontCodedListFormatTest {

  @Test
  void theBytesFollowTheGrammar() {
    byte[] actual = write(List.of("ab", "abc", "b"), 2);
    byte[] expected = {
        3, 0, 0, 0, 2, 0, 0, 0, // Count 3, BlockSize 2
        2, 'a', 'b', 2, 1, 'c', // block 0 at 8: head "ab", then Shared 2, SuffixLength 1, "c"
        1, 'b', // block 1 at 14: head "b"
        8, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0}; // BlockStart[0] = 8, BlockStart[1] = 14
    assertArrayEquals(expected, actual);
    MemorySegment list = MemorySegment.ofArray(actual);
    assertEquals(3, FrontCodedListFormat.count(list));
    assertEquals(2, FrontCodedListFormat.blockSize(list));
    long index = FrontCodedListFormat.indexOffset(actual.length, FrontCodedListFormat.blockCount(3, 2));
    assertEquals(16, index);
    assertEquals(14, FrontCodedListFormat.blockStart(list, index, 1));
  }

  @Test
  void edgeCasesRoundTripInEveryBlockSize() {
    String longName = "x".repeat(70_000); // a three-byte VarUInt
    List<List<String>> cases = List.of(
        List.of(),
        List.of("only"),
        List.of(""),
        List.of("", "a", "ab", "abc", "abcd"), // each shares the whole previous string
        List.of("a", longName, longName + "y", "y"),
        List.of("naïve", "naïveté", "ünïcödé", "ünïcödé𝄞", "日本", "日本語", "𝄞 clef"));
    for (List<String> strings : cases) {
      for (int blockSize : new int[] {1, 2, 8, 16, 32}) {
        assertEquals(strings, decode(write(strings, blockSize)), strings.size() + " strings, blocks of " + blockSize);
      }
    }
  }

  @Test
  void blockBoundariesRoundTrip() {
    for (int count : new int[] {15, 16, 17, 31, 32, 33, 100}) {
      List<String> strings = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        strings.add(String.format("io.graphsnap.pkg.Class%04d.method", i));
      }
      byte[] bytes = write(strings, 16);
      assertEquals(strings, decode(bytes));
      long blocks = FrontCodedListFormat.blockCount(count, 16);
      assertEquals((count + 15) / 16, blocks);
      MemorySegment list = MemorySegment.ofArray(bytes);
      long index = FrontCodedListFormat.indexOffset(bytes.length, blocks);
      long previous = 0;
      for (long b = 0; b < blocks; b++) { // each block starts with its head, whole
        long start = FrontCodedListFormat.blockStart(list, index, b);
        assertTrue(start > previous && start < index);
        long v = FrontCodedListFormat.readVar(list, start);
        byte[] head = strings.get((int) (16 * b)).getBytes(StandardCharsets.UTF_8);
        assertEquals(head.length, (int) v);
        assertArrayEquals(head, list.asSlice(start + (v >>> 32), head.length).toArray(LittleEndian.BYTE));
        previous = start;
      }
    }
  }

  @Test
  void randomSortedListsRoundTrip() {
    Random random = new Random(20261204);
    for (int round = 0; round < 20; round++) {
      TreeSet<String> set = new TreeSet<>((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      int n = random.nextInt(300);
      while (set.size() < n) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(12); k > 0; k--) {
          s.append("ab.é€𝄞".charAt(random.nextInt(5)));
        }
        set.add(s.toString());
      }
      List<String> strings = new ArrayList<>(set);
      assertEquals(strings, decode(write(strings, 1 << random.nextInt(6))));
    }
  }

  @Test
  void theWriterRefusesUnsortedInputAndWrongCounts() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> write(List.of("b", "a"), 4));
    assertThrows(IllegalArgumentException.class, () -> write(List.of("a", "a"), 4));
    assertThrows(IllegalArgumentException.class, () -> write(List.of("ab", "a"), 4)); // a prefix sorts first
    assertThrows(IllegalArgumentException.class, () -> write(List.of("b", "a"), 1)); // across blocks too
    assertThrows(IllegalArgumentException.class, () -> new FrontCodedListWriter(SectionSink.ofBytes(), 1, 3));
    assertThrows(IllegalArgumentException.class, () -> new FrontCodedListWriter(SectionSink.ofBytes(), 1, 2048));
    FrontCodedListWriter w = new FrontCodedListWriter(SectionSink.ofBytes(), 1, 4);
    assertThrows(IllegalStateException.class, w::finish);
    w.add(new byte[] {'a'});
    assertThrows(IllegalArgumentException.class, () -> w.add(new byte[] {'b'}));
  }

  @Test
  void entryIncreasesIsTheOrderCheck() {
    assertTrue(FrontCodedListFormat.entryIncreases(2, 2, 1, 'c', -1)); // "ab" then "abc"
    assertTrue(FrontCodedListFormat.entryIncreases(3, 1, 1, 'c', 'b')); // "abc" then "ac"
    assertFalse(FrontCodedListFormat.entryIncreases(3, 1, 1, 'a', 'b')); // "abc" then "aa"
    assertFalse(FrontCodedListFormat.entryIncreases(3, 1, 1, 'b', 'b')); // Shared not the longest
    assertFalse(FrontCodedListFormat.entryIncreases(2, 2, 0, -1, -1)); // a repeat
    assertFalse(FrontCodedListFormat.entryIncreases(2, 1, 0, -1, 'b')); // a prefix of the previous
    assertFalse(FrontCodedListFormat.entryIncreases(2, 3, 1, 'c', -1)); // shares more than there is
  }

  @Test
  void namesAreFrontCodedInCompactFilesFromVersion6() {
    assertFalse(FrontCodedListFormat.frontCoded(5, CompactCsrFormat.Layout.COMPACT));
    assertFalse(FrontCodedListFormat.frontCoded(6, CompactCsrFormat.Layout.FIXED));
    assertTrue(FrontCodedListFormat.frontCoded(SnapshotFormat.VERSION_FRONT_CODED_NAMES,
        CompactCsrFormat.Layout.COMPACT));
  }

  private static byte[] write(List<String> strings, int blockSize) {
    return SectionSink.Bytes.of(out -> {
      FrontCodedListWriter w = new FrontCodedListWriter(out, strings.size(), blockSize);
      for (String s : strings) {
        w.add(s.getBytes(StandardCharsets.UTF_8));
      }
      w.finish();
    });
  }

  /**
   * The walk checks what it relies on: a count, a first length or a suffix that runs past the blocks is a corrupt
   * section naming the file and section, never a read past the list or an allocation of gigabytes.
   */
  @Test
  void aDamagedListIsACorruptSectionForEach() {
    byte[] good = write(List.of("alpha", "alphabet", "beta", "betamax", "gamma"), 2);
    assertEquals(List.of("alpha", "alphabet", "beta", "betamax", "gamma"), decode(good));
    byte[] count = good.clone();
    count[FrontCodedListFormat.COUNT + 3] = 0x40; // a count of about 2^30
    byte[] length = good.clone();
    length[FrontCodedListFormat.BLOCKS] = 0x7F; // the first string 127 bytes long
    byte[] huge = good.clone();
    System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, huge,
        FrontCodedListFormat.BLOCKS, 5); // a VarUInt of 2^32 - 1 across the first string's bytes
    for (byte[] damaged : new byte[][] {count, length, huge}) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> FrontCodedListFormat.forEach(
          MemorySegment.ofArray(damaged), (b, n) -> { }, "f.gsnap", "FILE_PATHS"));
      assertEquals("FILE_PATHS", e.section(), e.getMessage());
      assertTrue(e.getMessage().contains("f.gsnap"), e.getMessage());
    }
  }

  private static List<String> decode(byte[] bytes) {
    List<String> out = new ArrayList<>();
    FrontCodedListFormat.forEach(MemorySegment.ofArray(bytes),
        (b, length) -> out.add(new String(b, 0, length, StandardCharsets.UTF_8)));
    return out;
  }
}
