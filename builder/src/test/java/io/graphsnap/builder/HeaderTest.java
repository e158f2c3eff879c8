package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header written last decodes over the mapped file, and every section's CRC32C matches its bytes. */
class HeaderTest {
  @TempDir Path dir;

  @Test
  void headerDecodesOverTheMappedFileAndEveryCrcMatches() throws Exception {
    Path out = dir.resolve("s.gsnap");
    Fixtures.build(RandomGraphTest.randomGraph(3, 20, 10, 3), out);
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
      MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      SnapshotHeader h = SnapshotHeader.decode(file, out.toString());
      assertEquals(SnapshotFormat.VERSION_CURRENT, h.formatVersion());
      assertEquals(0, h.flags());
      assertEquals(Files.size(out), h.fileLength());
      assertEquals(SectionId.values().length - CompactCsrFormat.Layout.FIXED.absent().length, h.sections().size());
      assertEquals(h.paddedLength(), h.sections().getFirst().offset(), "first section right after the header");
      for (SectionEntry e : h.sections()) {
        assertEquals(0, e.offset() % SnapshotFormat.SECTION_ALIGNMENT, e.displayName());
        CRC32C crc = new CRC32C();
        crc.update(file.asSlice(e.offset(), e.length()).asByteBuffer());
        assertEquals(e.crc32c(), (int) crc.getValue(), e.displayName());
      }
    }
  }

  @Test
  void truncatedFileIsRecognised() throws Exception {
    Path out = dir.resolve("s.gsnap");
    Fixtures.build(List.of(SnapshotBuilderTest.A), out);
    byte[] bytes = Files.readAllBytes(out);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThrows(CorruptSnapshotException.class, () -> SnapshotHeader.decode(MemorySegment.ofArray(cut), "cut"));
  }
}
