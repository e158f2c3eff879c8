package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A compact snapshot of format version 6 (front-coded NODE_NAMES and FILE_PATHS) answers every name and path read of
 * the public API as the same graph in the fixed layout does: names in id order, lookups that hit and miss, prefix
 * ranges, substring searches (with and without the index), {@code namesMatching}, paths, path lookups and prefixes; and hostile NODE_NAMES bytes give a {@link
 * CorruptSnapshotException} naming NODE_NAMES (or a section checked against the names) and never another exception.
 */
class FrontCodedListsTest {
  @TempDir Path dir;

  /** A graph whose names share long prefixes, cross block boundaries, include non-ASCII and the empty string's neighbours. */
  private static TestGraph graph() {
    TestGraph g = Fixtures.random(7, 400, 1500);
    g.node("a", "fn");
    g.node("ab", "fn");
    g.node("abc", "fn"); // each shares the whole previous name
    g.node("naïve.𝄞", "fn");
    g.node("naïve.𝄞𝄞", "fn");
    g.node("日本.語", "fn");
    g.node("x".repeat(300), "fn"); // two-byte lengths
    return g;
  }

  @Test
  void everyNameReadAgreesWithTheFixedLayout() throws Exception {
    TestGraph g = graph();
    for (int blockSize : new int[] {1, 4, 16, 32}) {
      Path fixedFile = Fixtures.write(dir, "f" + blockSize + ".gsnap", TestSnapshotWriter.write(g));
      Path fcFile = Fixtures.write(dir, "c" + blockSize + ".gsnap", TestSnapshotWriter.writeFrontCoded(g, 16, blockSize));
      try (GraphSnapshot f = GraphSnapshot.open(fixedFile); GraphSnapshot c = GraphSnapshot.open(fcFile)) {
        assertEquals(SnapshotFormat.VERSION_FRONT_CODED_NAMES, c.formatVersion());
        c.verify();
        assertEquals(f.nodeCount(), c.nodeCount());
        List<String> names = g.freeze();
        for (int v = 0; v < c.nodeCount(); v++) {
          String name = names.get(v);
          assertEquals(name, c.name(v));
          assertEquals(v, c.node(name), name);
          for (String miss : List.of(name + "\u0000", name.substring(0, name.length() - 1) + "\uFFFF", name + "~")) {
            assertEquals(f.node(miss), c.node(miss), miss);
          }
          int cps = name.codePointCount(0, name.length());
          for (int k : new int[] {0, 1, cps / 2, cps}) {
            String prefix = name.substring(0, name.offsetByCodePoints(0, k));
            assertEquals(f.withPrefix(prefix), c.withPrefix(prefix), prefix);
            assertTrue(c.withPrefix(prefix).start() <= v && v < c.withPrefix(prefix).end(), prefix);
          }
        }
        for (String miss : List.of("", "0", "zzzz", "p", "p3.", "p3ß.n", "\uD83D\uDE00", "a\u0000")) {
          assertEquals(f.node(miss), c.node(miss), miss);
          assertEquals(f.withPrefix(miss), c.withPrefix(miss), miss);
        }
        for (String text : List.of("n1", "N12", "ß", "ïve", "語", "p3ß.n", "xxx", "no-such-text", "ab")) {
          assertEquals(f.namesContaining(text), c.namesContaining(text), text);
        }
        assertEquals(f.fileCount(), c.fileCount());
        for (int file = 0; file < f.fileCount(); file++) {
          String path = f.filePath(file);
          assertEquals(path, c.filePath(file));
          assertEquals(file, c.fileId(path));
          assertEquals(-1, c.fileId(path + "/"));
          for (String prefix : List.of(path, path.substring(0, path.length() / 2), "src/", "")) {
            assertEquals(f.filesWithPrefix(prefix), c.filesWithPrefix(prefix), prefix);
          }
        }
        Utf8Predicate accented = (utf8, length) -> new String(utf8, 0, length, StandardCharsets.UTF_8).contains("é");
        assertEquals(f.filesMatching(0, f.fileCount(), accented), c.filesMatching(0, c.fileCount(), accented));
        MutableRoaringBitmap all = new MutableRoaringBitmap();
        all.add(0L, c.nodeCount());
        Utf8Predicate hasDigit7 = (utf8, length) -> new String(utf8, 0, length, StandardCharsets.UTF_8).contains("7");
        assertEquals(f.namesMatching(all, hasDigit7), c.namesMatching(all, hasDigit7));
        MutableRoaringBitmap every3 = new MutableRoaringBitmap();
        for (int v = c.nodeCount() - 1; v >= 0; v -= 3) {
          every3.add(v);
        }
        assertEquals(f.namesMatching(every3, hasDigit7), c.namesMatching(every3, hasDigit7));
      }
    }
  }

  /** Without NAME_INDEX and NAME_TRIGRAMS, lookups binary-search the blocks and searches read every name. */
  @Test
  void lookupsWithoutTheIndexesSearchTheBlocks() throws Exception {
    TestGraph g = graph();
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.frontCodedSections(g, 16, 8);
    s.remove(SectionId.NAME_INDEX);
    s.remove(SectionId.NAME_TRIGRAMS);
    Path file = Fixtures.write(dir, "noindex.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_FRONT_CODED_NAMES));
    Path fixedFile = Fixtures.write(dir, "fixed.gsnap", TestSnapshotWriter.write(g));
    try (GraphSnapshot c = GraphSnapshot.open(file); GraphSnapshot f = GraphSnapshot.open(fixedFile)) {
      c.verify();
      List<String> names = g.freeze();
      for (int v = 0; v < names.size(); v++) {
        assertEquals(v, c.node(names.get(v)));
        assertEquals(-1, c.node(names.get(v) + "!"));
      }
      for (String text : List.of("n1", "ß", "語", "abc", "q")) {
        assertEquals(f.namesContaining(text), c.namesContaining(text), text);
      }
    }
  }

  /** A version-5 compact file's NODE_NAMES is a StringList, and a front-coded one there is damage. */
  @Test
  void theVersionSaysWhichLayoutTheNamesHave() throws Exception {
    TestGraph g = graph();
    Path v5 = Fixtures.write(dir, "v5.gsnap", TestSnapshotWriter.writeCompact(g, 16));
    try (GraphSnapshot c = GraphSnapshot.open(v5)) {
      c.verify();
      assertEquals(g.freeze().get(5), c.name(5));
    }
    Path wrong = Fixtures.write(dir, "wrong.gsnap", TestSnapshotWriter.layout(
        TestSnapshotWriter.frontCodedSections(g, 16, 16), SnapshotFormat.VERSION_COMPACT_ADJACENCY));
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> {
      try (GraphSnapshot c = GraphSnapshot.open(wrong)) {
        c.verify();
      }
    });
    assertEquals("NODE_NAMES", e.section(), e.getMessage());
  }

  /** Targeted damage, each caught by verify (or at open) at NODE_NAMES with the offset of the bad field. */
  @Test
  void verifyFindsDamagedNames() throws Exception {
    List<String> names = graph().freeze();
    byte[] good = TestSnapshotWriter.frontCoded(names, 4);
    int blocks = (int) FrontCodedListFormat.blockCount(names.size(), 4);
    int index = good.length - 8 * blocks;
    ByteBuffer le = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
    long start1 = le.getLong(index + 8);
    long start2 = le.getLong(index + 16);
    List<byte[]> damaged = new ArrayList<>();
    damaged.add(withLong(good, index + 8, start2)); // BlockStart[1] skips block 1
    damaged.add(withLong(good, index + 8, good.length)); // BlockStart[1] out of range
    damaged.add(withLong(good, index + 8, 3)); // BlockStart[1] before the blocks
    damaged.add(withInt(good, 0, names.size() + 1)); // Count one too many: the index does not line up
    damaged.add(withInt(good, 0, names.size() - 4)); // one block fewer
    damaged.add(withInt(good, 4, 8)); // BlockSize differs from the blocks
    damaged.add(withInt(good, 4, 3)); // BlockSize not a power of two
    damaged.add(withByte(good, (int) start1 + 1, 'z' + 1)); // block 1's head sorts after block 2's names
    byte[] shares = good.clone(); // the first entry of block 1 shares more than its head has
    int entry = (int) start1 + 1 + (shares[(int) start1] & 0x7F);
    shares[entry] = 0x7F;
    damaged.add(shares);
    byte[] badUtf8 = good.clone(); // a lone continuation byte in block 1's head
    badUtf8[(int) start1 + 1] = (byte) 0x80;
    damaged.add(badUtf8);
    damaged.add(java.util.Arrays.copyOf(good, good.length - 3)); // truncated
    int countDamage = 3; // damaged[3] and [4] change Count, which NODES' length may contradict first
    for (int i = 0; i < damaged.size(); i++) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.frontCodedSections(graph(), 16, 4);
      s.put(SectionId.NODE_NAMES, damaged.get(i));
      Path file = Fixtures.write(dir, "damaged" + i + ".gsnap",
          TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_FRONT_CODED_NAMES));
      int which = i;
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> {
        try (GraphSnapshot c = GraphSnapshot.open(file)) {
          c.verify();
        }
      }, "damage " + i);
      assertTrue(e.section().equals("NODE_NAMES") || (which >= countDamage && which <= countDamage + 1
          && e.section().equals("NODES")), "damage " + which + ": " + e.getMessage());
    }
  }

  /**
   * Random damage to NODE_NAMES or FILE_PATHS: every read path either answers or throws a CorruptSnapshotException,
   * and verify catches the damage (in the damaged section, or in a section checked against it).
   */
  @Test
  void randomDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = graph();
    List<String> names = g.freeze();
    Random r = new Random(12);
    int caught = 0;
    for (int trial = 0; trial < 120; trial++) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.frontCodedSections(g, 16, 1 << r.nextInt(6));
      SectionId damaged = trial % 4 == 3 ? SectionId.FILE_PATHS : SectionId.NODE_NAMES;
      byte[] b = s.get(damaged).clone();
      for (int k = 0, flips = 1 + r.nextInt(3); k < flips; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      s.put(damaged, b);
      Path file = Fixtures.write(dir, "r" + trial + ".gsnap",
          TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_FRONT_CODED_NAMES));
      try (GraphSnapshot c = GraphSnapshot.open(file)) {
        for (int v = 0; v < c.nodeCount(); v++) {
          int id = v;
          String name = names.get(v % names.size());
          readQuietly(() -> c.name(id));
          readQuietly(() -> c.node(name));
          readQuietly(() -> c.withPrefix(name));
        }
        for (int f = 0; f < c.fileCount(); f++) {
          int id = f;
          readQuietly(() -> c.filePath(id));
          readQuietly(() -> c.fileId(g.filePaths().get(id % g.filePaths().size())));
          readQuietly(() -> c.filesWithPrefix(g.filePaths().get(id % g.filePaths().size())));
        }
        readQuietly(() -> c.namesContaining("n1"));
        readQuietly(() -> c.namesContaining("p"));
        try {
          c.verify();
        } catch (CorruptSnapshotException e) {
          caught++;
        }
      } catch (CorruptSnapshotException e) {
        caught++;
      }
    }
    assertTrue(caught > 100, "most damage is caught: " + caught);
  }

  private static void readQuietly(java.util.function.Supplier<?> read) {
    try {
      read.get();
    } catch (CorruptSnapshotException expected) {
      // damage found on the way: the only exception allowed
    }
  }

  private static byte[] withLong(byte[] b, int at, long value) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    return c;
  }

  private static byte[] withInt(byte[] b, int at, int value) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    return c;
  }

  private static byte[] withByte(byte[] b, int at, int value) {
    byte[] c = b.clone();
    c[at] = (byte) value;
    return c;
  }
}
