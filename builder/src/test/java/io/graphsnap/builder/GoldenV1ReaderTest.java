package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * answers every lookup by binary search, with the ids today's build gives; version 2 differs from version 1 only by
 * its header and the added NAME_INDEX section, and version 3 from version 2 by FILE_SYMBOLS and NAME_TRIGRAMS.
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

  /**
   * The committed version-2 golden file (no NAME_TRIGRAMS) is read as before: verified, every lookup the same, and
   * searches answered by reading the names give what the version-3 index gives.
   */
  @Test
  void theReaderServesTheVersion2GoldenFileAndSearchesItWithoutTheIndex() throws Exception {
    byte[] v2 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_NAME_INDEX),
        StandardCharsets.US_ASCII));
    Path v2File = dir.resolve("small-v2.gsnap");
    Files.write(v2File, v2);
    Path v3File = dir.resolve("small-v3.gsnap");
    Fixtures.build(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A), v3File);
    try (GraphSnapshot old = GraphSnapshot.open(v2File); GraphSnapshot now = GraphSnapshot.open(v3File)) {
      assertEquals(SnapshotFormat.VERSION_NAME_INDEX, old.formatVersion());
      assertEquals(false, old.hasSearchIndex());
      assertEquals(true, now.hasSearchIndex());
      old.verify();
      now.verify();
      for (int v = 0; v < now.nodeCount(); v++) {
        String name = now.name(v);
        assertEquals(v, old.node(name), name);
        int cps = name.codePointCount(0, name.length());
        for (String part : List.of(name, name.toUpperCase(java.util.Locale.ROOT), codePoints(name, cps / 2, cps),
            codePoints(name, 0, Math.min(3, cps)), cps > 2 ? codePoints(name, 1, cps - 1) : "")) {
          assertEquals(old.namesContaining(part), now.namesContaining(part), part);
          assertTrue(!name.contains(part) || now.namesContaining(part).contains(v), part);
        }
      }
      assertTrue(now.namesContaining("zzz-no-such").isEmpty());
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

  /** Version 3 differs from version 2 by its header and the two added sections, FILE_SYMBOLS and NAME_TRIGRAMS. */
  @Test
  void version3AddsOnlyTheFileSymbolsAndTheNameTrigrams() throws Exception {
    byte[] v2 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_NAME_INDEX),
        StandardCharsets.US_ASCII));
    byte[] v3 = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_FILE_SYMBOLS),
        StandardCharsets.US_ASCII));
    SnapshotHeader h2 = SnapshotHeader.decode(MemorySegment.ofArray(v2), "small-v2");
    SnapshotHeader h3 = SnapshotHeader.decode(MemorySegment.ofArray(v3), "small-v3");
    assertEquals(SnapshotFormat.VERSION_FILE_SYMBOLS, SnapshotFormat.VERSION_NAME_TRIGRAMS);
    assertNull(h2.entry(SectionId.FILE_SYMBOLS));
    assertNull(h2.entry(SectionId.NAME_TRIGRAMS));
    assertEquals(h2.sections().size() + 2, h3.sections().size());
    for (SectionEntry e2 : h2.sections()) {
      SectionEntry e3 = h3.entry(e2.section());
      assertArrayEquals(bytes(v2, e2), bytes(v3, e3), e2.displayName());
    }
    assertNotNull(h3.entry(SectionId.FILE_SYMBOLS));
    assertNotNull(h3.entry(SectionId.NAME_TRIGRAMS));
  }

  /** {@code s}'s code points {@code [from, to)}: never half a surrogate pair. */
  static String codePoints(String s, int from, int to) {
    return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
  }

  private static byte[] bytes(byte[] file, SectionEntry e) {
    return Arrays.copyOfRange(file, (int) e.offset(), (int) (e.offset() + e.length()));
  }
}
