package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bloom.BloomHash;
import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lookups by name through NAME_INDEX (format version 2) and by binary search (version 1) agree with the model
 * for present names, absent names and Bloom false positives; a damaged index is caught where documented and
 * never makes a present name look absent.
 */
class NameIndexTest {
  @TempDir Path dir;
  private TestGraph graph;
  private List<String> names;
  private EnumMap<SectionId, byte[]> sections;
  private int n;

  @BeforeEach
  void setUp() {
    graph = Fixtures.small();
    sections = TestSnapshotWriter.sections(graph); // adds the external nodes to the graph
    names = graph.sortedNames();
    n = names.size();
  }

  // ------------------------------------------------------------------ lookups against the model

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 1", "3, 2", "4, 3", "5, 17", "6, 300", "7, 6000"})
  void lookupsAgreeWithTheModelInBothVersions(long seed, int nodes) throws Exception {
    TestGraph g = Fixtures.random(seed, nodes, nodes * 2);
    assertLookups(g, seed, nodes >= 6000);
  }

  @Test
  void namesOfEveryLengthAroundTheEightByteStride() throws Exception {
    TestGraph g = new TestGraph();
    g.file("src/a.x", "x", null, Fixtures.sha(1), 1);
    for (int length = 1; length <= 40; length++) {
      g.node("x".repeat(length), "fn").file("src/a.x", 1, 1);
      g.node("y".repeat(length - 1) + "z", "fn").file("src/a.x", 1, 1); // differs from y^length in the last byte
      g.node("é".repeat(length), "fn").file("src/a.x", 1, 1);
    }
    assertLookups(g, 9, false);
    try (GraphSnapshot s = open(TestSnapshotWriter.write(g))) {
      assertEquals(-1, s.node(""));
      assertEquals(-1, s.node("x".repeat(41)));
      assertEquals(-1, s.node("y".repeat(8)));
      assertEquals(-1, s.node("x".repeat(16) + "y"));
    }
  }

  /** Every name is found at its id, and a few thousand absent names, Bloom false positives included, are not. */
  private void assertLookups(TestGraph g, long seed, boolean expectFalsePositives) throws Exception {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.sections(g); // adds the external nodes to the graph
    List<String> sorted = g.sortedNames();
    List<String> absent = absentNames(sorted, seed);
    BloomView bloom = BloomView.wrap(MemorySegment.ofArray(s.get(SectionId.BLOOM)));
    int falsePositives = 0;
    for (String name : absent) {
      falsePositives += bloom.mightContain(name.getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
    }
    if (expectFalsePositives) {
      assertTrue(falsePositives > 0, "no absent name passed the Bloom filter: the fallback is not exercised");
    }
    for (byte[] file : List.of(TestSnapshotWriter.write(g), TestSnapshotWriter.writeV1(g))) {
      try (GraphSnapshot snapshot = open(file)) {
        for (int v = 0; v < sorted.size(); v++) {
          assertEquals(v, snapshot.node(sorted.get(v)), sorted.get(v));
          assertEquals(v, snapshot.node(sorted.get(v).getBytes(StandardCharsets.UTF_8)));
        }
        for (String name : absent) {
          assertEquals(-1, snapshot.node(name), name);
        }
        snapshot.verify();
      }
    }
  }

  /** Names not in {@code present}: near misses of each (one byte more, less, changed) and random ones. */
  private static List<String> absentNames(List<String> present, long seed) {
    Set<String> set = new HashSet<>(present);
    List<String> out = new ArrayList<>();
    for (String name : present) {
      out.add(name + "x");
      out.add(name + "\0");
      out.add(name.substring(0, name.length() - 1));
      out.add(name.substring(0, name.length() - 1) + (char) (name.charAt(name.length() - 1) + 1));
      out.add("q" + name);
    }
    Random r = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      out.add("p" + r.nextInt(10) + ".n" + (1_000_000 + r.nextInt(1_000_000)));
    }
    out.add("");
    out.removeIf(set::contains);
    return out;
  }

  @Test
  void aVersion1FileHasNoIndexAndAnswersEverythingByBinarySearch() throws Exception {
    try (GraphSnapshot s = open(TestSnapshotWriter.writeV1(graph))) {
      assertEquals(SnapshotFormat.VERSION_START, s.formatVersion());
      ModelCheck.assertMatches(graph, s);
      s.verify();
    }
  }

  @Test
  void theIndexIsOptionalInVersion2() throws Exception {
    sections.remove(SectionId.NAME_INDEX);
    try (GraphSnapshot s = openSections()) {
      assertEquals(SnapshotFormat.VERSION_CURRENT, s.formatVersion());
      ModelCheck.assertMatches(graph, s);
      s.verify();
    }
  }

  @Test
  void theIndexAnswersWithoutTheBloomFilterOrTheSortedNames() throws Exception {
    // An empty Bloom filter: the binary search is never reached for a present name, so the index answered.
    sections.put(SectionId.BLOOM, new io.graphsnap.bloom.BloomFilterBuilder(n).toByteArray());
    try (GraphSnapshot s = openSections()) {
      for (int v = 0; v < n; v++) {
        assertEquals(v, s.node(names.get(v)));
      }
      assertEquals(-1, s.node("no.such.node"));
    }
  }

  @Test
  void lookupsThroughTheIndexAllocateNothing() throws Exception {
    TestGraph g = Fixtures.random(11, 2_000, 0);
    try (GraphSnapshot s = open(TestSnapshotWriter.write(g))) {
      List<String> sorted = g.sortedNames();
      byte[][] keys = new byte[sorted.size()][];
      for (int v = 0; v < keys.length; v++) {
        keys[v] = sorted.get(v).getBytes(StandardCharsets.UTF_8);
      }
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      long sum = 0;
      for (int round = 0; round < 50; round++) { // warm up: let the JIT compile the path
        for (byte[] key : keys) {
          sum += s.node(key);
        }
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int round = 0; round < 20; round++) {
        for (byte[] key : keys) {
          sum += s.node(key);
        }
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertEquals(70L * keys.length * (keys.length - 1) / 2, sum);
      assertTrue(allocated < 64 * 1024, allocated + " bytes allocated by " + 20 * keys.length + " lookups");
    }
  }

  // ------------------------------------------------------------------ damaged indexes

  @ParameterizedTest
  @ValueSource(ints = {-2, Integer.MIN_VALUE, 11, 15, 0x7FFF_FFFF})
  void aSlotValueOutOfRangeIsCorruptOnLookupAndVerify(int value) throws Exception {
    assertEquals(11, n); // ids take 4 bits: 11 and 15 are ids out of range
    int slot = slotOf("auth.login");
    setSlot(slot, value);
    byte[] file = TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_CURRENT);
    long expectedOffset = TestSnapshotWriter.sectionOffset(file, SectionId.NAME_INDEX) + NameIndexFormat.slotOffset(slot);
    try (GraphSnapshot s = open(file)) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> s.node("auth.login"));
      assertEquals("NAME_INDEX", e.section());
      assertEquals(expectedOffset, e.offset());
      assertTrue(e.getMessage().contains("actual=" + value), e.getMessage());
      assertEquals("NAME_INDEX", assertThrows(CorruptSnapshotException.class, s::verify).section());
    }
  }

  @Test
  void aSlotPointingToAnotherNodeStillFindsTheNameThroughTheFallback() throws Exception {
    int login = names.indexOf("auth.login");
    int other = names.indexOf("db.query");
    int idBits = NameIndexFormat.idBits(n);
    for (int value : new int[] {
        NameIndexFormat.slotValue(other, hash("auth.login"), idBits), // login's fingerprint, another id
        NameIndexFormat.slotValue(other, hash("db.query"), idBits)}) { // another node's own slot value
      setUp();
      setSlot(slotOf("auth.login"), value);
      try (GraphSnapshot s = openSections()) {
        assertEquals(login, s.node("auth.login"));
        assertEquals(other, s.node("db.query"));
        assertEquals("NAME_INDEX", verifyFailure(s));
      }
    }
  }

  @Test
  void aWrongFingerprintFallsBackAndIsCaughtByVerify() throws Exception {
    int slot = slotOf("auth.login");
    setSlot(slot, slot(slot) ^ 1 << 30);
    try (GraphSnapshot s = openSections()) {
      assertEquals(names.indexOf("auth.login"), s.node("auth.login"));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("NAME_INDEX", e.section());
      assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    }
  }

  @Test
  void anEntryBehindAnEmptySlotFallsBackAndIsCaughtByVerify() throws Exception {
    int slotCount = slotCount();
    int from = slotOf("auth.login");
    int value = slot(from);
    setSlot(from, NameIndexFormat.EMPTY);
    int home = (int) NameIndexFormat.homeSlot(hash("auth.login"), slotCount);
    int firstEmpty = nextEmpty(home, slotCount);
    int secondEmpty = nextEmpty((firstEmpty + 1) % slotCount, slotCount);
    setSlot(secondEmpty, value);
    try (GraphSnapshot s = openSections()) {
      assertEquals(names.indexOf("auth.login"), s.node("auth.login"));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("NAME_INDEX", e.section());
      assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
    }
  }

  @Test
  void aNodeInTwoSlotsIsCaughtByVerify() throws Exception {
    setSlot(slotOf("db.query"), slot(slotOf("auth.login"))); // same count, one node twice, one missing
    try (GraphSnapshot s = openSections()) {
      assertEquals(names.indexOf("db.query"), s.node("db.query"));
      assertEquals("NAME_INDEX", verifyFailure(s));
    }
  }

  @Test
  void aTableWithoutEmptySlotsStopsAfterOneRound() throws Exception {
    int value = NameIndexFormat.slotValue(0, hash(names.get(0)), NameIndexFormat.idBits(n));
    for (int slot = 0; slot < slotCount(); slot++) {
      setSlot(slot, value);
    }
    try (GraphSnapshot s = openSections()) {
      for (int v = 0; v < n; v++) {
        assertEquals(v, s.node(names.get(v)));
      }
      assertEquals(-1, s.node("no.such.node"));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, s::verify);
      assertEquals("NAME_INDEX", e.section());
      assertTrue(e.getMessage().contains("actual=" + slotCount() + " vs expected=" + n), e.getMessage());
    }
  }

  @Test
  void aWrongSlotCountZeroFieldOrLengthFailsAtOpen() {
    byte[] original = sections.get(SectionId.NAME_INDEX).clone();
    for (java.util.function.UnaryOperator<byte[]> damage : List.<java.util.function.UnaryOperator<byte[]>>of(
        b -> { le(b).putInt(NameIndexFormat.SLOT_COUNT, slotCount() + 1); return b; },
        b -> { le(b).putInt(NameIndexFormat.ZERO, 1); return b; },
        b -> java.util.Arrays.copyOf(b, b.length + 4),
        b -> java.util.Arrays.copyOf(b, 4))) {
      sections.put(SectionId.NAME_INDEX, damage.apply(original.clone()));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, this::openSections);
      assertEquals("NAME_INDEX", e.section());
    }
  }

  @Test
  void theTestWriterFollowsTheFormatHelpers() {
    // TestSnapshotWriter spells the rule out on its own; the format's helpers must give the same slots.
    int idBits = NameIndexFormat.idBits(n);
    assertEquals(NameIndexFormat.sectionBytes(n), sections.get(SectionId.NAME_INDEX).length);
    for (int v = 0; v < n; v++) {
      int slot = slotOf(names.get(v));
      long h = hash(names.get(v));
      assertEquals(NameIndexFormat.slotValue(v, h, idBits), slot(slot));
      long home = NameIndexFormat.homeSlot(h, slotCount());
      for (long at = home; at != slot; at = (at + 1) % slotCount()) {
        assertFalse(slot((int) at) == NameIndexFormat.EMPTY, "an empty slot between home and entry");
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private GraphSnapshot open(byte[] file) throws Exception {
    return GraphSnapshot.open(Fixtures.write(dir, "s" + System.nanoTime() + ".gsnap", file));
  }

  private GraphSnapshot openSections() throws Exception {
    return open(TestSnapshotWriter.layout(sections, SnapshotFormat.VERSION_CURRENT));
  }

  private static String verifyFailure(GraphSnapshot s) {
    try {
      s.verify();
      return null;
    } catch (CorruptSnapshotException e) {
      return e.section();
    }
  }

  private static long hash(String name) {
    return BloomHash.hash64(name.getBytes(StandardCharsets.UTF_8));
  }

  private int slotCount() {
    return le(sections.get(SectionId.NAME_INDEX)).getInt(NameIndexFormat.SLOT_COUNT);
  }

  private int slot(int slot) {
    return le(sections.get(SectionId.NAME_INDEX)).getInt((int) NameIndexFormat.slotOffset(slot));
  }

  private void setSlot(int slot, int value) {
    le(sections.get(SectionId.NAME_INDEX)).putInt((int) NameIndexFormat.slotOffset(slot), value);
  }

  /** The slot that holds node {@code name}'s id. */
  private int slotOf(String name) {
    int id = names.indexOf(name);
    int mask = (1 << NameIndexFormat.idBits(n)) - 1;
    for (int slot = 0; slot < slotCount(); slot++) {
      if (slot(slot) != NameIndexFormat.EMPTY && (slot(slot) & mask) == id) {
        return slot;
      }
    }
    throw new AssertionError(name + " is in no slot");
  }

  private int nextEmpty(int from, int slotCount) {
    for (int i = 0, at = from; i < slotCount; i++, at = (at + 1) % slotCount) {
      if (slot(at) == NameIndexFormat.EMPTY) {
        return at;
      }
    }
    throw new AssertionError("no empty slot");
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }
}
