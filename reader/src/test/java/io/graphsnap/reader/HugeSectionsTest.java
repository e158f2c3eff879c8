package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.ShortestPaths;
import io.graphsnap.reader.query.Query;
import io.graphsnap.reader.query.QueryEvaluator;
import io.graphsnap.reader.query.QueryParser;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of more than 2<sup>31</sup> edges: every CSR section is over 2 GiB (the neighbour sections 8 GiB),
 * and every section after the forward CSR starts past 2<sup>32</sup> bytes into the file. The file is sparse: node
 * {@code a} has 2<sup>31</sup> edges to itself (zero bytes, left as holes), and {@code b} and {@code c} point at
 * each other in the last edges, past index 2<sup>31</sup>. Node H, between a and b, has no edges and a name and
 * details entry of 2<sup>32</sup> + 1 bytes ("a" and zeros), so NODE_NAMES and NODE_DETAILS are over 4 GiB too (as
 * at 10<sup>8</sup> nodes) and {@code b}'s and {@code c}'s bytes lie past 2<sup>32</sup> inside them. Checks that
 * the reader addresses all of it with 64-bit offsets: the counts, the far rows, the names, details, bitmaps and files
 * that lie past 4 GiB, a search that starts there, a query planned on a's degree, and the degree that no longer fits
 * an int. Writes a few KiB; about a second.
 *
 * <p>Not checked: {@code verify()}. Its answer is known without running it: the duplicate edges fail the CSR check
 * and H's name (a string of 4 GiB, more than the reader decodes or hashes) fails the names; a sound file of
 * this size cannot be sparse (a row's neighbours strictly increase, so a row holds the id 0 once) and would cost
 * 20 GiB of writes. The builder's {@code HugeSnapshotWriteTest} (not in CI) verifies a sound 5 GB file.
 */
class HugeSectionsTest {
  /** More than 2^31 edges: a's 2^31 self-edges, then b→c and c→b. */
  static final long EDGES = (1L << 31) + 2;
  static final int A = 0;
  /** The node of the huge name and details entry, between a and b; no edges. */
  static final int H = 1;
  static final int B = 2;
  static final int C = 3;
  static final byte[] HASH = new byte[32];

  static {
    Arrays.fill(HASH, (byte) 7);
  }

  @TempDir static Path dir;
  static Path file;

  /** Bytes of node H's name ("a" and zeros) and of its details entry: past 2^32, so b's and c's lie beyond. */
  static final long HUGE_ITEM = (1L << 32) + 1;

  /** A section's content: {@code length} bytes, {@code head}, then zero bytes, then {@code tail}. */
  private record Content(byte[] head, long length, byte[] tail) {
    static Content of(byte[] bytes) {
      return new Content(new byte[0], bytes.length, bytes);
    }

    Content(long length, byte[] tail) {
      this(new byte[0], length, tail);
    }
  }

  @BeforeAll
  static void write() throws IOException {
    TestGraph g = new TestGraph();
    g.file("src/abc.x", "x", null, new byte[32], 4);
    g.node("a", "fn").file("src/abc.x", 1, 2);
    g.node("a0", "fn").file("src/abc.x", 7, 8); // H: its name and details are replaced by huge ones below
    g.node("b", "fn").file("src/abc.x", 3, 4).effects("io").hash(HASH).note("md", "far note");
    g.node("c", "class").file("src/abc.x", 5, 6);
    g.edge("b", "calls", "c");
    g.edge("c", "calls", "b");
    Map<SectionId, Content> sections = new EnumMap<>(SectionId.class);
    TestSnapshotWriter.sections(g).forEach((id, bytes) -> sections.put(id, Content.of(bytes)));
    long[] offsets = {0, EDGES - 2, EDGES - 2, EDGES - 1, EDGES};
    // the last two neighbours, C then B, read both ways: forward b → c and c → b; reverse b ← c and c ← b
    byte[] tail = SectionSink.Bytes.of(out -> {
      out.putInt(C);
      out.putInt(B);
    });
    for (boolean reverse : new boolean[] {false, true}) {
      SectionId[] ids = CsrFormat.sections(reverse);
      sections.put(ids[0], Content.of(SectionSink.Bytes.of(out -> CsrFormat.writeOffsets(out, offsets))));
      // a's neighbours are all a (zeros); b's and c's are the tail
      sections.put(ids[1], new Content(CsrFormat.neighboursBytes(EDGES), tail));
      sections.put(ids[2], new Content(CsrFormat.typesBytes(EDGES), new byte[0])); // every type is 0: calls
    }
    sections.put(SectionId.EDGE_TYPE_COUNTS,
        Content.of(SectionSink.Bytes.of(out -> CsrFormat.writeTypeCounts(out, new long[] {EDGES}))));
    // H's name ("a", then zeros) and details: HUGE_ITEM bytes, holes; b's and c's after them
    long[] nameEnds = {0, 1, 1 + HUGE_ITEM, 2 + HUGE_ITEM, 3 + HUGE_ITEM};
    byte[] names = SectionSink.Bytes.of(out -> {
      StringListFormat.writeHeader(out, nameEnds.length - 1);
      for (long end : nameEnds) {
        out.putLong(end);
      }
      out.put(new byte[] {'a', 'a'}); // a's name and the first byte of H's
    });
    sections.put(SectionId.NODE_NAMES, new Content(names, StringListFormat.sectionBytes(4, nameEnds[4]),
        new byte[] {'b', 'c'}));
    MemorySegment small = MemorySegment.ofArray(sections.get(SectionId.NODE_DETAILS).tail());
    long data = NodeDetailsFormat.dataOffset(4);
    long shift = HUGE_ITEM - (NodeDetailsFormat.end(small, H + 1) - NodeDetailsFormat.end(small, H));
    byte[] detailsHead = SectionSink.Bytes.of(out -> {
      for (int v = 0; v <= 4; v++) {
        out.putLong(NodeDetailsFormat.end(small, v) + (v > H ? shift : 0));
      }
      out.put(small, data, NodeDetailsFormat.end(small, H)); // a's entry
    });
    long farFrom = data + NodeDetailsFormat.end(small, H + 1);
    byte[] farEntries = small.asSlice(farFrom).toArray(LittleEndian.BYTE); // b's and c's
    sections.put(SectionId.NODE_DETAILS, new Content(detailsHead,
        data + NodeDetailsFormat.end(small, 4) + shift, farEntries));
    file = dir.resolve("huge.gsnap");
    writeSparse(file, sections);
  }

  /**
   * Lays out {@code sections} as {@code TestSnapshotWriter.layout} does (id order, aligned, CRC32C each), writing
   * only the non-zero bytes: the zeros before each tail stay holes of a sparse file.
   */
  private static void writeSparse(Path target, Map<SectionId, Content> sections) throws IOException {
    long offset = SnapshotFormat.align(SnapshotFormat.headerBytes(sections.size()));
    List<SectionEntry> entries = new ArrayList<>();
    long end = offset;
    for (Map.Entry<SectionId, Content> e : sections.entrySet()) {
      Content c = e.getValue();
      entries.add(new SectionEntry(e.getKey().id(), crc(c), offset, c.length()));
      end = offset + c.length();
      offset = SnapshotFormat.align(end);
    }
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeFully(ch, new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, end, entries).encode(), 0);
      int i = 0;
      for (Content c : sections.values()) {
        SectionEntry entry = entries.get(i++);
        writeFully(ch, c.head(), entry.offset());
        writeFully(ch, c.tail(), entry.offset() + c.length() - c.tail().length);
      }
      if (ch.size() < end) {
        ch.write(ByteBuffer.allocate(1), end - 1); // the last section ends in zeros: extend the file to its length
      }
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes, long position) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      position += ch.write(b, position);
    }
  }

  /** The CRC32C of the head, {@code length - head.length - tail.length} zero bytes and the tail. */
  private static int crc(Content c) {
    CRC32C crc = new CRC32C();
    crc.update(c.head());
    byte[] zeros = new byte[1 << 20];
    for (long left = c.length() - c.head().length - c.tail().length; left > 0; left -= zeros.length) {
      crc.update(zeros, 0, (int) Math.min(left, zeros.length));
    }
    crc.update(c.tail());
    return (int) crc.getValue();
  }

  @Test
  void theFileIsWhatTheTestClaims() throws IOException {
    try (SnapshotFile f = SnapshotFile.open(file)) {
      assertTrue(f.header().entry(SectionId.FORWARD_TARGETS).length() > 2 * (1L << 32), "an 8 GiB section");
      assertTrue(f.header().entry(SectionId.FORWARD_TYPES).length() > 1L << 31, "more than 2^31 one-byte types");
      assertTrue(f.header().entry(SectionId.NAME_INDEX).offset() > 1L << 32, "names indexed past 4 GiB");
      assertTrue(f.header().entry(SectionId.REVERSE_SOURCES).offset() > 1L << 33);
      assertTrue(f.header().entry(SectionId.NODE_NAMES).length() > 1L << 32, "a 4 GiB name list");
      assertTrue(f.header().entry(SectionId.NODE_DETAILS).length() > 1L << 32, "4 GiB of details");
    }
  }

  @Test
  void countsAndFarRowsAreAddressedWithLongOffsets() throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      assertEquals(4, g.nodeCount());
      assertEquals(EDGES, g.edgeCount());
      assertEquals(EDGES, g.edgeCount(g.edgeTypeId("calls")));
      assertEquals(EDGES - 2, g.forward().offset(B));
      assertEquals(C, g.forward().neighbour(EDGES - 2));
      assertEquals(B, g.forward().neighbour(EDGES - 1));
      assertEquals(A, g.forward().neighbour(EDGES - 3), "a's last edge, just before b's row");
      assertEquals(C, g.reverse().neighbour(EDGES - 2), "b's in-edge comes from c");

      EdgeCursor out = g.out(B);
      assertEquals(C, out.next());
      assertEquals(0, out.type());
      assertEquals(EdgeCursor.END, out.next());
      EdgeCursor in = g.in(C, g.edgeTypeId("calls"));
      assertEquals(B, in.next());
      assertEquals(EdgeCursor.END, in.next());
      assertEquals(1, g.outDegree(C));

      assertEquals(EDGES - 2, g.out(A).size());
      assertThrows(ArithmeticException.class, () -> g.outDegree(A), "2^31 edges do not fit an int");
    }
  }

  @Test
  void sectionsPastFourGibibytesAnswer() throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      assertEquals(B, g.node("b"), "NAME_INDEX and BLOOM lie past 4 GiB, b's name 4 GiB into NODE_NAMES");
      assertEquals(C, g.node("c"));
      assertEquals(A, g.node("a"));
      assertEquals("a", g.name(A));
      assertEquals("b", g.name(B));
      assertEquals("c", g.name(C));
      assertEquals(new IdRange(C, C + 1), g.withPrefix("c"), "binary searches over a 4 GiB name");
      assertEquals(new IdRange(A, H + 1), g.withPrefix("a"), "H's name starts with a");
      NodeDetails far = g.details(B);
      assertArrayEquals(HASH, far.contentHash(), "b's details 4 GiB into NODE_DETAILS");
      assertEquals("far note", far.notes().get(0).text());
      assertTrue(g.details(C).notes().isEmpty());
      assertEquals("class", g.kind(C));
      assertArrayEquals(new int[] {B}, g.withEffect("io").toArray(), "EFFECT_BITMAPS past 4 GiB");
      assertEquals("src/abc.x", g.file(A));
      assertArrayEquals(new int[] {A, B, C, H}, g.fileSymbols(g.fileId("src/abc.x")));
      assertEquals(5, g.lineStart(C));
    }
  }

  /**
   * A query's plan estimates a relation by its target's degree: node a's 2<sup>31</sup> in-edges are counted in
   * {@code long} (an {@code int} degree threw {@link ArithmeticException} before anything ran). The name term,
   * estimated smaller, runs first and matches nothing, so a's edges are never walked.
   */
  @Test
  void queriesEstimateRelationsToTheHugeNode() throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      Query q = new QueryParser(g.edgeTypes()).parse("name:nothing calls:a");
      assertEquals(0, new QueryEvaluator(g).evaluate(q).count());
    }
  }

  @Test
  void searchesFromTheFarRowsStayThere() throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      CsrGraph graph = CsrGraph.of(g);
      Reach reach = Reachability.reach(graph, new int[] {B}, null, Direction.FORWARD, -1);
      assertEquals(2, reach.count());
      assertEquals(1, reach.depth(C));
      Reach back = Reachability.reach(graph, new int[] {C}, null, Direction.REVERSE, 3);
      assertEquals(2, back.count());
      assertEquals(1, ShortestPaths.between(graph, B, C, null, Direction.FORWARD).length());
    }
  }
}
