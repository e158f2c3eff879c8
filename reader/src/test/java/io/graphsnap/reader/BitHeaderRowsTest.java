package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CompactCsrFormat.RowCoding;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.RiceCode;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact rows and indexes of format version 10 ({@link RowCoding#BIT_HEADERS}): Degree and counts in the rows'
 * bit streams, 10-byte index entries. The reader against the fixed layout of the same graph, the grammar
 * read back bit by bit by a decoder written here from the Javadoc of {@link CompactCsrFormat}, the entries past
 * 2<sup>32</sup> and the refusal at 2<sup>40</sup>, random damage, and hand-made rows: each broken rule a corrupt-
 * snapshot exception naming the rows, and rows that decode but are not the writer's failing verify.
 */
class BitHeaderRowsTest {
  @TempDir Path dir;

  private static String name(int i) {
    return String.format("n%05d", i);
  }

  @Test
  void theCodingFollowsTheFormatVersion() {
    assertEquals(RowCoding.BIT_HEADERS, RowCoding.of(SnapshotFormat.VERSION_BIT_HEADERS));
    assertEquals(RowCoding.BIT_HEADERS, RowCoding.current());
    assertEquals(CompactCsrFormat.NARROW_ENTRY_BYTES, RowCoding.BIT_HEADERS.entryBytes());
    assertEquals(CompactCsrFormat.ENTRY_BYTES, RowCoding.RICE.entryBytes());
    assertEquals(CompactCsrFormat.ENTRY_BYTES, RowCoding.VARINT.entryBytes());
  }

  @Test
  void cursorsReadWhatTheFixedLayoutHolds() throws Exception {
    TestGraph g = CompactDecodeTest.awkwardGraph();
    for (int to = 100; to < 200; to++) { // a group of gaps of zero and one far neighbour: two escapes
      g.edge(name(60), "t0", name(to));
    }
    g.edge(name(60), "t0", name(2900));
    Path fixedFile = Fixtures.write(dir, "f.gsnap", TestSnapshotWriter.write(g));
    for (int stride : new int[] {1, 5, 16}) {
      Path file = Fixtures.write(dir, "b" + stride + ".gsnap", TestSnapshotWriter.writeBitHeaders(g, stride, 8));
      CompactDecodeTest.compareWithFixed(fixedFile, file, stride);
      try (GraphSnapshot s = GraphSnapshot.open(file)) {
        assertEquals(SnapshotFormat.VERSION_BIT_HEADERS, s.formatVersion());
        s.verify();
      }
    }
  }

  @Test
  void rowsOfLessThanAByteAnEdgeRead() throws Exception {
    TestGraph g = RiceRowsTest.denseGraph();
    Path fixedFile = Fixtures.write(dir, "dense-f.gsnap", TestSnapshotWriter.write(g));
    Path file = Fixtures.write(dir, "dense-b.gsnap", TestSnapshotWriter.writeBitHeaders(g, 16, 8));
    CompactDecodeTest.compareWithFixed(fixedFile, file, 16);
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      assertEquals(60 * 59 + 40 + 2 + 200, s.edgeCount());
      s.verify();
    }
  }

  @Test
  void rowsAndIndexesAreSmallerThanVersion9s() {
    TestGraph g = Fixtures.random(11, 3000, 30000);
    EnumMap<SectionId, byte[]> rice = TestSnapshotWriter.compactSections(g, 16, RowCoding.RICE);
    EnumMap<SectionId, byte[]> bits = TestSnapshotWriter.compactSections(g, 16, RowCoding.BIT_HEADERS);
    for (boolean reverse : new boolean[] {false, true}) {
      for (SectionId id : CompactCsrFormat.sections(reverse)) {
        assertTrue(bits.get(id).length < rice.get(id).length, id + ": " + bits.get(id).length + " vs "
            + rice.get(id).length);
      }
    }
  }

  /**
   * Every row and entry of both directions decoded from the sections' bytes by the grammar alone (a bit reader
   * written here, not the reader's), against the fixed layout's arrays; both Count forms occur.
   */
  @Test
  void theGrammarReadsBackBitByBit() {
    TestGraph g = CompactDecodeTest.awkwardGraph();
    for (int to = 100; to < 200; to++) {
      g.edge(name(60), "t0", name(to));
    }
    EnumMap<SectionId, byte[]> fixed = TestSnapshotWriter.sections(g);
    EnumMap<SectionId, byte[]> bits = TestSnapshotWriter.compactSections(g, 4, RowCoding.BIT_HEADERS);
    int n = g.freeze().size();
    int[] forms = new int[2];
    for (boolean reverse : new boolean[] {false, true}) {
      SectionId[] f = CsrFormat.sections(reverse);
      ByteBuffer offsets = ByteBuffer.wrap(fixed.get(f[0])).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer neighbours = ByteBuffer.wrap(fixed.get(f[1])).order(ByteOrder.LITTLE_ENDIAN);
      byte[] types = fixed.get(f[2]);
      SectionId[] c = CompactCsrFormat.sections(reverse);
      ByteBuffer index = ByteBuffer.wrap(bits.get(c[0])).order(ByteOrder.LITTLE_ENDIAN);
      byte[] rows = bits.get(c[1]);
      assertEquals(4, index.getInt(0));
      assertEquals(0, index.getInt(4));
      assertEquals(8 + 10 * ((n + 3) / 4 + 1), index.capacity());
      int at = 0;
      for (int v = 0; v < n; v++) {
        int edge = (int) offsets.getLong(8 * v);
        if (v % 4 == 0) { // Entry: RowOffset UInt40, EdgeOffset UInt40
          assertEquals(at, uint40(index, 8 + 10 * (v / 4)), "RowOffset of node " + v);
          assertEquals(edge, uint40(index, 8 + 10 * (v / 4) + 5), "EdgeOffset of node " + v);
        }
        int rowBytes = 0;
        int shift = 0;
        int b;
        do { // RowBytes VarUInt
          b = rows[at++] & 0xFF;
          rowBytes |= (b & 0x7F) << shift;
          shift += 7;
        } while (b >= 0x80);
        int degree = (int) (offsets.getLong(8 * (v + 1)) - edge);
        if (degree == 0) {
          assertEquals(0, rowBytes, "node " + v);
          continue;
        }
        Bits in = new Bits(rows, at);
        assertEquals(degree, in.gamma(), "Degree of node " + v);
        int type = -1;
        int remaining = degree;
        while (remaining > 0) {
          type += 1 + (int) in.rice(0);
          int count;
          if (in.bit() == 1) { // the last group
            count = remaining;
            forms[0]++;
          } else {
            count = (int) in.gamma();
            forms[1]++;
          }
          int k = (int) in.bits(5);
          long neighbour = 0;
          for (int i = 0; i < count; i++, edge++) {
            long value = in.rice(k);
            neighbour = i == 0 ? v + CompactCsrFormat.unzigzag((int) value) : neighbour + value + 1;
            assertEquals(neighbours.getInt(4 * edge), neighbour, "edge " + edge + " of node " + v);
            assertEquals(types[edge] & 0xFF, type, "type of edge " + edge);
          }
          remaining -= count;
        }
        int used = (int) ((in.position - 8L * at + 7) / 8);
        assertEquals(rowBytes, used, "RowBytes of node " + v);
        at += rowBytes;
      }
      assertEquals(rows.length, at);
    }
    for (int form = 0; form < 2; form++) {
      assertTrue(forms[form] > 0, "Count form " + form + " occurs: " + java.util.Arrays.toString(forms));
    }
  }

  private static long uint40(ByteBuffer b, int at) {
    long v = 0;
    for (int i = 0; i < 5; i++) {
      v |= (b.get(at + i) & 0xFFL) << (8 * i);
    }
    return v;
  }

  /** A bit reader of the Javadoc's stream: bit i is bit (i mod 8) of byte i / 8. */
  private static final class Bits {
    private final byte[] bytes;
    private long position;

    Bits(byte[] bytes, int from) {
      this.bytes = bytes;
      this.position = 8L * from;
    }

    int bit() {
      int b = (bytes[(int) (position >>> 3)] >>> (position & 7)) & 1;
      position++;
      return b;
    }

    long bits(int width) {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v |= (long) bit() << i;
      }
      return v;
    }

    long rice(int k) {
      int q = 0;
      while (bit() == 0) {
        q++;
      }
      return q == RiceCode.ESCAPE ? bits(RiceCode.RAW_BITS) : ((long) q << k) | bits(k);
    }

    long gamma() {
      int zeros = 0;
      while (bit() == 0) {
        zeros++;
      }
      return (1L << zeros) | bits(zeros);
    }
  }

  @Test
  void narrowEntriesHoldOffsetsPast2To32AndRefuse2To40() throws Exception {
    long[] expected = new long[4];
    byte[] index = SectionSink.Bytes.of(out -> {
      CompactCsrFormat.IndexWriter w = new CompactCsrFormat.IndexWriter(out, 1, RowCoding.BIT_HEADERS);
      for (int row = 0; row < 3; row++) {
        w.add(Integer.MAX_VALUE, 3_000_000_000L);
        expected[row + 1] = (row + 1) * (long) Integer.MAX_VALUE;
      }
      w.finish();
    });
    assertEquals(CompactCsrFormat.indexBytes(3, 1, RowCoding.BIT_HEADERS), index.length);
    MemorySegment segment = MemorySegment.ofArray(index);
    for (int b = 0; b < 4; b++) {
      assertEquals(expected[b], CompactCsrFormat.rowOffset(segment, b, RowCoding.BIT_HEADERS), "entry " + b);
      assertEquals(b * 3_000_000_000L, CompactCsrFormat.edgeOffset(segment, b, RowCoding.BIT_HEADERS), "entry " + b);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SectionSink.Bytes.of(out -> {
      CompactCsrFormat.IndexWriter w = new CompactCsrFormat.IndexWriter(out, 1, RowCoding.BIT_HEADERS);
      for (int row = 0; row < 600; row++) { // 600 · (2^31 − 1) bytes pass 2^40
        w.add(Integer.MAX_VALUE, 1);
      }
    }));
    assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
  }

  @Test
  void randomByteDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = Fixtures.random(11, 300, 2500);
    RiceRowsTest.randomDamageIsCaughtOrHarmless(dir, r -> TestSnapshotWriter.bitHeaderSections(g, 1 + r.nextInt(20), 8),
        SnapshotFormat.VERSION_BIT_HEADERS);
  }

  /** 40 nodes of one file; node 0 calls {@code a} and {@code b} (its row is replaced below); node 5 calls node 0. */
  private static TestGraph twoCalls(int a, int b) {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < 40; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    return g.edge(name(0), "calls", name(a)).edge(name(0), "calls", name(b)).edge(name(5), "calls", name(0));
  }

  /** A Body: the bits {@code content} writes, padded to a byte. */
  private static byte[] body(Consumer<RiceCode.BitWriter> content) {
    RiceCode.BitWriter bits = new RiceCode.BitWriter();
    content.accept(bits);
    return java.util.Arrays.copyOf(bits.bytes(), bits.finish());
  }

  /**
   * Degree, then one group of TypeStep 0, its Count as One ({@code last}) or Zero and the gamma code of {@code
   * count}, K, then the values with K.
   */
  private static byte[] oneGroup(int degree, boolean last, int count, int k, long... values) {
    return body(bits -> {
      bits.putGamma(degree);
      bits.putRice(0, 0);
      if (last) {
        bits.put(1, 1);
      } else {
        bits.put(0, 1);
        bits.putGamma(count);
      }
      bits.put(k, RiceCode.K_BITS);
      for (long v : values) {
        bits.putRice(v, k);
      }
    });
  }

  /** The file of {@link #twoCalls} with node 0's forward row replaced by {@code body}. */
  private Path withRow0(TestGraph g, byte[] body) {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.bitHeaderSections(g, 1, 8);
    TestSnapshotWriter.replaceForwardRow0(s, body, RowCoding.BIT_HEADERS);
    return Fixtures.write(dir, "h" + System.nanoTime() + ".gsnap",
        TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_BIT_HEADERS));
  }

  private static int[] neighboursOf0(GraphSnapshot s) {
    EdgeCursor c = s.forward().cursor();
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (int w = c.reset(0).next(); w >= 0; w = c.next()) {
      out.add(w);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  // Node 0 → 20, 39 of 40 nodes: values zigzag(20) = 40 and 18, and the rule's K is 4.
  private static final long[] FAR = {40, 18};

  @Test
  void theCanonicalRowReadsAndVerifies() throws Exception {
    assertEquals(4, RiceCode.chooseK(FAR.clone(), 2));
    try (GraphSnapshot s = GraphSnapshot.open(withRow0(twoCalls(20, 39), oneGroup(2, true, 0, 4, FAR)))) {
      assertArrayEquals(new int[] {20, 39}, neighboursOf0(s));
      s.verify();
    }
  }

  @Test
  void rowsThatDecodeButAreNotTheWritersFailVerify() throws Exception {
    byte[][] bodies = {
      oneGroup(2, true, 0, 5, FAR), // K = 5, not the rule's 4
      oneGroup(2, false, 2, 4, FAR), // the last group's count written out
      body(bits -> { // a needless escape of the first value
        bits.putGamma(2);
        bits.putRice(0, 0);
        bits.put(1, 1);
        bits.put(4, RiceCode.K_BITS);
        bits.put(1L << RiceCode.ESCAPE, RiceCode.ESCAPE + 1);
        bits.put(40, RiceCode.RAW_BITS);
        bits.putRice(18, 4);
      }),
    };
    for (byte[] body : bodies) {
      try (GraphSnapshot s = GraphSnapshot.open(withRow0(twoCalls(20, 39), body))) {
        assertArrayEquals(new int[] {20, 39}, neighboursOf0(s));
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", e.section());
      }
    }
  }

  @Test
  void eachBrokenRuleIsACorruptRow() throws Exception {
    byte[] valid = oneGroup(2, true, 0, 4, FAR);
    byte[] paddingBit = valid.clone();
    paddingBit[paddingBit.length - 1] |= (byte) 0x80;
    byte[][] bodies = {
      paddingBit, // 3 + 1 + 1 + 5 + 7 + 6 = 23 bits used of 24: the top bit is padding
      java.util.Arrays.copyOf(valid, valid.length + 1), // a whole byte of padding
      new byte[9], // no one bit in Degree's first 64: a code longer than any
      oneGroup(100, true, 0, 4, FAR), // a degree above 8 × the bytes after its code
      oneGroup(2, false, 3, 4, FAR), // a count of 3 of a remaining 2
      oneGroup(2, false, 1, 4, FAR[0]), // one edge in the group, the next group missing
      body(bits -> { // a count's gamma code of 40 zeros: longer than any
        bits.putGamma(2);
        bits.putRice(0, 0);
        bits.put(0, 1);
        bits.put(0, 32);
        bits.put(0, 8);
        bits.put(1, 1);
        bits.put(0, 7);
      }),
      body(bits -> { // type 1 of a file with one type
        bits.putGamma(2);
        bits.putRice(1, 0);
        bits.put(1, 1);
        bits.put(4, RiceCode.K_BITS);
        bits.putRice(40, 4);
        bits.putRice(18, 4);
      }),
      oneGroup(2, true, 0, 4, 40), // the row ends before its second value
      oneGroup(2, true, 0, 4, 40, 100), // a neighbour past N = 40
      oneGroup(2, true, 0, 4, 41, 0), // a first before node 0 (zigzag 41 is -21)
    };
    for (byte[] body : bodies) {
      try (GraphSnapshot s = GraphSnapshot.open(withRow0(twoCalls(20, 39), body))) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> neighboursOf0(s),
            java.util.Arrays.toString(body));
        assertEquals("COMPACT_FORWARD_ROWS", e.section(), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class, s::verify).section());
      }
    }
  }
}
