package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Files whose checksums are right but whose structure is wrong (as a buggy builder or a careful attacker
 * would write them): open, the hot-path checks or verify must name the broken section.
 */
class StructuralDamageTest {
  @TempDir Path dir;
  private TestGraph graph;
  private EnumMap<SectionId, byte[]> sections;
  private int n;

  @BeforeEach
  void setUp() {
    graph = Fixtures.small();
    sections = TestSnapshotWriter.sections(graph);
    n = graph.sortedNames().size();
  }

  @ParameterizedTest
  @EnumSource(value = SectionId.class, names = {"BUILD_INFO", "CONFLICTS", "NAME_INDEX", "FILE_SYMBOLS", "NAME_TRIGRAMS", "CALL_SITES",
      "COMPACT_FORWARD_INDEX", "COMPACT_FORWARD_ROWS", "COMPACT_REVERSE_INDEX", "COMPACT_REVERSE_ROWS"}, mode = EnumSource.Mode.EXCLUDE)
  void everyRequiredSectionMustBePresent(SectionId id) {
    sections.remove(id);
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, this::openIt);
    assertEquals(id.name(), e.section());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void buildInfoAndConflictsAreOptional() throws Exception {
    sections.remove(SectionId.BUILD_INFO);
    sections.remove(SectionId.CONFLICTS);
    try (GraphSnapshot s = openIt()) {
      assertTrue(s.buildInfo().isEmpty());
      assertTrue(s.conflicts().isEmpty());
      s.verify();
    }
  }

  @ParameterizedTest
  @EnumSource(value = SectionId.class, names = {"NODES", "EDGE_TYPE_COUNTS", "FORWARD_OFFSETS", "FORWARD_TARGETS",
      "FORWARD_TYPES", "REVERSE_OFFSETS", "REVERSE_SOURCES", "REVERSE_TYPES", "FILES", "BLOOM", "NODE_NAMES",
      "KINDS", "KIND_BITMAPS", "NODE_DETAILS", "NAME_INDEX", "NAME_TRIGRAMS", "CALL_SITES"})
  void aSectionOneByteTooLongFailsAtOpen(SectionId id) {
    byte[] b = sections.get(id);
    sections.put(id, java.util.Arrays.copyOf(b, b.length + 1));
    assertEquals(id.name(), assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void edgeCountMismatchBetweenDirectionsFailsAtOpen() {
    long e = graph.edgeTriples().size();
    patchLong(SectionId.REVERSE_OFFSETS, CsrFormat.offsetAt(n), e - 1);
    assertEquals("REVERSE_OFFSETS", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void edgeTypeCountsMustSumToE() {
    patchLong(SectionId.EDGE_TYPE_COUNTS, CsrFormat.typeCountAt(0), 1000);
    assertEquals("EDGE_TYPE_COUNTS", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void edgeTypeCountsSwappedAreCaughtByVerify() throws Exception {
    ByteBuffer b = le(SectionId.EDGE_TYPE_COUNTS);
    int t0 = (int) CsrFormat.typeCountAt(0);
    int t1 = (int) CsrFormat.typeCountAt(1);
    long first = b.getLong(t0);
    long second = b.getLong(t1);
    b.putLong(t0, second).putLong(t1, first);
    assertEquals(first == second ? null : "EDGE_TYPE_COUNTS", verifyFailure());
  }

  @Test
  void stringListCountTooLargeFailsAtOpen() {
    patchInt(SectionId.NODE_NAMES, StringListFormat.COUNT, Integer.MAX_VALUE);
    assertEquals("NODE_NAMES", assertThrows(CorruptSnapshotException.class, this::openIt).section());
    setUp();
    patchInt(SectionId.KINDS, StringListFormat.COUNT, -1);
    assertEquals("KINDS", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void neighbourOutOfRangeIsCaughtByTheCursorAndVerify() throws Exception {
    patchInt(SectionId.FORWARD_TARGETS, CsrFormat.neighbourAt(0), n);
    try (GraphSnapshot s = openIt()) {
      int first = firstNodeWithOutEdges(s);
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> s.out(first).next());
      assertEquals("FORWARD_TARGETS", e.section());
      assertTrue(e.getMessage().contains("actual=" + n), e.getMessage());
      assertThrows(CorruptSnapshotException.class, () -> s.forward().neighbour(0));
      assertEquals("FORWARD_TARGETS", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
    setUp();
    patchInt(SectionId.REVERSE_SOURCES, CsrFormat.neighbourAt(1), -5);
    assertEquals("REVERSE_SOURCES", verifyFailure());
  }

  @Test
  void offsetsOutOfOrderAreCaughtByTheCursorAndVerify() throws Exception {
    // node 1 starts after the end of all edges
    long e = graph.edgeTriples().size();
    patchLong(SectionId.FORWARD_OFFSETS, CsrFormat.offsetAt(1), e + 3);
    try (GraphSnapshot s = openIt()) {
      CorruptSnapshotException x = assertThrows(CorruptSnapshotException.class, () -> s.out(0));
      assertEquals("FORWARD_OFFSETS", x.section());
      assertThrows(CorruptSnapshotException.class, () -> s.out(1, 0));
      assertThrows(CorruptSnapshotException.class, () -> s.outDegree(1));
      assertThrows(CorruptSnapshotException.class, () -> s.forward().offset(1));
      assertEquals("FORWARD_OFFSETS", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
    setUp();
    // a decreasing pair inside [0, E]
    ByteBuffer b = le(SectionId.REVERSE_OFFSETS);
    int v = 1;
    while (b.getLong((int) CsrFormat.offsetAt(v + 1)) == b.getLong((int) CsrFormat.offsetAt(v))) {
      v++;
    }
    b.putLong((int) CsrFormat.offsetAt(v), b.getLong((int) CsrFormat.offsetAt(v + 1)) + 0);
    b.putLong((int) CsrFormat.offsetAt(v + 1), b.getLong((int) CsrFormat.offsetAt(v)) - 1);
    assertEquals("REVERSE_OFFSETS", verifyFailure());
  }

  @Test
  void typeOutOfRangeIsCaught() throws Exception {
    sections.get(SectionId.FORWARD_TYPES)[0] = (byte) 200;
    try (GraphSnapshot s = openIt()) {
      EdgeCursor c = s.out(firstNodeWithOutEdges(s));
      c.next();
      assertEquals("FORWARD_TYPES", assertThrows(CorruptSnapshotException.class, c::type).section());
      assertEquals("FORWARD_TYPES", assertThrows(CorruptSnapshotException.class, () -> s.forward().type(0)).section());
      assertEquals("FORWARD_TYPES", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void edgesNotSortedByTypeFailTypedCursorsAndVerify() throws Exception {
    int login = TestGraph.indexOf(graph.sortedNames(), "auth.login"); // calls, calls, references
    long start = CsrFormat.offset(MemorySegment.ofArray(sections.get(SectionId.FORWARD_OFFSETS)), login);
    byte[] types = sections.get(SectionId.FORWARD_TYPES);
    byte swap = types[(int) start];
    types[(int) start] = types[(int) start + 2];
    types[(int) start + 2] = swap;
    int calls = graph.edgeTypes().indexOf("calls");
    int refs = graph.edgeTypes().indexOf("references");
    try (GraphSnapshot s = openIt()) {
      // types are now [references, calls, calls]: the typed cursor never returns an edge of another type...
      assertEquals("FORWARD_TYPES", assertThrows(CorruptSnapshotException.class, () -> drain(s.out(login, calls))).section());
      // ...but its binary search may miss edges (the documented limit of an unverified file)
      drain(s.out(login, refs));
      assertTrue(List.of("FORWARD_TARGETS", "FORWARD_TYPES").contains(
          assertThrows(CorruptSnapshotException.class, s::verify).section()));
    }
  }

  @Test
  void reverseThatIsNotTheTransposeIsCaughtByVerify() {
    // move one in-edge to a different source, keeping every count and order valid
    ByteBuffer b = le(SectionId.REVERSE_SOURCES);
    int e = graph.edgeTriples().size();
    for (int i = 0; i < e; i++) {
      int source = b.getInt((int) CsrFormat.neighbourAt(i));
      boolean last = i + 1 == e;
      if (!last && b.getInt((int) CsrFormat.neighbourAt(i + 1)) > source + 1 || last && source + 1 < n) {
        b.putInt((int) CsrFormat.neighbourAt(i), source + 1);
        break;
      }
    }
    assertEquals("REVERSE_SOURCES", verifyFailure());
  }

  @Test
  void badKindAndFileIdsAreCaughtOnUse() throws Exception {
    patchShort(SectionId.NODES, NodeRecordFormat.offset(0) + NodeRecordFormat.KIND_ID, 999);
    patchInt(SectionId.NODES, NodeRecordFormat.offset(1) + NodeRecordFormat.FILE_ID, 77);
    try (GraphSnapshot s = openIt()) {
      assertEquals("NODES", assertThrows(CorruptSnapshotException.class, () -> s.kind(0)).section());
      assertEquals("NODES", assertThrows(CorruptSnapshotException.class, () -> s.file(1)).section());
      assertEquals("NODES", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void externalNodesMustHaveNoFile() {
    int ext = TestGraph.indexOf(graph.sortedNames(), "ext.crypt");
    patchInt(SectionId.NODES, NodeRecordFormat.offset(ext) + NodeRecordFormat.FILE_ID, 0);
    assertEquals("NODES", verifyFailure());
  }

  @Test
  void unknownNodeFlagsAreCaughtByVerify() {
    patchShort(SectionId.NODES, NodeRecordFormat.offset(0) + NodeRecordFormat.FLAGS, 0x40);
    assertEquals("NODES", verifyFailure());
  }

  @Test
  void brokenNameEndsAreCaughtOnUse() throws Exception {
    patchLong(SectionId.NODE_NAMES, StringListFormat.endOffset(3), 1 << 20);
    try (GraphSnapshot s = openIt()) {
      assertEquals("NODE_NAMES", assertThrows(CorruptSnapshotException.class, () -> s.name(2)).section());
      assertEquals("NODE_NAMES", assertThrows(CorruptSnapshotException.class, () -> s.name(3)).section());
      for (String name : graph.sortedNames()) {
        try {
          s.node(name);
        } catch (CorruptSnapshotException expected) {
          assertEquals("NODE_NAMES", expected.section());
        }
      }
      assertEquals("NODE_NAMES", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void unsortedNamesAreCaughtByVerify() {
    List<String> names = graph.sortedNames();
    // swap the last bytes of two adjacent names of the same length so that their order breaks
    byte[] list = sections.get(SectionId.NODE_NAMES);
    MemorySegment b = MemorySegment.ofArray(list);
    long base = StringListFormat.dataOffset(names.size());
    int a = TestGraph.indexOf(names, "auth.login");
    long aStart = StringListFormat.end(b, a);
    list[(int) (base + aStart + 5)] = 'z'; // "auth.zogin" > "auth.logout"
    assertEquals("NODE_NAMES", verifyFailure());
  }

  @Test
  void invalidUtf8NamesAreCaughtByVerify() {
    byte[] list = sections.get(SectionId.NODE_NAMES);
    list[list.length - 1] = (byte) 0xC0;
    assertEquals("NODE_NAMES", verifyFailure());
  }

  @Test
  void unsortedDictionaryFailsAtOpen() {
    sections.put(SectionId.EDGE_TYPES, TestSnapshotWriter.stringList(List.of("references", "calls", "contains",
        "covers", "tests")));
    assertEquals("EDGE_TYPES", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void garbageBitmapsAreCaughtAtFirstUse() throws Exception {
    MutableRoaringBitmap tooLarge = MutableRoaringBitmap.bitmapOf(1, n + 5);
    List<byte[]> items = new java.util.ArrayList<>();
    for (int k = 0; k < graph.kinds().size(); k++) {
      items.add(k == 0 ? TestSnapshotWriter.serialise(tooLarge) : new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
    sections.put(SectionId.KIND_BITMAPS, TestSnapshotWriter.list(items));
    try (GraphSnapshot s = openIt()) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> s.ofKind(graph.kinds().get(0)));
      assertEquals("KIND_BITMAPS", e.section());
      assertTrue(e.getMessage().contains("out of range"), e.getMessage());
      assertThrows(CorruptSnapshotException.class, () -> s.ofKind(graph.kinds().get(1)));
      assertEquals("KIND_BITMAPS", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void kindBitmapsThatDisagreeWithNodesAreCaughtByVerify() {
    List<byte[]> items = new java.util.ArrayList<>();
    for (int k = 0; k < graph.kinds().size(); k++) {
      items.add(TestSnapshotWriter.serialise(MutableRoaringBitmap.bitmapOf(k)));
    }
    sections.put(SectionId.KIND_BITMAPS, TestSnapshotWriter.list(items));
    assertEquals("NODES", verifyFailure());
  }

  @Test
  void wrongBitmapCountFailsAtOpen() {
    sections.put(SectionId.EFFECT_BITMAPS, TestSnapshotWriter.list(List.of()));
    assertEquals("EFFECT_BITMAPS", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void badBloomHeaderFailsAtOpen() {
    sections.get(SectionId.BLOOM)[0] = 'x';
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, this::openIt);
    assertEquals("BLOOM", e.section());
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void aBloomFilterWithoutTheNamesMissesAndVerifyCatchesIt() throws Exception {
    sections.put(SectionId.BLOOM, new io.graphsnap.bloom.BloomFilterBuilder(n).toByteArray());
    try (GraphSnapshot s = openIt()) {
      assertEquals(TestGraph.indexOf(graph.sortedNames(), "auth.login"), s.node("auth.login")); // the index finds it
      assertEquals("BLOOM", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
    sections.remove(SectionId.NAME_INDEX);
    try (GraphSnapshot s = openIt()) {
      assertEquals(-1, s.node("auth.login")); // the documented consequence of an unverified file
      assertEquals("BLOOM", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void damagedDetailsAreCaughtOnUse() throws Exception {
    int login = TestGraph.indexOf(graph.sortedNames(), "auth.login");
    for (Consumer<byte[]> damage : List.<Consumer<byte[]>>of(
        entry -> entry[0] = 4, // unknown flag
        entry -> entry[NOTE_COUNT] = 100, // note count larger than the entry
        entry -> java.util.Arrays.fill(entry, NOTE_COUNT, NOTE_COUNT + NodeDetailsFormat.MAX_VARINT_BYTES, (byte) 0xFF),
        // (a VarInt longer than 5 bytes)
        entry -> entry[NOTE_COUNT + 2] = 0)) { // empty note lang (after the count and the lang's length)
      setUp();
      byte[] details = sections.get(SectionId.NODE_DETAILS);
      long start = NodeDetailsFormat.end(MemorySegment.ofArray(details), login);
      int base = (int) (NodeDetailsFormat.dataOffset(n) + start);
      byte[] entry = java.util.Arrays.copyOfRange(details, base, details.length);
      damage.accept(entry);
      System.arraycopy(entry, 0, details, base, entry.length);
      try (GraphSnapshot s = openIt()) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> s.details(login));
        assertEquals("NODE_DETAILS", e.section());
        assertTrue(e.getMessage().contains("node " + login), e.getMessage());
        assertEquals("NODE_DETAILS", assertThrows(CorruptSnapshotException.class, s::verify).section());
      }
    }
  }

  @Test
  void badLanguageIdIsCaughtOnUse() throws Exception {
    patchInt(SectionId.FILES, FileRecordFormat.offset(0) + FileRecordFormat.LANGUAGE_ID, 9);
    try (GraphSnapshot s = openIt()) {
      assertEquals("FILES", assertThrows(CorruptSnapshotException.class, () -> s.fileLanguage(0)).section());
      assertEquals("FILES", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void oddBuildInfoFailsAtOpen() {
    sections.put(SectionId.BUILD_INFO, TestSnapshotWriter.stringList(List.of("a", "b", "c")));
    assertEquals("BUILD_INFO", assertThrows(CorruptSnapshotException.class, this::openIt).section());
  }

  @Test
  void nonZeroPaddingIsCaughtByVerify() throws Exception {
    byte[] file = TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_CURRENT);
    int padding = SnapshotFormat.headerBytes(sections.size());
    file[padding] = 1;
    try (GraphSnapshot s = GraphSnapshot.open(Fixtures.write(dir, "pad.gsnap", file))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals(padding, e.offset());
      assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }
  }

  @Test
  void checksumMismatchNamesTheSection() throws Exception {
    byte[] file = TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_CURRENT);
    long at = TestSnapshotWriter.sectionOffset(file, SectionId.NODES);
    file[(int) at + 4] ^= 1; // a line number: structurally harmless
    try (GraphSnapshot s = GraphSnapshot.open(Fixtures.write(dir, "crc.gsnap", file))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("NODES", e.section());
      assertEquals(at, e.offset());
      assertTrue(e.getMessage().contains("checksum mismatch: actual="), e.getMessage());
    }
  }

  // ------------------------------------------------------------------ helpers

  private GraphSnapshot openIt() throws Exception {
    return GraphSnapshot.open(Fixtures.write(dir, "s.gsnap", TestSnapshotWriter.layout(sections,
        SnapshotFormat.VERSION_CURRENT)));
  }

  /** Opens (which must succeed) and returns the section verify names, or null if verify passes. */
  private String verifyFailure() {
    try (GraphSnapshot s = openIt()) {
      try {
        s.verify();
        return null;
      } catch (CorruptSnapshotException e) {
        return e.section();
      }
    } catch (Exception e) {
      throw new AssertionError("open failed: " + e, e);
    }
  }

  private static int firstNodeWithOutEdges(GraphSnapshot s) {
    for (int v = 0; v < s.nodeCount(); v++) {
      if (s.forward().offset(v + 1) > 0) {
        return v;
      }
    }
    throw new AssertionError("no edges");
  }

  private static void drain(EdgeCursor c) {
    while (c.next() >= 0) {
      // consume
    }
  }

  /** Where an entry with a content hash keeps its NoteCount: after Flags and Hash ({@link NodeDetailsFormat}). */
  private static final int NOTE_COUNT = 1 + NodeDetailsFormat.HASH_BYTES;

  private ByteBuffer le(SectionId id) {
    return ByteBuffer.wrap(sections.get(id)).order(LittleEndian.ORDER);
  }

  private void patchLong(SectionId id, long at, long value) {
    le(id).putLong((int) at, value);
  }

  private void patchInt(SectionId id, long at, int value) {
    le(id).putInt((int) at, value);
  }

  private void patchShort(SectionId id, long at, int value) {
    le(id).putShort((int) at, (short) value);
  }
}
