package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.reader.GraphSnapshot;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed version-1 golden snapshot ({@code small-v1.gsnap.hex}, written by the version-1 builder from the
 * same input as {@link GoldenFileTest}) is a reader-compatibility fixture: the reader opens and verifies it and
 * answers every lookup by binary search, with the ids today's version-2 build gives; and version 2 differs from
 * version 1 only by its header and the added NAME_INDEX section.
 */
class GoldenV1ReaderTest {
  @TempDir Path dir;

  @Test
  void theReaderServesTheVersion1GoldenFile() throws Exception {
    byte[] v1 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_START),
        StandardCharsets.US_ASCII));
    Path v1File = dir.resolve("small-v1.gsnap");
    Files.write(v1File, v1);
    Path v2File = dir.resolve("small-v2.gsnap");
    Fixtures.build(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A), v2File);
    try (GraphSnapshot old = GraphSnapshot.open(v1File); GraphSnapshot now = GraphSnapshot.open(v2File)) {
      assertEquals(SnapshotFormat.VERSION_START, old.formatVersion());
      assertEquals(SnapshotFormat.VERSION_CURRENT, now.formatVersion());
      old.verify();
      now.verify();
      assertEquals(now.nodeCount(), old.nodeCount());
      for (int v = 0; v < now.nodeCount(); v++) {
        String name = now.name(v);
        assertEquals(name, old.name(v));
        assertEquals(v, old.node(name), name);
        assertEquals(v, now.node(name), name);
      }
      for (String absent : List.of("", "no.such.node", now.name(0) + "x", "\uD83D\uDE00")) {
        assertEquals(-1, old.node(absent));
        assertEquals(-1, now.node(absent));
      }
    }
  }

  @Test
  void version2AddsOnlyTheNameIndex() throws Exception {
    byte[] v1 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_START),
        StandardCharsets.US_ASCII));
    byte[] v2 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_NAME_INDEX),
        StandardCharsets.US_ASCII));
    SnapshotHeader h1 = SnapshotHeader.decode(MemorySegment.ofArray(v1), "small-v1");
    SnapshotHeader h2 = SnapshotHeader.decode(MemorySegment.ofArray(v2), "small-v2");
    assertNull(h1.entry(SectionId.NAME_INDEX));
    assertEquals(h1.sections().size() + 1, h2.sections().size());
    for (SectionEntry e1 : h1.sections()) {
      SectionEntry e2 = h2.entry(e1.section());
      assertArrayEquals(bytes(v1, e1), bytes(v2, e2), e1.displayName());
      assertEquals(e1.crc32c(), e2.crc32c(), e1.displayName());
    }
    SectionEntry index = h2.entry(SectionId.NAME_INDEX);
    assertNotNull(index);
    int nodes = MemorySegment.ofArray(v2).get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), h2.entry(SectionId.NODE_NAMES).offset());
    assertEquals(NameIndexFormat.sectionBytes(nodes), index.length());
  }

  @Test
  void version3AddsOnlyTheFileSymbols() throws Exception {
    byte[] v2 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_NAME_INDEX),
        StandardCharsets.US_ASCII));
    byte[] v3 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_FILE_SYMBOLS),
        StandardCharsets.US_ASCII));
    SnapshotHeader h2 = SnapshotHeader.decode(MemorySegment.ofArray(v2), "small-v2");
    SnapshotHeader h3 = SnapshotHeader.decode(MemorySegment.ofArray(v3), "small-v3");
    assertNull(h2.entry(SectionId.FILE_SYMBOLS));
    assertEquals(h2.sections().size() + 1, h3.sections().size());
    for (SectionEntry e2 : h2.sections()) {
      SectionEntry e3 = h3.entry(e2.section());
      assertArrayEquals(bytes(v2, e2), bytes(v3, e3), e2.displayName());
    }
    assertNotNull(h3.entry(SectionId.FILE_SYMBOLS));
  }

  private static byte[] bytes(byte[] file, SectionEntry e) {
    return Arrays.copyOfRange(file, (int) e.offset(), (int) (e.offset() + e.length()));
  }
}
