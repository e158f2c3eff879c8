package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.RiceCode;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact rows of format version 8 ({@link CompactCsrFormat.RowCoding#RICE}): the reader's decoder against the
 * fixed layout of the same graph (groups whose values escape, a hub of thousands of edges, thirty types, every
 * stride shape), random damage caught or harmless, and hand-made rows: each rule of the grammar broken once gives
 * the corrupt-snapshot exception naming the rows, and rows that decode but are not what the writer writes (another
 * K, a needless escape) fail verify.
 */
class RiceRowsTest {
  @TempDir Path dir;

  private static String name(int i) {
    return String.format("n%05d", i);
  }

  @Test
  void theCodingFollowsTheFormatVersion() {
    assertEquals(CompactCsrFormat.RowCoding.VARINT, CompactCsrFormat.RowCoding.of(SnapshotFormat.VERSION_PACKED_NODES));
    assertEquals(CompactCsrFormat.RowCoding.RICE, CompactCsrFormat.RowCoding.of(SnapshotFormat.VERSION_RICE_ROWS));
    assertEquals(CompactCsrFormat.RowCoding.RICE, CompactCsrFormat.RowCoding.of(SnapshotFormat.VERSION_BLOCKED_NODES));
  }

  @Test
  void riceCursorsReadWhatTheFixedLayoutHolds() throws Exception {
    TestGraph g = CompactDecodeTest.awkwardGraph();
    for (int to = 100; to < 200; to++) { // a group of gaps of zero and one far neighbour: K = 1, two escapes
      g.edge(name(60), "t0", name(to));
    }
    g.edge(name(60), "t0", name(2900));
    Path fixedFile = Fixtures.write(dir, "f.gsnap", TestSnapshotWriter.write(g));
    for (int stride : new int[] {1, 5, 16}) {
      Path rice = Fixtures.write(dir, "r" + stride + ".gsnap", TestSnapshotWriter.writeRice(g, stride, 8));
      CompactDecodeTest.compareWithFixed(fixedFile, rice, stride);
      try (GraphSnapshot s = GraphSnapshot.open(rice)) {
        assertEquals(SnapshotFormat.VERSION_RICE_ROWS, s.formatVersion());
        s.verify();
      }
    }
  }

  /**
   * A clique of 60 nodes with one edge type and a run of 200 consecutive neighbours: more edges than the rows have
   * bytes (a gap of zero is one bit), which a varint file cannot hold and a Rice file must open; and type steps of 24
   * and more (escaped), from rows with edges of the first and the last of 40 types.
   */
  @Test
  void rowsOfLessThanAByteAnEdgeAndEscapedTypeStepsRead() throws Exception {
    TestGraph g = denseGraph();
    long edges = 60 * 59 + 40 + 2 + 200;
    EnumMap<SectionId, byte[]> rice = TestSnapshotWriter.compactSections(g, 16, CompactCsrFormat.RowCoding.RICE);
    for (SectionId rows : new SectionId[] {SectionId.COMPACT_FORWARD_ROWS, SectionId.COMPACT_REVERSE_ROWS}) {
      assertTrue(rice.get(rows).length < edges, rows + ": " + rice.get(rows).length + " bytes for " + edges
          + " edges");
    }
    Path fixedFile = Fixtures.write(dir, "dense-f.gsnap", TestSnapshotWriter.write(g));
    Path riceFile = Fixtures.write(dir, "dense-r.gsnap", TestSnapshotWriter.writeRice(g, 16, 8));
    CompactDecodeTest.compareWithFixed(fixedFile, riceFile, 16);
    try (GraphSnapshot s = GraphSnapshot.open(riceFile)) {
      assertEquals(edges, s.edgeCount());
      s.verify();
    }
  }

  /** The graph of {@link #rowsOfLessThanAByteAnEdgeAndEscapedTypeStepsRead}: 60 · 59 + 40 + 2 + 200 edges. */
  static TestGraph denseGraph() {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < 320; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    for (int i = 0; i < 60; i++) {
      for (int j = 0; j < 60; j++) {
        if (i != j) {
          g.edge(name(i), "calls", name(j));
        }
      }
    }
    for (int t = 0; t < 40; t++) {
      g.edge(name(60), String.format("t%02d", t), name(70 + t));
    }
    g.edge(name(61), "t00", name(62)).edge(name(61), "t39", name(63)); // a step of 38
    for (int to = 110; to < 310; to++) {
      g.edge(name(62), "calls", name(to));
    }
    return g;
  }

  @Test
  void riceRowsAreSmallerThanVarintRows() {
    TestGraph g = Fixtures.random(11, 3000, 30000);
    EnumMap<SectionId, byte[]> varint = TestSnapshotWriter.compactSections(g, 16);
    EnumMap<SectionId, byte[]> rice = TestSnapshotWriter.compactSections(g, 16, CompactCsrFormat.RowCoding.RICE);
    for (SectionId rows : new SectionId[] {SectionId.COMPACT_FORWARD_ROWS, SectionId.COMPACT_REVERSE_ROWS}) {
      assertTrue(rice.get(rows).length < varint.get(rows).length,
          rows + ": " + rice.get(rows).length + " vs " + varint.get(rows).length);
    }
  }

  @Test
  void randomByteDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = Fixtures.random(11, 300, 2500);
    randomDamageIsCaughtOrHarmless(dir, r -> TestSnapshotWriter.packedSections(g, 1 + r.nextInt(20), 8,
        CompactCsrFormat.RowCoding.RICE), SnapshotFormat.VERSION_RICE_ROWS);
  }

  /**
   * 160 files of {@code version} made of {@code sections} (given the trial's random source) with one to three bytes
   * of one compact section flipped or set: each opens and answers, or fails with a corrupt-snapshot exception naming a
   * compact section (at open, at a read or at verify); more than 120 are caught.
   */
  static void randomDamageIsCaughtOrHarmless(Path dir, java.util.function.Function<Random, EnumMap<SectionId, byte[]>>
      sections, int version) throws Exception {
    SectionId[] compact = {SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS,
        SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS};
    int caught = 0;
    Random r = new Random(8);
    for (int trial = 0; trial < 160; trial++) {
      EnumMap<SectionId, byte[]> s = sections.apply(r);
      SectionId id = compact[r.nextInt(compact.length)];
      byte[] b = s.get(id).clone();
      for (int k = 0, flips = 1 + r.nextInt(3); k < flips && b.length > 0; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      s.put(id, b);
      Path file = Fixtures.write(dir, "d" + version + "-" + trial + ".gsnap", TestSnapshotWriter.layout(s, version));
      try (GraphSnapshot snap = GraphSnapshot.open(file)) {
        CompactDamageTest.exerciseEverything(snap);
        try {
          snap.verify();
        } catch (CorruptSnapshotException e) {
          caught++;
          CompactDamageTest.assertCompactSection(e);
        }
      } catch (CorruptSnapshotException e) {
        CompactDamageTest.assertCompactSection(e);
        caught++;
      }
    }
    assertTrue(caught > 120, "most damage is caught: " + caught);
  }

  /** A graph of 40 nodes whose node 0 has the edges 0 → 1 and 0 → 2 (one type): its row is replaced below. */
  private static TestGraph small() {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < 40; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    return g.edge(name(0), "calls", name(1)).edge(name(0), "calls", name(2)).edge(name(5), "calls", name(0));
  }

  /** A Body: Degree, then the bits {@code group} writes, padded. */
  private static byte[] body(int degree, Consumer<RiceCode.BitWriter> group) {
    RiceCode.BitWriter bits = new RiceCode.BitWriter();
    group.accept(bits);
    int length = bits.finish();
    byte[] out = new byte[CompactCsrFormat.varintBytes(degree) + length];
    int at = CompactCsrFormat.writeVar(out, 0, degree);
    System.arraycopy(bits.bytes(), 0, out, at, length);
    return out;
  }

  /** The group of edges 0 → 1, 0 → 2 with parameter {@code k}; {@code first} and {@code gap} are its values. */
  private static Consumer<RiceCode.BitWriter> group(int typeStep, int countLess1, int k, long... values) {
    return bits -> {
      bits.putRice(typeStep, 0);
      bits.putRice(countLess1, CompactCsrFormat.COUNT_K);
      bits.put(k, RiceCode.K_BITS);
      for (long v : values) {
        bits.putRice(v, k);
      }
    };
  }

  /** The file of {@link #small()} with node 0's forward row replaced by {@code body}. */
  private Path withRow0(byte[] body) {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.packedSections(small(), 1, 8, CompactCsrFormat.RowCoding.RICE);
    TestSnapshotWriter.replaceForwardRow0(s, body);
    return Fixtures.write(dir, "h" + System.nanoTime() + ".gsnap",
        TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_RICE_ROWS));
  }

  private static int[] neighboursOf0(GraphSnapshot s) {
    EdgeCursor c = s.forward().cursor();
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int w = c.reset(0).next(); w >= 0; w = c.next()) {
      out.add(w);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void theCanonicalRowReadsAndVerifies() throws Exception {
    // zigzag(1) = 2 and a gap of 0: mean 1, so K = 0 (2 → 001, 0 → 1).
    try (GraphSnapshot s = GraphSnapshot.open(withRow0(body(2, group(0, 1, 0, 2, 0))))) {
      assertArrayEquals(new int[] {1, 2}, neighboursOf0(s));
      s.verify();
    }
  }

  @Test
  void rowsThatDecodeButAreNotTheWritersFailVerify() throws Exception {
    byte[][] bodies = {
      body(2, group(0, 1, 1, 2, 0)), // K = 1, not the rule's 0
      body(2, bits -> { // the first value escaped although its quotient is 2
        bits.putRice(0, 0);
        bits.putRice(1, CompactCsrFormat.COUNT_K);
        bits.put(0, RiceCode.K_BITS);
        bits.put(1L << RiceCode.ESCAPE, RiceCode.ESCAPE + 1);
        bits.put(2, RiceCode.RAW_BITS);
        bits.putRice(0, 0);
      }),
    };
    for (byte[] body : bodies) {
      try (GraphSnapshot s = GraphSnapshot.open(withRow0(body))) {
        assertArrayEquals(new int[] {1, 2}, neighboursOf0(s));
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", e.section());
      }
    }
  }

  @Test
  void eachBrokenRuleIsACorruptRow() throws Exception {
    byte[] valid = body(2, group(0, 1, 0, 2, 0));
    byte[] paddingBit = valid.clone();
    paddingBit[paddingBit.length - 1] |= (byte) 0x80; // 13 bits used of 16: the top bit is padding
    byte[] extraByte = java.util.Arrays.copyOf(valid, valid.length + 1);
    byte[][] bodies = {
      paddingBit,
      extraByte, // a whole byte of padding
      body(2, group(1, 1, 0, 2, 0)), // type 1 of a file with one type
      body(2, group(0, 2, 0, 2, 0, 0)), // a count of three, above the degree
      body(2, bits -> { // an escape of 25 zeros
        bits.putRice(0, 0);
        bits.putRice(1, CompactCsrFormat.COUNT_K);
        bits.put(0, RiceCode.K_BITS);
        bits.put(1L << (RiceCode.ESCAPE + 1), RiceCode.ESCAPE + 2);
        bits.put(2, RiceCode.RAW_BITS);
        bits.putRice(0, 0);
      }),
      body(2, bits -> { // a plain code of 3 · 2^31: K = 31, quotient 3
        bits.putRice(0, 0);
        bits.putRice(1, CompactCsrFormat.COUNT_K);
        bits.put(31, RiceCode.K_BITS);
        bits.put(1L << 3, 4);
        bits.put(0, 31);
        bits.putRice(0, 31);
      }),
      body(2, group(0, 1, 0, 3, 0)), // a first before node 0 (zigzag 3 is -2)
      body(2, group(0, 1, 0, 2)), // the row ends before its second value
      body(2, group(0, 1, 0, 2, 100)), // a neighbour past N = 40
      body(2, group(0, 0, 0, 2)), // one edge in the groups, two in the degree
      body(100, group(0, 1, 0, 2, 0)), // a degree above 8 × the bytes of Bits
    };
    for (byte[] body : bodies) {
      try (GraphSnapshot s = GraphSnapshot.open(withRow0(body))) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> neighboursOf0(s));
        assertEquals("COMPACT_FORWARD_ROWS", e.section(), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class, s::verify).section());
      }
    }
  }
}
