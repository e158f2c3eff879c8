package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CALL_SITES section through {@link GraphSnapshot#sites} and {@link GraphSnapshot#outSites}: the answers on the
 * small fixture, a version-3 file without the section, and damaged sections (rejected at open, on use or by verify,
 * always naming CALL_SITES).
 */
class CallSitesTest {
  @TempDir Path dir;

  private GraphSnapshot open(byte[] file) throws Exception {
    return GraphSnapshot.open(Fixtures.write(dir, "s" + System.nanoTime() + ".gsnap", file));
  }

  private static int[] sites(GraphSnapshot s, String from, String type, String to) {
    return s.sites(s.node(from), s.edgeTypeId(type), s.node(to));
  }

  @Test
  void sitesOfTheSmallFixture() throws Exception {
    try (GraphSnapshot s = open(TestSnapshotWriter.write(Fixtures.small()))) {
      assertTrue(s.hasSites());
      assertTrue(s.formatVersion() >= SnapshotFormat.VERSION_CALL_SITES);
      assertArrayEquals(new int[] {5, 9, 12}, sites(s, "auth.login", "calls", "db.query"), "repeats united, sorted");
      assertArrayEquals(new int[] {7}, sites(s, "auth.login", "calls", "ext.crypt"));
      assertArrayEquals(new int[] {25, 1_000_000}, sites(s, "auth.logout", "calls", "auth.login"));
      assertArrayEquals(new int[] {2}, sites(s, "ünïcode.fn", "references", "ext.crypt"));
      assertArrayEquals(new int[] {4}, sites(s, "db.query", "calls", "db.query"));
      assertArrayEquals(new int[0], sites(s, "auth.login", "references", "auth.User"), "an edge without lines");
      assertArrayEquals(new int[0], sites(s, "auth.login", "calls", "auth.User"), "no such edge");
      int login = s.node("auth.login");
      int[][] out = s.outSites(login);
      assertEquals(s.outDegree(login), out.length);
      EdgeCursor c = s.out(login);
      for (int p = 0, w = c.next(); w >= 0; p++, w = c.next()) {
        int[] expected = s.sites(login, c.type(), w);
        if (expected.length == 0) {
          assertNull(out[p]);
        } else {
          assertArrayEquals(expected, out[p]);
        }
      }
      assertEquals(0, s.outSites(s.node("ext.crypt")).length, "an external node has no out-edges");
      assertTrue(s.sitesBytes() > 0);
      s.verify();
    }
  }

  @Test
  void aVersion3FileHasNoSites() throws Exception {
    TestGraph g = Fixtures.small();
    try (GraphSnapshot s = open(TestSnapshotWriter.writeV3(g))) {
      assertEquals(SnapshotFormat.VERSION_FILE_SYMBOLS, s.formatVersion());
      assertFalse(s.hasSites());
      assertEquals(0, s.sitesBytes());
      assertArrayEquals(new int[0], sites(s, "auth.login", "calls", "db.query"));
      int login = s.node("auth.login");
      assertTrue(Arrays.stream(s.outSites(login)).allMatch(l -> l == null));
      ModelCheck.assertSites(g, s);
      s.verify();
    }
  }

  @Test
  void randomGraphsAgreeWithTheModel() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      TestGraph g = Fixtures.random(seed, 150, 900);
      try (GraphSnapshot s = open(TestSnapshotWriter.write(g))) {
        ModelCheck.assertSites(g, s);
        s.verify();
      }
    }
  }

  // ---------------------------------------------------------------- damage

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private byte[] withSites(byte[] section) {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.sections(Fixtures.small());
    s.put(SectionId.CALL_SITES, section);
    return TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_CURRENT);
  }

  private static byte[] goodSection() {
    return TestSnapshotWriter.sections(Fixtures.small()).get(SectionId.CALL_SITES);
  }

  @Test
  void aCountBeyondTheNodesOrTheSectionFailsAtOpen() {
    byte[] b = goodSection();
    le(b).putInt(CallSitesFormat.COUNT, 0x7FFF_FFFF);
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> open(withSites(b)));
    assertEquals("CALL_SITES", e.section());
    byte[] c = goodSection();
    le(c).putInt(CallSitesFormat.ZERO, 1);
    assertEquals("CALL_SITES", assertThrows(CorruptSnapshotException.class, () -> open(withSites(c))).section());
    byte[] d = Arrays.copyOf(goodSection(), 12); // shorter than its header
    assertEquals("CALL_SITES", assertThrows(CorruptSnapshotException.class, () -> open(withSites(d))).section());
  }

  @Test
  void garbageEntriesFailOnUseAndInVerify() throws Exception {
    byte[] b = goodSection();
    long count = CallSitesFormat.storedCount(java.lang.foreign.MemorySegment.ofArray(b));
    // every data byte 0xFF: a VarInt that never ends, or positions beyond the row
    Arrays.fill(b, (int) CallSitesFormat.dataOffset(count), b.length, (byte) 0xFF);
    try (GraphSnapshot s = open(withSites(b))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
          () -> sites(s, "auth.login", "calls", "db.query"));
      assertEquals("CALL_SITES", e.section());
      assertTrue(e.getMessage().contains("sites of node"), e.getMessage());
      assertEquals("CALL_SITES", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void aHugeLineCountIsRefusedBeforeItIsAllocated() throws Exception {
    // one entry, for auth.login: Head 7 (8 lines or more), MoreLines 2^35 - 1 (a 5-byte VarInt), nothing after it
    TestGraph g = Fixtures.small();
    int login = g.sortedNames().indexOf("auth.login");
    byte[] entry = {7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
    byte[] section = io.graphsnap.format.snapshot.SectionSink.Bytes.of(out ->
        CallSitesFormat.write(out, new int[] {login}, new byte[][] {entry}, 1));
    try (GraphSnapshot s = open(withSites(section))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> s.outSites(login));
      assertTrue(e.getMessage().contains("LineCount out of range"), e.getMessage());
    }
  }

  @Test
  void nodesOutOfOrderOrWithoutAFileFailVerify() throws Exception {
    TestGraph g = Fixtures.small();
    java.util.List<String> names = g.sortedNames();
    byte[] entry = new CallSitesFormat.EntryEncoder().add(0, new int[] {3}).toByteArray();
    int a = names.indexOf("auth.login");
    int b = names.indexOf("auth.logout");
    byte[] swapped = io.graphsnap.format.snapshot.SectionSink.Bytes.of(out ->
        CallSitesFormat.write(out, new int[] {b, a}, new byte[][] {entry, entry}, 2));
    try (GraphSnapshot s = open(withSites(swapped))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("CALL_SITES", e.section());
      assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
    }
    int external = names.indexOf("ext.crypt");
    byte[] noFile = io.graphsnap.format.snapshot.SectionSink.Bytes.of(out ->
        CallSitesFormat.write(out, new int[] {external}, new byte[][] {entry}, 1));
    try (GraphSnapshot s = open(withSites(noFile))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("CALL_SITES", e.section());
    }
  }
}
