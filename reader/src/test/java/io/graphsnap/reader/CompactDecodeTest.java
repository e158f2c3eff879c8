package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.internal.BufferParts;
import io.graphsnap.reader.internal.CompactRows;
import io.graphsnap.reader.internal.Section;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact rows' decoder (8-byte loads per varint, rows copied per decode, blocks' cache lines touched before
 * skipping) against the fixed layout of the same graph, on the shapes it must get right: gaps of one, two and three
 * bytes, a first neighbour before and after its node, a hub whose row is thousands of bytes (a RowBytes of several
 * bytes, arrays grown), one type and thirty types in a row, empty rows at the edges of index blocks, rows read in
 * node order (advance) and in random order (find), typed and untyped. And hand-made rows: varints of five bytes
 * decode, of six bytes or above 2<sup>32</sup> &minus; 1 or cut by the row's end give the corrupt-snapshot
 * exception naming the rows.
 */
class CompactDecodeTest {
  private static final int NODES = 3_000; // gaps up to 3,000: VarUInts of one and two bytes (longer: hand-made rows)

  @TempDir Path dir;

  /** Node names whose byte order is their number's order, so node i has id i. */
  private static String name(int i) {
    return String.format("n%05d", i);
  }

  static TestGraph awkwardGraph() {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < NODES; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    Random r = new Random(20);
    for (int i = 0; i < 1500; i++) { // scattered edges of a few types: every gap width, firsts on both sides
      int from = r.nextInt(NODES);
      g.edge(name(from), "t" + r.nextInt(3), name(r.nextInt(NODES)));
    }
    for (int to = 0; to < NODES; to += 3) { // a hub: a row of thousands of bytes, mostly one-byte gaps
      g.edge(name(17), "t0", name(to));
      g.edge(name(17), "t1", name(NODES - 1 - to));
    }
    for (int t = 0; t < 30; t++) { // thirty groups of one edge each
      g.edge(name(40), String.format("u%02d", t), name((t * 7919) % NODES));
    }
    for (int k = 0; k < 100; k++) { // one type, neighbours far before and after
      g.edge(name(NODES / 2), "t2", name(k * (NODES / 100)));
    }
    return g;
  }

  @Test
  void compactCursorsReadWhatTheFixedLayoutHolds() throws Exception {
    TestGraph g = awkwardGraph();
    Path fixedFile = Fixtures.write(dir, "f.gsnap", TestSnapshotWriter.write(g));
    for (int stride : new int[] {1, 5, 16}) {
      Path compactFile = Fixtures.write(dir, "c" + stride + ".gsnap", TestSnapshotWriter.writeCompact(g, stride));
      compareWithFixed(fixedFile, compactFile, stride);
      try (GraphSnapshot compact = GraphSnapshot.open(compactFile)) {
        assertTrue(edges(compact.forward().cursor().reset(17)).size() >= 2 * ((NODES + 2) / 3), "the hub's edges");
      }
    }
  }

  static void compareWithFixed(Path fixedFile, Path compactFile, int stride) throws Exception {
    try (GraphSnapshot fixed = GraphSnapshot.open(fixedFile); GraphSnapshot compact = GraphSnapshot.open(compactFile)) {
      assertTrue(compact.forward().isCompact());
      int n = fixed.nodeCount();
      int[] sequential = new int[n];
      for (int v = 0; v < n; v++) {
        sequential[v] = v;
      }
      int[] shuffled = sequential.clone();
      Random r = new Random(stride);
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      for (boolean reverse : new boolean[] {false, true}) {
        CsrView f = reverse ? fixed.reverse() : fixed.forward();
        CsrView c = reverse ? compact.reverse() : compact.forward();
        for (int[] order : new int[][] {sequential, shuffled}) {
          EdgeCursor fc = f.cursor();
          EdgeCursor cc = c.cursor();
          for (int v : order) {
            assertEquals(edges(fc.reset(v)), edges(cc.reset(v)), "node " + v);
            assertEquals(f.degree(v), cc.reset(v).size(), "degree of node " + v);
            int type = v % f.edgeTypeCount();
            assertEquals(edges(fc.reset(v, type)), edges(cc.reset(v, type)), "node " + v + ", type " + type);
          }
        }
      }
    }
  }

  /** (neighbour, type) pairs of the cursor's edges. */
  private static List<Long> edges(EdgeCursor c) {
    List<Long> out = new ArrayList<>();
    for (int w = c.next(); w >= 0; w = c.next()) {
      out.add((long) w << 8 | c.type());
    }
    return out;
  }

  /** Node 0's row rewritten: its edges to nodes 1 and 2 (type 0), the gap between them given as {@code gap}. */
  private Path withGap(byte... gap) {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < 40; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    g.edge(name(0), "calls", name(1)).edge(name(0), "calls", name(2)).edge(name(5), "calls", name(0));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(2); // Degree
    body.write(0); // Type
    body.write(2); // Count
    body.write(CompactCsrFormat.zigzag(1)); // First: node 1
    body.writeBytes(gap);
    return replaceRow0(g, body.toByteArray());
  }

  private Path replaceRow0(TestGraph g, byte[] body) {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 1);
    TestSnapshotWriter.replaceForwardRow0(s, body);
    return Fixtures.write(dir, "h" + System.nanoTime() + ".gsnap",
        TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
  }

  private static int[] neighboursOf0(GraphSnapshot s) {
    EdgeCursor c = s.forward().cursor();
    List<Integer> out = new ArrayList<>();
    for (int w = c.reset(0).next(); w >= 0; w = c.next()) {
      out.add(w);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void theRewrittenRowReadsAsWritten() throws Exception {
    try (GraphSnapshot s = GraphSnapshot.open(withGap((byte) 0))) {
      assertArrayEquals(new int[] {1, 2}, neighboursOf0(s));
      s.verify();
    }
  }

  @Test
  void longGapsDecodeButAreNotCanonical() throws Exception {
    // 0 in two, three, four and five bytes: each read from one 8-byte load like a one-byte VarUInt.
    byte c = (byte) 0x80;
    for (byte[] gap : new byte[][] {{c, 0}, {c, c, 0}, {c, c, c, 0}}) {
      try (GraphSnapshot s = GraphSnapshot.open(withGap(gap))) {
        assertArrayEquals(new int[] {1, 2}, neighboursOf0(s));
        assertTrue(assertThrows(CorruptSnapshotException.class, s::verify).getMessage().contains("not minimal"));
      }
    }
    // 1 + 2 * 128 + 0 * 128^2 in three bytes (a minimal value, with a non-minimal last byte): gap 257, past N = 40.
    try (GraphSnapshot s = GraphSnapshot.open(withGap((byte) 0x81, (byte) 0x82, (byte) 0)))  {
      assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class, () -> neighboursOf0(s))
          .section());
    }
  }

  @Test
  void aFiveByteGapDecodesButIsNotCanonical() throws Exception {
    // 0 in five bytes: the longest VarUInt, read from one 8-byte load like any other.
    try (GraphSnapshot s = GraphSnapshot.open(withGap((byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0))) {
      assertArrayEquals(new int[] {1, 2}, neighboursOf0(s));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertTrue(e.getMessage().contains("not minimal"), e.getMessage());
    }
  }

  @Test
  void badGapsAreCorruptRows() throws Exception {
    byte c = (byte) 0x80;
    byte[][] bad = {
      {c, c, c, c, c, 0}, // six bytes
      {c, c, c, c, 0x10}, // 2^32
      {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, // 2^32 - 1: node 2^32 + 1, past N
      {c}, // the row ends inside the gap
      {c, c}, // likewise, two bytes short
    };
    for (byte[] gap : bad) {
      try (GraphSnapshot s = GraphSnapshot.open(withGap(gap))) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> neighboursOf0(s));
        assertEquals("COMPACT_FORWARD_ROWS", e.section(), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class, s::verify).section());
      }
    }
  }

  @Test
  void badCountsAndFirstsAreCorruptRows() throws Exception {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "java", Fixtures.sha(1), Fixtures.sha(2), 1);
    for (int i = 0; i < 40; i++) {
      g.node(name(i), "fn").file("src/a.x", 1, 2);
    }
    g.edge(name(0), "calls", name(1)).edge(name(0), "calls", name(2));
    byte c = (byte) 0x80;
    byte[][] bodies = {
      {2, 0, c, c, c, c, c, 0, 2, 0}, // a count of six bytes
      {2, 0, 3, 2, 0, 0}, // a count above the degree
      {2, 0, 2, c, c, c, c, 0x10, 0}, // a first of 2^32
      {2, 0, 2, 3, 0}, // a first before node 0 (zigzag 3 is -2)
      {2, 0, 1, 2, 0, 1, 2}, // the same type twice
      {2, 0, 2, 2}, // the row ends before the gap
      {2, 0, 2, 2, 0, 0}, // a byte after the edges
    };
    for (byte[] body : bodies) {
      try (GraphSnapshot s = GraphSnapshot.open(replaceRow0(g, body))) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> neighboursOf0(s));
        assertEquals("COMPACT_FORWARD_ROWS", e.section(), e.getMessage());
      }
    }
  }

  /**
   * Rows past the first part of the reader's buffer views (2^27 bytes): all empty rows (one zero byte each) but node
   * {@code x}'s, which starts 3 bytes before the part's end and so crosses it, as does its block. Found by random
   * access and by advancing, and decoded, it reads as written.
   */
  @Test
  void aRowAcrossTwoPartsOfTheSection() {
    int stride = CompactCsrFormat.MAX_STRIDE;
    long partBytes = BufferParts.MASK + 1;
    int x = (int) partBytes - 3; // node x's row starts at byte x: every row before it is one byte
    // RowBytes 5, Degree 2, Type 0, Count 2, First: x + 1, Gap: x + 2
    byte[] row = {5, 2, 0, 2, (byte) CompactCsrFormat.zigzag(1), 0};
    int nodes = x + 1 + 2 * stride;
    long length = nodes - 1 + row.length;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment rows = arena.allocate(length); // zeros: empty rows
      MemorySegment.copy(row, 0, rows, ValueLayout.JAVA_BYTE, x, row.length);
      long entries = CompactCsrFormat.entryCount(nodes, stride);
      MemorySegment index = arena.allocate(CompactCsrFormat.indexBytes(nodes, stride, CompactCsrFormat.RowCoding.VARINT));
      index.set(ValueLayout.JAVA_INT_UNALIGNED, 0, stride);
      for (long b = 0; b < entries; b++) {
        long first = Math.min(nodes, b * stride); // rows before it: one byte each, but x's
        long bytes = first <= x ? first : first - 1 + row.length;
        index.set(ValueLayout.JAVA_LONG_UNALIGNED, CompactCsrFormat.rowOffsetAt(b, CompactCsrFormat.RowCoding.VARINT), bytes);
        index.set(ValueLayout.JAVA_LONG_UNALIGNED, CompactCsrFormat.edgeOffsetAt(b, CompactCsrFormat.RowCoding.VARINT), first <= x ? 0 : 2);
      }
      CompactRows compact = CompactRows.open(new Section("test", "COMPACT_FORWARD_INDEX", index, 0),
          new Section("test", "COMPACT_FORWARD_ROWS", rows, 0), nodes, 2, 1, CompactCsrFormat.RowCoding.VARINT);
      CompactRows.Row r = compact.decode(compact.find(x, new CompactRows.Row()));
      assertArrayEquals(new int[] {x + 1, x + 2}, CompactRows.ids(r));
      assertEquals(0, compact.firstEdge(r));
      CompactRows.Row walk = compact.find(x - 2, new CompactRows.Row());
      compact.advance(walk);
      assertEquals(0, compact.decode(walk).degree); // x - 1: empty
      compact.advance(walk);
      assertArrayEquals(new int[] {x + 1, x + 2}, CompactRows.ids(compact.decode(walk)));
      compact.advance(walk);
      assertEquals(x + 1, walk.node);
      assertEquals(0, walk.degree);
      assertEquals(x + 1 + stride, compact.find(x + 1 + stride, new CompactRows.Row()).node); // past the crossing
      rows.set(ValueLayout.JAVA_BYTE, x + row.length - 1, (byte) 0x80); // the gap now runs past the row's end
      assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class,
          () -> compact.decode(compact.find(x, new CompactRows.Row()))).section());
    }
  }

  /**
   * Rows of exactly 2^27 bytes, all rows empty: the last row's Body starts at the end of Rows, which is where a
   * second part of the buffer views would begin; finding and decoding it (as a typed cursor does) reads no part.
   */
  @Test
  void anEmptyLastRowAtTheEndOfAPart() {
    int stride = CompactCsrFormat.MAX_STRIDE;
    int nodes = (int) (BufferParts.MASK + 1);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment rows = arena.allocate(nodes); // zeros: every row empty
      long entries = CompactCsrFormat.entryCount(nodes, stride);
      MemorySegment index = arena.allocate(CompactCsrFormat.indexBytes(nodes, stride, CompactCsrFormat.RowCoding.VARINT));
      index.set(ValueLayout.JAVA_INT_UNALIGNED, 0, stride);
      for (long b = 0; b < entries; b++) {
        index.set(ValueLayout.JAVA_LONG_UNALIGNED, CompactCsrFormat.rowOffsetAt(b, CompactCsrFormat.RowCoding.VARINT), Math.min(nodes, b * stride));
      }
      CompactRows compact = CompactRows.open(new Section("test", "COMPACT_FORWARD_INDEX", index, 0),
          new Section("test", "COMPACT_FORWARD_ROWS", rows, 0), nodes, 0, 1, CompactCsrFormat.RowCoding.VARINT);
      CompactRows.Row r = compact.decode(compact.find(nodes - 1, new CompactRows.Row()));
      assertEquals(nodes, r.body);
      assertEquals(0, r.degree);
      CompactRows.Row walk = compact.find(nodes - 2, new CompactRows.Row());
      assertEquals(0, compact.decode(compact.advance(walk)).degree);
    }
  }
}
