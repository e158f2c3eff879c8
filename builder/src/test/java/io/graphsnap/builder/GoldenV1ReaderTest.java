package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
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
 * its header and the added NAME_INDEX section, version 3 from version 2 by FILE_SYMBOLS and NAME_TRIGRAMS, and
 * version 4 from version 3 by CALL_SITES (and the object ids of FILES, since the input's objects now carry lines).
 */
class GoldenV1ReaderTest {
  @TempDir Path dir;

  @Test
  void theReaderServesTheVersion1GoldenFile() throws Exception {
    try (GraphSnapshot old = GraphSnapshot.open(goldenFile(SnapshotFormat.VERSION_START));
        GraphSnapshot now = GraphSnapshot.open(currentBuild())) {
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
    try (GraphSnapshot old = GraphSnapshot.open(goldenFile(SnapshotFormat.VERSION_NAME_INDEX));
        GraphSnapshot now = GraphSnapshot.open(currentBuild())) {
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
    byte[] v1 = golden(SnapshotFormat.VERSION_START);
    byte[] v2 = golden(SnapshotFormat.VERSION_NAME_INDEX);
    SnapshotHeader h2 = carriedOver(v1, v2, List.of(SectionId.NAME_INDEX), (section, bytes) -> bytes);
    SectionEntry index = h2.entry(SectionId.NAME_INDEX);
    assertNotNull(index);
    int nodes = MemorySegment.ofArray(v2).get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), h2.entry(SectionId.NODE_NAMES).offset());
    assertEquals(NameIndexFormat.sectionBytes(nodes), index.length());
  }

  /** Version 3 differs from version 2 by its header and the two added sections, FILE_SYMBOLS and NAME_TRIGRAMS. */
  @Test
  void version3AddsOnlyTheFileSymbolsAndTheNameTrigrams() throws Exception {
    byte[] v2 = golden(SnapshotFormat.VERSION_NAME_INDEX);
    byte[] v3 = golden(SnapshotFormat.VERSION_FILE_SYMBOLS);
    assertEquals(SnapshotFormat.VERSION_FILE_SYMBOLS, SnapshotFormat.VERSION_NAME_TRIGRAMS);
    carriedOver(v2, v3, List.of(SectionId.FILE_SYMBOLS, SectionId.NAME_TRIGRAMS), (section, bytes) -> bytes);
  }

  /**
   * Version 4 differs from version 3 by its header, the added CALL_SITES section and, in FILES, only the object ids:
   * the same input now has edge lines, so its loose objects (schema version 2) have other ids.
   */
  @Test
  void version4AddsOnlyTheCallSites() throws Exception {
    byte[] v3 = golden(SnapshotFormat.VERSION_FILE_SYMBOLS);
    byte[] v4 = golden(SnapshotFormat.VERSION_CALL_SITES);
    carriedOver(v3, v4, List.of(SectionId.CALL_SITES), (section, bytes) -> {
      if (section == SectionId.FILES) {
        for (int at = 0; at < bytes.length; at += FileRecordFormat.RECORD_BYTES) {
          int id = at + FileRecordFormat.OBJECT_ID; // the 32 bytes of the object id
          Arrays.fill(bytes, id, id + 32, (byte) 0);
        }
      }
      return bytes;
    });
  }

  /**
   * Version 5 with the fixed adjacency is version 4 in every section (only the header's version differs); with the
   * compact adjacency it swaps the six fixed CSR sections for the four compact ones and keeps every other section's
   * bytes. Both files give the same answers, and the version-4 file is still read.
   */
  @Test
  void version5AddsOnlyTheCompactAdjacency() throws Exception {
    assertEquals(5, SnapshotFormat.VERSION_COMPACT_ADJACENCY);
    byte[] v4 = golden(SnapshotFormat.VERSION_CALL_SITES);
    byte[] v5 = golden(SnapshotFormat.VERSION_COMPACT_ADJACENCY);
    SnapshotHeader h5 = carriedOver(v4, v5, List.of(), (section, bytes) -> bytes);
    assertEquals(SnapshotFormat.VERSION_COMPACT_ADJACENCY, h5.formatVersion());
    byte[] compact = GoldenFileTest.fromHex(Files.readString(GoldenFileTest.goldenCompact(
        SnapshotFormat.VERSION_COMPACT_ADJACENCY), StandardCharsets.US_ASCII));
    SnapshotHeader hc = SnapshotHeader.decode(MemorySegment.ofArray(compact), "compact golden");
    assertEquals(io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT,
        io.graphsnap.format.snapshot.CompactCsrFormat.layoutOf(hc));
    assertEquals(io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED,
        io.graphsnap.format.snapshot.CompactCsrFormat.layoutOf(h5));
    assertEquals(h5.sections().size() - 6 + 4, hc.sections().size());
    for (SectionEntry e : h5.sections()) {
      SectionEntry c = hc.entry(e.section());
      if (io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT.holds(e.section())) {
        assertArrayEquals(bytes(v5, e), bytes(compact, c), e.displayName());
      } else {
        assertNull(c, e.displayName());
      }
    }
    Path v4File = goldenFile(SnapshotFormat.VERSION_CALL_SITES);
    Path compactFile = Files.write(dir.resolve("small-v5-compact.gsnap"), compact);
    try (GraphSnapshot old = GraphSnapshot.open(v4File); GraphSnapshot c = GraphSnapshot.open(compactFile)) {
      old.verify();
      c.verify();
      assertTrue(c.forward().isCompact());
      for (int v = 0; v < old.nodeCount(); v++) {
        assertEquals(old.outDegree(v), c.outDegree(v));
        assertEquals(old.inDegree(v), c.inDegree(v));
        assertArrayEquals(old.outSites(v), c.outSites(v));
        io.graphsnap.reader.EdgeCursor a = old.out(v);
        io.graphsnap.reader.EdgeCursor b = c.out(v);
        for (int w = a.next(); w >= 0; w = a.next()) {
          assertEquals(w, b.next());
          assertEquals(a.type(), b.type());
        }
        assertEquals(-1, b.next());
      }
    }
  }

  /**
   * Version 6 with the fixed adjacency is version 5 in every section (only the header's version differs); with the
   * compact adjacency it front-codes NODE_NAMES and FILE_PATHS and keeps every other section of the version-5 compact
   * file. The version-5 compact file (plain names) is still read, and both compact files answer every name and path
   * lookup, prefix and search as today's fixed build does.
   */
  @Test
  void version6FrontCodesOnlyTheCompactNames() throws Exception {
    assertEquals(6, SnapshotFormat.VERSION_FRONT_CODED_NAMES);
    SnapshotHeader h6 = carriedOver(golden(SnapshotFormat.VERSION_COMPACT_ADJACENCY),
        golden(SnapshotFormat.VERSION_FRONT_CODED_NAMES), List.of(), (section, bytes) -> bytes);
    assertEquals(SnapshotFormat.VERSION_FRONT_CODED_NAMES, h6.formatVersion());
    assertTrue(!FrontCodedListFormat.frontCoded(h6));
    byte[] compact5 = goldenCompact(SnapshotFormat.VERSION_COMPACT_ADJACENCY);
    byte[] compact6 = goldenCompact(SnapshotFormat.VERSION_FRONT_CODED_NAMES);
    SnapshotHeader hc5 = SnapshotHeader.decode(MemorySegment.ofArray(compact5), "v5 compact golden");
    SnapshotHeader hc6 = carriedOver(compact5, compact6, List.of(),
        (section, bytes) -> section == SectionId.NODE_NAMES || section == SectionId.FILE_PATHS ? new byte[0] : bytes);
    assertTrue(!FrontCodedListFormat.frontCoded(hc5));
    assertTrue(FrontCodedListFormat.frontCoded(hc6));
    assertTrue(hc6.entry(SectionId.NODE_NAMES).length() < hc5.entry(SectionId.NODE_NAMES).length());
    assertTrue(hc6.entry(SectionId.FILE_PATHS).length() < hc5.entry(SectionId.FILE_PATHS).length());
    Path c5 = Files.write(dir.resolve("small-v5-compact.gsnap"), compact5);
    Path c6 = Files.write(dir.resolve("small-v6-compact.gsnap"), compact6);
    try (GraphSnapshot now = GraphSnapshot.open(currentBuild()); GraphSnapshot old = GraphSnapshot.open(c5);
        GraphSnapshot fc = GraphSnapshot.open(c6)) {
      old.verify();
      fc.verify();
      assertEquals(now.nodeCount(), fc.nodeCount());
      for (int f = 0; f < now.fileCount(); f++) {
        assertEquals(now.filePath(f), fc.filePath(f));
        assertEquals(f, fc.fileId(now.filePath(f)));
        assertEquals(now.filesWithPrefix(now.filePath(f)), fc.filesWithPrefix(now.filePath(f)));
      }
      for (int v = 0; v < now.nodeCount(); v++) {
        String name = now.name(v);
        assertEquals(name, old.name(v));
        assertEquals(name, fc.name(v));
        assertEquals(v, old.node(name), name);
        assertEquals(v, fc.node(name), name);
        assertEquals(-1, fc.node(name + "\u0000"), name);
        for (String prefix : List.of(name, codePoints(name, 0, 1), codePoints(name, 0, name.codePointCount(0,
            name.length()) / 2))) {
          assertEquals(now.withPrefix(prefix), fc.withPrefix(prefix), prefix);
          assertEquals(now.namesContaining(prefix), fc.namesContaining(prefix), prefix);
        }
      }
    }
  }

  /**
   * Version 7 with the fixed adjacency is version 6 in every section (only the header's version differs); with the
   * compact adjacency it packs NODES, NODE_DETAILS, FILE_SYMBOLS and NAME_INDEX and keeps every other section of the
   * version-6 compact file. Both compact files verify and answer every node's fields, details and every file's
   * symbols alike.
   */
  @Test
  void version7PacksOnlyTheCompactNodeSections() throws Exception {
    assertEquals(7, SnapshotFormat.VERSION_PACKED_NODES);
    SnapshotHeader h7 = carriedOver(golden(SnapshotFormat.VERSION_FRONT_CODED_NAMES),
        golden(SnapshotFormat.VERSION_PACKED_NODES), List.of(), (section, bytes) -> bytes);
    assertTrue(!PackedNodeFormat.packed(h7));
    byte[] compact6 = goldenCompact(SnapshotFormat.VERSION_FRONT_CODED_NAMES);
    byte[] compact7 = goldenCompact(SnapshotFormat.VERSION_PACKED_NODES);
    List<SectionId> packed = List.of(SectionId.NODES, SectionId.NODE_DETAILS, SectionId.FILE_SYMBOLS,
        SectionId.NAME_INDEX);
    SnapshotHeader hc6 = SnapshotHeader.decode(MemorySegment.ofArray(compact6), "v6 compact golden");
    SnapshotHeader hc7 = carriedOver(compact6, compact7, List.of(),
        (section, bytes) -> packed.contains(section) ? new byte[0] : bytes);
    assertTrue(!PackedNodeFormat.packed(hc6));
    assertTrue(PackedNodeFormat.packed(hc7));
    for (SectionId section : List.of(SectionId.NODES, SectionId.NODE_DETAILS, SectionId.NAME_INDEX)) { // FILE_SYMBOLS of 7 files: no gain
      assertTrue(hc7.entry(section).length() < hc6.entry(section).length(), section.toString());
    }
    Path c6 = Files.write(dir.resolve("small-v6-compact.gsnap"), compact6);
    Path c7 = Files.write(dir.resolve("small-v7-compact.gsnap"), compact7);
    try (GraphSnapshot old = GraphSnapshot.open(c6); GraphSnapshot now = GraphSnapshot.open(c7)) {
      old.verify();
      now.verify();
      assertEquals(old.nodeCount(), now.nodeCount());
      for (int v = 0; v < old.nodeCount(); v++) {
        assertEquals(old.kindId(v), now.kindId(v));
        assertEquals(old.fileId(v), now.fileId(v));
        assertEquals(old.lineStart(v), now.lineStart(v));
        assertEquals(old.lineEnd(v), now.lineEnd(v));
        assertEquals(old.isExternal(v), now.isExternal(v));
        assertEquals(old.isMerged(v), now.isMerged(v));
        assertEquals(old.details(v), now.details(v));
        assertEquals(v, now.node(old.name(v)));
        assertEquals(-1, now.node(old.name(v) + "\u0000"));
      }
      for (int f = 0; f < old.fileCount(); f++) {
        assertArrayEquals(old.fileSymbols(f), now.fileSymbols(f));
      }
    }
  }

  /**
   * Version 8 with the fixed adjacency is version 7 in every section (only the header's version differs); with the
   * compact adjacency it Rice-codes the rows of both directions (so their indexes' RowOffsets change) and keeps every
   * other section of the version-7 compact file. Both compact files verify and give every node the same edges.
   */
  @Test
  void version8RiceCodesOnlyTheCompactRows() throws Exception {
    assertEquals(8, SnapshotFormat.VERSION_RICE_ROWS);
    onlyTheRowsRecoded(SnapshotFormat.VERSION_PACKED_NODES, SnapshotFormat.VERSION_RICE_ROWS, List.of());
  }

  /**
   * Version 10 with the fixed adjacency is version 9 in every section; with the compact adjacency it moves the rows'
   * headers into their bit streams, narrows the index entries (both directions' rows and indexes smaller) and packs
   * FILES' tail, and keeps every other section of the version-9 compact file. Both compact files verify and give
   * every node the same edges and every file the same fields.
   */
  @Test
  void version10RecodesOnlyTheCompactRowsAndIndexes() throws Exception {
    assertEquals(10, SnapshotFormat.VERSION_BIT_HEADERS);
    assertEquals(SnapshotFormat.VERSION_BIT_HEADERS, SnapshotFormat.VERSION_CURRENT);
    onlyTheRowsRecoded(SnapshotFormat.VERSION_BLOCKED_NODES, SnapshotFormat.VERSION_BIT_HEADERS,
        List.of(SectionId.FILES));
    SnapshotHeader older = SnapshotHeader.decode(MemorySegment.ofArray(goldenCompact(SnapshotFormat.VERSION_BLOCKED_NODES)),
        "v9 compact golden");
    SnapshotHeader newer = SnapshotHeader.decode(MemorySegment.ofArray(goldenCompact(SnapshotFormat.VERSION_BIT_HEADERS)),
        "v10 compact golden");
    for (SectionId index : List.of(SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_REVERSE_INDEX)) {
      long entries = (older.entry(index).length() - CompactCsrFormat.INDEX_HEADER_BYTES) / CompactCsrFormat.ENTRY_BYTES;
      assertEquals(CompactCsrFormat.INDEX_HEADER_BYTES + entries * CompactCsrFormat.NARROW_ENTRY_BYTES,
          newer.entry(index).length(), index.toString());
    }
  }

  /**
   * The golden files of {@code older} and {@code newer}: the fixed ones alike in every section, the compact ones in
   * every section but the rows, the indexes and {@code alsoRecoded}, the newer rows smaller; both compact files verify
   * and give every node the same edges and every file the same fields.
   */
  private void onlyTheRowsRecoded(int older, int newer, List<SectionId> alsoRecoded) throws Exception {
    carriedOver(golden(older), golden(newer), List.of(), (section, bytes) -> bytes);
    byte[] olderCompact = goldenCompact(older);
    byte[] newerCompact = goldenCompact(newer);
    List<SectionId> recoded = new java.util.ArrayList<>(List.of(SectionId.COMPACT_FORWARD_ROWS,
        SectionId.COMPACT_REVERSE_ROWS, SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_REVERSE_INDEX));
    recoded.addAll(alsoRecoded);
    SnapshotHeader olderHeader = SnapshotHeader.decode(MemorySegment.ofArray(olderCompact), "v" + older + " compact golden");
    SnapshotHeader newerHeader = carriedOver(olderCompact, newerCompact, List.of(),
        (section, bytes) -> recoded.contains(section) ? new byte[0] : bytes);
    for (SectionId rows : List.of(SectionId.COMPACT_FORWARD_ROWS, SectionId.COMPACT_REVERSE_ROWS)) {
      assertTrue(newerHeader.entry(rows).length() < olderHeader.entry(rows).length(), rows.toString());
    }
    Path olderFile = Files.write(dir.resolve("small-v" + older + "-compact.gsnap"), olderCompact);
    Path newerFile = Files.write(dir.resolve("small-v" + newer + "-compact.gsnap"), newerCompact);
    try (GraphSnapshot old = GraphSnapshot.open(olderFile); GraphSnapshot now = GraphSnapshot.open(newerFile)) {
      old.verify();
      now.verify();
      assertEquals(old.nodeCount(), now.nodeCount());
      for (int v = 0; v < old.nodeCount(); v++) {
        for (boolean reverse : new boolean[] {false, true}) {
          var before = (reverse ? old.reverse() : old.forward()).cursor(v);
          var after = (reverse ? now.reverse() : now.forward()).cursor(v);
          for (int w = before.next(); w >= 0; w = before.next()) {
            assertEquals(w, after.next(), "node " + v);
            assertEquals(before.type(), after.type(), "node " + v);
          }
          assertEquals(-1, after.next(), "node " + v);
        }
      }
      for (int f = 0; f < old.fileCount(); f++) {
        assertEquals(old.filePath(f), now.filePath(f));
        assertEquals(old.fileLanguage(f), now.fileLanguage(f));
        assertEquals(old.fileSymbolCount(f), now.fileSymbolCount(f));
        assertEquals(old.fileObjectId(f), now.fileObjectId(f));
        assertArrayEquals(old.fileSourceSha256(f), now.fileSourceSha256(f));
      }
    }
  }

  /**
   * Version 9 with the fixed adjacency is version 8 in every section (only the header's version differs); with the
   * compact adjacency it writes NODES in blocks and keeps every other section of the version-8 compact file. Both
   * compact files verify and answer every node's fields alike.
   */
  @Test
  void version9BlocksOnlyTheCompactNodes() throws Exception {
    assertEquals(9, SnapshotFormat.VERSION_BLOCKED_NODES);
    carriedOver(golden(SnapshotFormat.VERSION_RICE_ROWS), golden(SnapshotFormat.VERSION_BLOCKED_NODES), List.of(),
        (section, bytes) -> bytes);
    byte[] compact8 = goldenCompact(SnapshotFormat.VERSION_RICE_ROWS);
    byte[] compact9 = goldenCompact(SnapshotFormat.VERSION_BLOCKED_NODES);
    SnapshotHeader hc9 = carriedOver(compact8, compact9, List.of(),
        (section, bytes) -> section == SectionId.NODES ? new byte[0] : bytes);
    assertTrue(io.graphsnap.format.snapshot.BlockedNodeFormat.blocked(hc9));
    Path c8 = Files.write(dir.resolve("small-v8-compact.gsnap"), compact8);
    Path c9 = Files.write(dir.resolve("small-v9-compact.gsnap"), compact9);
    try (GraphSnapshot old = GraphSnapshot.open(c8); GraphSnapshot now = GraphSnapshot.open(c9)) {
      old.verify();
      now.verify();
      assertEquals(old.nodeCount(), now.nodeCount());
      for (int v = 0; v < old.nodeCount(); v++) {
        assertEquals(old.kindId(v), now.kindId(v));
        assertEquals(old.fileId(v), now.fileId(v));
        assertEquals(old.lineStart(v), now.lineStart(v));
        assertEquals(old.lineEnd(v), now.lineEnd(v));
        assertEquals(old.isExternal(v), now.isExternal(v));
        assertEquals(old.isMerged(v), now.isMerged(v));
      }
    }
  }

  /** The committed version-3 golden file is read as before, and answers "no sites" (not an error). */
  @Test
  void theReaderServesTheVersion3GoldenFileWithoutSites() throws Exception {
    try (GraphSnapshot old = GraphSnapshot.open(goldenFile(SnapshotFormat.VERSION_FILE_SYMBOLS));
        GraphSnapshot now = GraphSnapshot.open(currentBuild())) {
      assertEquals(SnapshotFormat.VERSION_FILE_SYMBOLS, old.formatVersion());
      old.verify();
      now.verify();
      assertEquals(false, old.hasSites());
      assertEquals(true, now.hasSites());
      int login = now.node("auth.login");
      int query = now.node("db.query");
      int calls = now.edgeTypeId("calls");
      assertArrayEquals(new int[] {5, 9}, now.sites(login, calls, query));
      assertArrayEquals(new int[0], old.sites(old.node("auth.login"), old.edgeTypeId("calls"), old.node("db.query")));
      for (int v = 0; v < now.nodeCount(); v++) {
        assertEquals(v, old.node(now.name(v)));
        assertEquals(now.outDegree(v), old.outSites(v).length);
        assertTrue(Arrays.stream(old.outSites(v)).allMatch(l -> l == null));
      }
    }
  }

  /** {@code s}'s code points {@code [from, to)}: never half a surrogate pair. */
  static String codePoints(String s, int from, int to) {
    return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
  }

  /** The committed golden snapshot of format {@code version}. */
  private static byte[] golden(int version) throws IOException {
    return GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(version), StandardCharsets.US_ASCII));
  }

  /** The committed golden snapshot of format {@code version} with the compact adjacency (5 and later). */
  private static byte[] goldenCompact(int version) throws IOException {
    return GoldenFileTest.fromHex(Files.readString(GoldenFileTest.goldenCompact(version), StandardCharsets.US_ASCII));
  }

  /** The committed golden snapshot of format {@code version}, written to a file. */
  private Path goldenFile(int version) throws IOException {
    return Files.write(dir.resolve("small-v" + version + ".gsnap"), golden(version));
  }

  /** Today's build of the golden files' input. */
  private Path currentBuild() throws IOException {
    Path file = dir.resolve("small-current.gsnap");
    Fixtures.build(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A), file);
    return file;
  }

  /** What a section's bytes are compared as: the bytes themselves, or with parts that may differ zeroed. */
  private interface SectionView {
    byte[] of(SectionId section, byte[] bytes);
  }

  /**
   * Asserts that {@code newer} holds every section of {@code older} with the same bytes (as {@code compared}
   * sees them) plus exactly the {@code added} sections, which {@code older} lacks. Returns {@code newer}'s header.
   */
  private static SnapshotHeader carriedOver(byte[] older, byte[] newer, List<SectionId> added, SectionView compared) {
    SnapshotHeader ho = SnapshotHeader.decode(MemorySegment.ofArray(older), "older golden");
    SnapshotHeader hn = SnapshotHeader.decode(MemorySegment.ofArray(newer), "newer golden");
    for (SectionId section : added) {
      assertNull(ho.entry(section), section.toString());
      assertNotNull(hn.entry(section), section.toString());
    }
    assertEquals(ho.sections().size() + added.size(), hn.sections().size());
    for (SectionEntry eo : ho.sections()) {
      SectionEntry en = hn.entry(eo.section());
      assertArrayEquals(compared.of(eo.section(), bytes(older, eo)), compared.of(en.section(), bytes(newer, en)),
          eo.displayName());
    }
    return hn;
  }

  private static byte[] bytes(byte[] file, SectionEntry e) {
    return Arrays.copyOfRange(file, (int) e.offset(), (int) (e.offset() + e.length()));
  }
}
