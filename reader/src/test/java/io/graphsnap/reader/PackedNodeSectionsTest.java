package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.PackedFileSymbolsFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SparseDetailsFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compact snapshot of format version 7 (NODES, NODE_DETAILS, FILE_SYMBOLS and NAME_INDEX packed) answers every read
 * of the public API as the same graph in the fixed layout does, at the edges of the encodings (no node, one node, only
 * externals, lines at the int extremes: 33-bit spans, a file id of 0 bits); the builder's writers give the bytes of
 * the rules as the test writer spells them out; and hostile bytes in those sections give a
 * {@link CorruptSnapshotException} naming a node section, never another exception.
 */
class PackedNodeSectionsTest {
  private static final Set<String> NODE_SECTIONS = Set.of("NODES", "NODE_DETAILS", "FILE_SYMBOLS", "NAME_INDEX");
  private static final SectionId[] PACKED = {SectionId.NODES, SectionId.NODE_DETAILS, SectionId.FILE_SYMBOLS,
      SectionId.NAME_INDEX};

  @TempDir Path dir;

  /** A random graph with extreme lines and a few more externals. */
  private static TestGraph extremes(long seed) {
    return extremes(seed, 300);
  }

  static TestGraph extremes(long seed, int nodes) {
    TestGraph g = Fixtures.random(seed, nodes, 4 * nodes);
    String path = g.filePaths().get(0);
    g.node("edge.max", "fn").file(path, 0, Integer.MAX_VALUE);
    g.node("edge.wide", "fn").file(path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    g.node("edge.backwards", "fn").file(path, Integer.MAX_VALUE, Integer.MIN_VALUE);
    g.node("edge.plain", "fn").file(path, 7, 7);
    g.edge("edge.plain", "calls", "ext.only");
    return g;
  }

  static List<TestGraph> graphs() {
    TestGraph empty = new TestGraph();
    TestGraph one = new TestGraph();
    one.file("a.x", "java", null, Fixtures.sha(1), 1);
    one.node("a", "fn").file("a.x", 3, 4);
    TestGraph externals = new TestGraph();
    externals.file("a.x", "java", null, Fixtures.sha(1), 1);
    externals.node("a", "fn").file("a.x", 0, 0);
    for (int i = 0; i < 130; i++) { // three blocks of presence bits, all absent but one
      externals.edge("a", "calls", "ext.e" + i);
    }
    externals.nodes.get("a").hash(Fixtures.sha(2));
    return List.of(empty, one, externals, Fixtures.random(3, 64, 200), Fixtures.random(4, 65, 200), extremes(5),
        extremes(6));
  }

  @Test
  void everyReadAgreesWithTheFixedLayout() throws Exception {
    int k = 0;
    for (TestGraph g : graphs()) {
      k++;
      Path fixedFile = Fixtures.write(dir, "f" + k + ".gsnap", TestSnapshotWriter.write(g));
      Path packedFile = Fixtures.write(dir, "p" + k + ".gsnap", TestSnapshotWriter.writePacked(g, 16, 16));
      try (GraphSnapshot f = GraphSnapshot.open(fixedFile); GraphSnapshot p = GraphSnapshot.open(packedFile)) {
        assertEquals(SnapshotFormat.VERSION_PACKED_NODES, p.formatVersion());
        f.verify();
        p.verify();
        List<String> expected = Exercise.transcript(f);
        List<String> actual = Exercise.transcript(p);
        assertEquals(expected.subList(1, expected.size()), actual.subList(1, actual.size()), "graph " + k);
        for (int v = 0; v < p.nodeCount(); v++) {
          assertEquals(-1, p.node(p.name(v) + "\u0000"));
        }
      }
    }
  }

  @Test
  void theFormatWritersGiveTheRulesBytes() throws Exception {
    for (TestGraph g : graphs()) {
      EnumMap<SectionId, byte[]> expected = TestSnapshotWriter.packedSections(g, 16, 16);
      List<String> names = g.freeze();
      List<String> paths = g.filePaths();
      List<String> kinds = g.kinds();
      int n = names.size();
      int[] file = new int[n];
      int[] start = new int[n];
      int[] end = new int[n];
      int[] kind = new int[n];
      int[] flags = new int[n];
      for (int v = 0; v < n; v++) {
        TestGraph.Node node = g.nodes.get(names.get(v));
        file[v] = node.file == null ? -1 : TestGraph.indexOf(paths, node.file);
        start[v] = node.lineStart;
        end[v] = node.lineEnd;
        kind[v] = kinds.indexOf(node.kind);
        flags[v] = (node.external ? 1 : 0) | (node.merged ? 2 : 0);
      }
      assertArrayEquals(expected.get(SectionId.NODES),
          SectionSink.Bytes.of(out -> PackedNodeFormat.write(out, n, file, start, end, kind, flags)));
      EnumMap<SectionId, byte[]> fixed = TestSnapshotWriter.sections(g);
      ByteBuffer details = ByteBuffer.wrap(fixed.get(SectionId.NODE_DETAILS)).order(ByteOrder.LITTLE_ENDIAN);
      long base = 8L * (n + 1);
      assertArrayEquals(expected.get(SectionId.NODE_DETAILS), SectionSink.Bytes.of(out -> SparseDetailsFormat.write(out,
          n, v -> java.util.Arrays.copyOfRange(details.array(), (int) (base + details.getLong(8 * v)),
              (int) (base + details.getLong(8 * (v + 1)))))));
      assertArrayEquals(expected.get(SectionId.FILE_SYMBOLS), SectionSink.Bytes.of(out -> PackedFileSymbolsFormat.write(
          out, FileSymbolsFormat.order(paths.size(), file, start, end))));
      ByteBuffer index = ByteBuffer.wrap(fixed.get(SectionId.NAME_INDEX)).order(ByteOrder.LITTLE_ENDIAN);
      int slotCount = index.getInt(0);
      NameIndexFormat.Coding coding = NameIndexFormat.Coding.packed(n);
      int oldIdBits = NameIndexFormat.idBits(n);
      int[] slots = new int[slotCount];
      for (int i = 0; i < slotCount; i++) {
        int old = index.getInt(8 + 4 * i);
        int id = old & ((1 << oldIdBits) - 1);
        slots[i] = old == -1 ? -1 : coding.value(id, io.graphsnap.bloom.BloomHash.hash64(
            names.get(id).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      assertArrayEquals(expected.get(SectionId.NAME_INDEX), SectionSink.Bytes.of(out -> coding.write(out, slots,
          slotCount)));
    }
  }

  @Test
  void randomByteDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = extremes(11, 100);
    int caught = 0;
    Random r = new Random(5);
    int trials = 100;
    for (int trial = 0; trial < trials; trial++) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.packedSections(g, 16, 16);
      SectionId id = PACKED[r.nextInt(PACKED.length)];
      byte[] b = s.get(id).clone();
      for (int k = 0, flips = 1 + r.nextInt(3); k < flips; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      s.put(id, b);
      Path file = Fixtures.write(dir, "d" + trial + ".gsnap", TestSnapshotWriter.layout(s,
          SnapshotFormat.VERSION_PACKED_NODES));
      try (GraphSnapshot snap = GraphSnapshot.open(file)) {
        try {
          Exercise.transcript(snap);
        } catch (CorruptSnapshotException e) {
          assertNodeSection(e);
        }
        try {
          snap.verify();
        } catch (CorruptSnapshotException e) {
          assertNodeSection(e);
          caught++;
        }
      } catch (CorruptSnapshotException e) {
        assertNodeSection(e);
        caught++;
      }
    }
    // What verify cannot see is a flip that turns one sound section into another: a line number, a note's text.
    assertTrue(caught > trials / 2, "most damage is caught: " + caught + " of " + trials);
  }

  private static void assertNodeSection(CorruptSnapshotException e) {
    assertTrue(NODE_SECTIONS.contains(e.section()) || e.section().equals("KIND_BITMAPS"), e.getMessage());
  }

  @Test
  void namedDamageGivesNamedErrors() throws Exception {
    TestGraph g = extremes(3);
    // Open: a width past the largest, a present bit past N, an OffsetBits past 31.
    assertOpenFails(g, SectionId.NODES, b -> b.put(0, (byte) 40), "FileBits out of range");
    assertOpenFails(g, SectionId.NODES, b -> b.put(4, (byte) 3), "FlagBits out of range");
    assertOpenFails(g, SectionId.NODES, b -> b.putLong(8, (long) Integer.MIN_VALUE - 1), "outside the int range");
    int n = g.freeze().size();
    long lastBlock = (n - 1) / 64;
    assertOpenFails(g, SectionId.NODE_DETAILS, b -> b.putLong((int) (16 * lastBlock),
        b.getLong((int) (16 * lastBlock)) | Long.MIN_VALUE), n % 64 == 0 ? "Ends[" : "past N");
    assertOpenFails(g, SectionId.FILE_SYMBOLS, b -> b.put(0, (byte) 40), "OffsetBits out of range");
    assertOpenFails(g, SectionId.FILE_SYMBOLS, b -> b.put(5, (byte) 1), "reserved bytes");
    assertOpenFails(g, SectionId.NAME_INDEX, b -> b.putInt(0, b.getInt(0) + 1), "slot count mismatch");
    // Verify: a LineEnd past the int range (SpanBase one larger), a padding bit, a rank that lies.
    assertVerifyFails(g, SectionId.NODES, b -> b.putLong(16, b.getLong(16) + 1), "LineEnd outside the int range");
    assertVerifyFails(g, SectionId.NODES, b -> b.put(b.capacity() - 1, (byte) 1), "padding");
    assertVerifyFails(g, SectionId.NODE_DETAILS, b -> b.putLong(8, 1), "Rank of block 0");
    assertVerifyFails(g, SectionId.FILE_SYMBOLS, b -> b.put(b.capacity() - 1, (byte) 0x80), "padding");
    assertVerifyFails(g, SectionId.NAME_INDEX, b -> b.put(b.capacity() - 1, (byte) 0x80), "padding");
  }

  @Test
  void aStoredEmptySymbolEntryFailsVerify() throws Exception {
    TestGraph g = new TestGraph();
    g.file("a.x", "java", null, Fixtures.sha(1), 1);
    g.node("a", "fn").file("a.x", 1, 2);
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.packedSections(g, 16, 16);
    // Node 0 present, entry = the empty symbol entry: Block (1, 0), Ends (0, 3), Data 00 00 00.
    ByteBuffer d = ByteBuffer.allocate(16 + 16 + 3).order(ByteOrder.LITTLE_ENDIAN);
    d.putLong(1).putLong(0).putLong(0).putLong(3);
    s.put(SectionId.NODE_DETAILS, d.array());
    Path file = Fixtures.write(dir, "es.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_PACKED_NODES));
    try (GraphSnapshot snap = GraphSnapshot.open(file)) {
      assertEquals(NodeDetails.EMPTY, snap.details(0)); // readable, and reads as no details
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, snap::verify);
      assertEquals("NODE_DETAILS", e.section());
      assertTrue(e.getMessage().contains("empty symbol entry"), e.getMessage());
    }
  }

  @Test
  void aWrongIdInALookupPathIsReported() throws Exception {
    TestGraph g = Fixtures.random(8, 40, 80);
    List<String> names = g.freeze();
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.packedSections(g, 16, 16);
    NameIndexFormat.Coding coding = NameIndexFormat.Coding.packed(names.size());
    byte[] index = s.get(SectionId.NAME_INDEX);
    int width = coding.valueBits();
    // Every slot's id set to the largest id the bits hold (past N): any probe of a full slot reports it.
    long slots = ByteBuffer.wrap(index).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    List<long[]> values = new java.util.ArrayList<>();
    for (long i = 0; i < slots; i++) {
      values.add(new long[] {(1L << coding.idBits()) - 2, width});
    }
    byte[] packed = TestSnapshotWriter.pack(values);
    System.arraycopy(packed, 0, index, 8, packed.length);
    Path file = Fixtures.write(dir, "ids.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_PACKED_NODES));
    try (GraphSnapshot snap = GraphSnapshot.open(file)) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> snap.node(names.get(0)));
      assertEquals("NAME_INDEX", e.section(), e.getMessage());
    }
  }

  private void assertOpenFails(TestGraph g, SectionId id, Consumer<ByteBuffer> damage, String message) throws Exception {
    Path file = damaged(g, id, damage);
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file).close());
    assertEquals(id.name(), e.section(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private void assertVerifyFails(TestGraph g, SectionId id, Consumer<ByteBuffer> damage, String message)
      throws Exception {
    try (GraphSnapshot snap = GraphSnapshot.open(damaged(g, id, damage))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, snap::verify);
      assertEquals(id.name(), e.section(), e.getMessage());
      assertTrue(e.getMessage().contains(message), e.getMessage());
    }
  }

  private Path damaged(TestGraph g, SectionId id, Consumer<ByteBuffer> damage) throws Exception {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.packedSections(g, 16, 16);
    damage.accept(ByteBuffer.wrap(s.get(id)).order(ByteOrder.LITTLE_ENDIAN));
    return Fixtures.write(dir, "n" + System.nanoTime() + ".gsnap", TestSnapshotWriter.layout(s,
        SnapshotFormat.VERSION_PACKED_NODES));
  }
}
