package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.graphsnap.format.object.Note;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each format class reads back what its writer wrote, at the offsets its grammar names; and the sizes its
 * {@code sectionBytes} methods promise are the sizes written.
 */
class SectionFormatsTest {
  private static MemorySegment bytes(SectionSink.Writer writer) {
    return MemorySegment.ofArray(SectionSink.Bytes.of(writer));
  }

  @Test
  void stringListRoundTrips() {
    List<String> strings = List.of("", "a", "ünïcödé", "𝄞 clef", "zz");
    MemorySegment list = bytes(out -> StringListFormat.writeUtf8(out, strings));
    long dataBytes = strings.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    assertEquals(StringListFormat.sectionBytes(strings.size(), dataBytes), list.byteSize());
    assertEquals(strings.size(), StringListFormat.count(list));
    assertEquals(0, StringListFormat.zero(list));
    assertEquals(0, StringListFormat.end(list, 0));
    assertEquals(dataBytes, StringListFormat.end(list, strings.size()));
    assertArrayEquals(strings.toArray(String[]::new), StringListFormat.decodeAll(list));
    assertEquals(1, StringListFormat.item(list, strings.size(), 1).byteSize());
  }

  @Test
  void bitmapListIsAStringListOfItems() {
    byte[][] items = {{1, 2, 3}, {}, {9}};
    MemorySegment list = bytes(out -> BitmapListFormat.write(out, items));
    for (int i = 0; i < items.length; i++) {
      assertArrayEquals(items[i], BitmapListFormat.item(list, i).toArray(LittleEndian.BYTE));
    }
  }

  @Test
  void nodeRecordsRoundTripAndRemapKindsAsInts() {
    MemorySegment nodes = bytes(out -> {
      NodeRecordFormat.write(out, 7, 10, 20, 0xFFFE, NodeRecordFormat.FLAG_MERGED);
      NodeRecordFormat.write(out, NodeRecordFormat.NO_FILE, 0, 0, 3, NodeRecordFormat.FLAG_EXTERNAL);
    });
    assertEquals(NodeRecordFormat.sectionBytes(2), nodes.byteSize());
    assertEquals(7, NodeRecordFormat.fileId(nodes, 0));
    assertEquals(10, NodeRecordFormat.lineStart(nodes, 0));
    assertEquals(20, NodeRecordFormat.lineEnd(nodes, 0));
    assertEquals(0xFFFE, NodeRecordFormat.kindId(nodes, 0));
    assertEquals(NodeRecordFormat.FLAG_MERGED, NodeRecordFormat.flags(nodes, 0));
    assertEquals(NodeRecordFormat.NO_FILE, NodeRecordFormat.fileId(nodes, 1));
    assertEquals(NodeRecordFormat.FLAG_EXTERNAL, NodeRecordFormat.flags(nodes, 1));
    int kindFlags = nodes.get(LittleEndian.INT, NodeRecordFormat.offset(1) + 4L * NodeRecordFormat.KIND_FLAGS_INT);
    assertEquals(3, NodeRecordFormat.kindOfInt(kindFlags));
    int moved = NodeRecordFormat.withKind(kindFlags, 9);
    assertEquals(9, NodeRecordFormat.kindOfInt(moved));
    assertEquals(NodeRecordFormat.FLAG_EXTERNAL, moved >>> 16);
  }

  @Test
  void fileRecordsRoundTrip() {
    byte[] sha = new byte[FileRecordFormat.HASH_BYTES];
    byte[] object = new byte[FileRecordFormat.HASH_BYTES];
    sha[0] = 1;
    object[31] = 2;
    MemorySegment files = bytes(out -> {
      FileRecordFormat.write(out, sha, object, 4, 5);
      FileRecordFormat.write(out, null, object, 0, 0);
    });
    assertEquals(FileRecordFormat.sectionBytes(2), files.byteSize());
    assertArrayEquals(sha, FileRecordFormat.sourceSha256(files, 0).toArray(LittleEndian.BYTE));
    assertArrayEquals(object, FileRecordFormat.objectId(files, 0).toArray(LittleEndian.BYTE));
    assertEquals(4, FileRecordFormat.languageId(files, 0));
    assertEquals(5, FileRecordFormat.symbolCount(files, 0));
    byte[] unknown = FileRecordFormat.sourceSha256(files, 1).toArray(LittleEndian.BYTE);
    assertArrayEquals(new byte[FileRecordFormat.HASH_BYTES], unknown, "an unknown source hash is written as zeros");
  }

  @Test
  void csrRoundTrips() {
    int[] offsets = {0, 2, 2, 3};
    int[] neighbours = {1, 2, 0};
    byte[] types = {0, (byte) 200, 1};
    MemorySegment o = bytes(out -> CsrFormat.writeOffsets(out, offsets));
    MemorySegment n = bytes(out -> CsrFormat.writeNeighbours(out, neighbours, 3));
    MemorySegment t = bytes(out -> CsrFormat.writeTypes(out, types, 3));
    MemorySegment c = bytes(out -> CsrFormat.writeTypeCounts(out, new long[] {2, 1}));
    assertEquals(CsrFormat.offsetsBytes(3), o.byteSize());
    assertEquals(CsrFormat.neighboursBytes(3), n.byteSize());
    assertEquals(CsrFormat.typesBytes(3), t.byteSize());
    assertEquals(CsrFormat.typeCountsBytes(2), c.byteSize());
    assertEquals(3, CsrFormat.offset(o, 3));
    assertEquals(2, CsrFormat.neighbour(n, 1));
    assertEquals(200, CsrFormat.type(t, 1));
    assertEquals(1, CsrFormat.typeCount(c, 1));
    assertEquals(List.of(SectionId.REVERSE_OFFSETS, SectionId.REVERSE_SOURCES, SectionId.REVERSE_TYPES),
        List.of(CsrFormat.sections(true)));
  }

  @Test
  void nodeDetailsRoundTripAndRejectMalformedEntries() {
    byte[] hash = new byte[NodeDetailsFormat.HASH_BYTES];
    hash[5] = 5;
    byte[][] notes = {utf8("en"), utf8("A note.")};
    byte[][] metadata = {utf8("owner"), utf8("team-a"), utf8("tier"), utf8("1")};
    byte[] entry = NodeDetailsFormat.encodeEntry(hash, notes, metadata);
    byte[][] entries = {entry, new byte[0], NodeDetailsFormat.emptySymbolEntry()};
    MemorySegment d = bytes(out -> NodeDetailsFormat.write(out, entries));
    long base = NodeDetailsFormat.dataOffset(entries.length);
    NodeDetailsFormat.Entry e = NodeDetailsFormat.decodeEntry(d, base + NodeDetailsFormat.end(d, 0),
        base + NodeDetailsFormat.end(d, 1));
    assertArrayEquals(hash, e.hash());
    assertEquals(List.of(new Note("en", "A note.")), e.notes());
    assertEquals(Map.of("owner", "team-a", "tier", "1"), e.metadata());
    assertEquals(NodeDetailsFormat.end(d, 1), NodeDetailsFormat.end(d, 2)); // the empty entry
    NodeDetailsFormat.Entry empty = NodeDetailsFormat.decodeEntry(d, base + NodeDetailsFormat.end(d, 2),
        base + NodeDetailsFormat.end(d, 3));
    assertNull(empty.hash());
    assertEquals(List.of(), empty.notes());

    byte[] truncated = java.util.Arrays.copyOf(entry, entry.length - 1);
    MemorySegment t = MemorySegment.ofArray(truncated);
    NodeDetailsFormat.MalformedEntryException x = assertThrows(NodeDetailsFormat.MalformedEntryException.class,
        () -> NodeDetailsFormat.decodeEntry(t, 0, truncated.length));
    assertEquals(true, x.offset() <= truncated.length, x.getMessage()); // the offset names where the entry ran out
    byte[] badFlags = entry.clone();
    badFlags[0] = 4;
    assertThrows(NodeDetailsFormat.MalformedEntryException.class,
        () -> NodeDetailsFormat.decodeEntry(MemorySegment.ofArray(badFlags), 0, badFlags.length));
  }

  @Test
  void varIntsTakeOneToFiveBytes() {
    for (int v : new int[] {0, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
      byte[] out = new byte[NodeDetailsFormat.MAX_VARINT_BYTES];
      assertEquals(NodeDetailsFormat.varIntSize(v), NodeDetailsFormat.writeVarInt(v, out, 0), "VarInt of " + v);
    }
    assertEquals(NodeDetailsFormat.MAX_VARINT_BYTES, NodeDetailsFormat.varIntSize(Integer.MAX_VALUE));
  }

  @Test
  void nameIndexRoundTrips() {
    int[] slots = {-1, 5, -1};
    MemorySegment index = bytes(out -> NameIndexFormat.write(out, slots, 3));
    assertEquals(NameIndexFormat.HEADER_BYTES + 3L * NameIndexFormat.SLOT_BYTES, index.byteSize());
    assertEquals(3, NameIndexFormat.storedSlotCount(index));
    assertEquals(0, NameIndexFormat.storedZero(index));
    assertEquals(5, NameIndexFormat.slot(index, 1));
  }

  @Test
  void everySectionNamesItsFormatClass() {
    for (SectionId id : SectionId.values()) {
      String name = id.formatClassName();
      assertEquals(true, name.endsWith("Format"), id + ": " + name);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
