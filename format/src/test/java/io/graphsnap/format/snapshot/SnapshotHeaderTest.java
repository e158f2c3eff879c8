package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotHeaderTest {

  /** A header with two sections of 10 and 70 bytes, and the whole file's bytes (sections zero-filled). */
  static byte[] sampleFile() {
    long first = SnapshotFormat.align(SnapshotFormat.headerBytes(2));
    long second = SnapshotFormat.align(first + 10);
    long length = second + 70;
    SnapshotHeader h = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, length, List.of(
        new SectionEntry(SectionId.NODE_NAMES.id(), 0, first, 10),
        new SectionEntry(SectionId.NODES.id(), 0, second, 70)));
    byte[] file = new byte[(int) length];
    byte[] header = h.encode();
    System.arraycopy(header, 0, file, 0, header.length);
    return file;
  }

  @Test
  void roundTrips() {
    byte[] file = sampleFile();
    SnapshotHeader h = SnapshotHeader.decode(MemorySegment.ofArray(file), "t");
    assertEquals(2, h.sections().size());
    assertEquals(SectionId.NODES, h.sections().get(1).section());
    assertEquals(file.length, h.fileLength());
    assertEquals(128, h.paddedLength());
  }

  @Test
  void everyTruncationIsCorrupt() {
    byte[] file = sampleFile();
    for (int len = 0; len < file.length; len++) {
      byte[] cut = Arrays.copyOf(file, len);
      assertThrows(CorruptSnapshotException.class, () -> SnapshotHeader.decode(MemorySegment.ofArray(cut), "t"));
    }
  }

  @Test
  void everyHeaderByteFlipIsCorrupt() {
    byte[] file = sampleFile();
    int headerBytes = SnapshotFormat.headerBytes(2);
    for (int i = 0; i < headerBytes; i++) {
      byte[] bad = file.clone();
      bad[i] ^= 0x10;
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
          () -> SnapshotHeader.decode(MemorySegment.ofArray(bad), "bad.gsnap"));
      assertTrue(e.getMessage().contains("bad.gsnap"), e.getMessage());
    }
  }

  @Test
  void tooNewVersionCarriesTheRange() {
    byte[] file = sampleFile();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
    UnsupportedFormatVersionException e = assertThrows(UnsupportedFormatVersionException.class,
        () -> SnapshotHeader.decode(MemorySegment.ofArray(file), "t"));
    assertEquals(99, e.found());
    assertEquals(SnapshotFormat.VERSION_CURRENT, e.maxSupported());
    assertTrue(e.getMessage().contains("too new"));
  }

  @Test
  void sectionIdsAreStable() {
    // Ids are written into files: they may be added, never changed.
    assertEquals(1, SectionId.BUILD_INFO.id());
    assertEquals(9, SectionId.FORWARD_TARGETS.id());
    assertEquals(16, SectionId.BLOOM.id());
    assertEquals(21, SectionId.CONFLICTS.id());
    assertEquals(SectionId.values().length, Arrays.stream(SectionId.values()).mapToInt(SectionId::id).distinct().count());
  }
}
