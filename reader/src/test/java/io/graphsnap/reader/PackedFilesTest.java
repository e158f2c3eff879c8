package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.EnumMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FILES of a compact file from format version 10 ({@link FileRecordFormat#packed}): the hashes and a bit-packed tail
 * of language ids and symbol counts. The format's writer against the rule spelled out in the test writer, every file's
 * answers against the fixed records of the same graph, and a damaged tail refused at open naming FILES.
 */
class PackedFilesTest {
  @TempDir Path dir;

  /** Files of three languages and symbol counts from 0 to 40. */
  private static TestGraph graph() {
    TestGraph g = new TestGraph();
    String[] languages = {"java", "python", "go"};
    for (int f = 0; f < 12; f++) {
      String path = String.format("src/f%02d.x", f);
      g.file(path, languages[f % 3], f % 4 == 0 ? null : Fixtures.sha(f + 1), Fixtures.sha(100 + f), f * 40 / 11);
      g.node(String.format("n%02d", f), "fn").file(path, 1, 2);
    }
    return g.edge("n00", "calls", "n01");
  }

  @Test
  void theFormatsWriterGivesTheRulesBytes() {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.bitHeaderSections(graph(), 4, 8);
    byte[] fixed = TestSnapshotWriter.sections(graph()).get(SectionId.FILES);
    int files = fixed.length / FileRecordFormat.RECORD_BYTES;
    int[] languages = new int[files];
    int[] counts = new int[files];
    MemorySegment records = MemorySegment.ofArray(fixed);
    byte[] written = SectionSink.Bytes.of(out -> {
      for (int f = 0; f < files; f++) {
        out.put(fixed, FileRecordFormat.RECORD_BYTES * f, FileRecordFormat.HASHES_BYTES);
        languages[f] = FileRecordFormat.languageId(records, f);
        counts[f] = FileRecordFormat.symbolCount(records, f);
      }
      FileRecordFormat.writeTail(out, languages, counts, files);
    });
    assertArrayEquals(s.get(SectionId.FILES), written);
    FileRecordFormat.View view = new FileRecordFormat.View(MemorySegment.ofArray(written), files, true);
    assertEquals(2, view.languageBits());
    assertEquals(6, view.countBits());
    assertEquals(FileRecordFormat.packedSectionBytes(files, 2, 6), written.length);
    for (int f = 0; f < files; f++) {
      assertEquals(languages[f], view.languageId(f));
      assertEquals(counts[f], view.symbolCount(f));
      assertArrayEquals(FileRecordFormat.objectId(records, f).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
          view.objectId(f).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
  }

  @Test
  void noFilesTakeATailOfWidthZero() {
    byte[] written = SectionSink.Bytes.of(out -> FileRecordFormat.writeTail(out, new int[0], new int[0], 0));
    assertEquals(FileRecordFormat.packedSectionBytes(0, 0, 0), written.length);
    assertEquals(16, written.length); // the tail's header and the trailing zero word
  }

  @Test
  void everyFileAnswersAsInTheFixedRecords() throws Exception {
    TestGraph g = graph();
    Path fixedFile = Fixtures.write(dir, "fixed.gsnap", TestSnapshotWriter.write(g));
    Path packedFile = Fixtures.write(dir, "packed.gsnap", TestSnapshotWriter.writeBitHeaders(g, 4, 8));
    try (GraphSnapshot fixed = GraphSnapshot.open(fixedFile); GraphSnapshot packed = GraphSnapshot.open(packedFile)) {
      packed.verify();
      assertEquals(fixed.fileCount(), packed.fileCount());
      for (int f = 0; f < fixed.fileCount(); f++) {
        assertEquals(fixed.filePath(f), packed.filePath(f));
        assertEquals(fixed.fileLanguage(f), packed.fileLanguage(f));
        assertEquals(fixed.fileSymbolCount(f), packed.fileSymbolCount(f));
        assertEquals(fixed.fileObjectId(f), packed.fileObjectId(f));
        assertArrayEquals(fixed.fileSourceSha256(f), packed.fileSourceSha256(f));
      }
    }
  }

  @Test
  void aDamagedTailIsRefusedAtOpen() throws Exception {
    EnumMap<SectionId, byte[]> good = TestSnapshotWriter.bitHeaderSections(graph(), 4, 8);
    int tail = 64 * 12;
    for (int[] damage : new int[][] {{tail, 32}, {tail + 1, 40}, {tail + 3, 1}, {tail + 6, 1}}) {
      EnumMap<SectionId, byte[]> s = new EnumMap<>(good);
      byte[] files = s.get(SectionId.FILES).clone();
      files[damage[0]] = (byte) damage[1];
      s.put(SectionId.FILES, files);
      Path file = Fixtures.write(dir, "d" + damage[0] + "-" + damage[1] + ".gsnap",
          TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_BIT_HEADERS));
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file));
      assertEquals("FILES", e.section(), e.getMessage());
    }
    EnumMap<SectionId, byte[]> s = new EnumMap<>(good);
    s.put(SectionId.FILES, java.util.Arrays.copyOf(good.get(SectionId.FILES), 40));
    Path file = Fixtures.write(dir, "short.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_BIT_HEADERS));
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
  }
}
