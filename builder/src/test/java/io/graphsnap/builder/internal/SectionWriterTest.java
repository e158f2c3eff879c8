package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections spanning many buffers go through the write-behind thread; the file must be exactly what was put. */
class SectionWriterTest {
  @TempDir Path dir;

  @Test
  void sectionsLargerThanAllBuffersArriveInOrderWithTheirChecksums() throws IOException {
    Random random = new Random(11);
    byte[] big = new byte[(WriteBehind.BUFFERS + 2) * SectionWriter.BUFFER_BYTES + 12_345];
    random.nextBytes(big);
    int[] ints = random.ints(300_000).toArray();
    byte[] small = {1, 2, 3};
    Path file = dir.resolve("sections.bin");
    SectionEntry first;
    SectionEntry second;
    SectionEntry third;
    long end;
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SectionWriter out = new SectionWriter(ch, 64)) {
      MemorySegment mapped = arena.allocate(big.length);
      MemorySegment.copy(big, 0, mapped, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, big.length);
      out.begin(SectionId.NODE_NAMES);
      for (int at = 0; at < big.length; ) { // odd piece sizes: pieces straddle buffer ends
        int n = Math.min(big.length - at, 1 + random.nextInt(300_000));
        if (random.nextBoolean()) {
          out.put(big, at, n);
        } else {
          out.put(mapped, at, n);
        }
        at += n;
      }
      first = out.end();
      out.begin(SectionId.NODES);
      out.putInts(ints, ints.length);
      second = out.end();
      out.begin(SectionId.KINDS);
      out.put(small);
      third = out.end();
      out.finish();
      end = out.position();
    }
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(end, bytes.length);
    assertSection(bytes, first, big);
    java.nio.ByteBuffer intBytes = java.nio.ByteBuffer.allocate(4 * ints.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    intBytes.asIntBuffer().put(ints);
    assertSection(bytes, second, intBytes.array());
    assertSection(bytes, third, small);
    assertEquals(0, first.offset() % SnapshotFormat.SECTION_ALIGNMENT);
    assertEquals(0, second.offset() % SnapshotFormat.SECTION_ALIGNMENT);
    for (long gap = first.offset() + first.length(); gap < second.offset(); gap++) {
      assertEquals(0, bytes[(int) gap], "padding is zero");
    }
  }

  /**
   * The writer's positions are file offsets in {@code long}: started just below 2<sup>32</sup> in a sparse file (the
   * 4 GiB before are a hole), a section that crosses 2<sup>32</sup> through the write-behind buffers and the
   * sections after it get their exact offsets, lengths and CRCs, and their bytes land there. Milliseconds.
   */
  @Test
  void sectionsCrossingFourGibibytesLandAtTheirOffsets() throws IOException {
    long start = (1L << 32) - 3 * SectionWriter.BUFFER_BYTES / 2;
    Random random = new Random(12);
    byte[] crossing = new byte[(WriteBehind.BUFFERS + 1) * SectionWriter.BUFFER_BYTES + 77];
    random.nextBytes(crossing);
    int[] ints = random.ints(100_000).toArray();
    long[] longs = {1L << 33, -1L, 42};
    Path file = dir.resolve("far.bin");
    SectionEntry first;
    SectionEntry second;
    SectionEntry third;
    long end;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SectionWriter out = new SectionWriter(ch, start)) {
      out.begin(SectionId.FORWARD_TARGETS);
      out.put(crossing);
      first = out.end();
      out.begin(SectionId.FORWARD_TYPES);
      out.putInts(ints, ints.length);
      second = out.end();
      out.begin(SectionId.REVERSE_OFFSETS);
      out.putLongs(longs, longs.length);
      third = out.end();
      out.finish();
      end = out.position();
    }
    assertEquals(start, first.offset());
    assertTrue(first.offset() < 1L << 32 && first.offset() + first.length() > 1L << 32, "the first crosses 2^32");
    assertEquals(SnapshotFormat.align(first.offset() + crossing.length), second.offset());
    assertEquals(4L * ints.length, second.length());
    assertEquals(SnapshotFormat.align(second.offset() + second.length()), third.offset());
    assertEquals(third.offset() + 8L * longs.length, end);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      assertEquals(end, ch.size());
      assertFarSection(ch, first, crossing);
      java.nio.ByteBuffer intBytes = java.nio.ByteBuffer.allocate(4 * ints.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      intBytes.asIntBuffer().put(ints);
      assertFarSection(ch, second, intBytes.array());
      java.nio.ByteBuffer longBytes = java.nio.ByteBuffer.allocate(8 * longs.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      longBytes.asLongBuffer().put(longs);
      assertFarSection(ch, third, longBytes.array());
    }
  }

  private static void assertFarSection(FileChannel ch, SectionEntry entry, byte[] expected) throws IOException {
    java.nio.ByteBuffer actual = java.nio.ByteBuffer.allocate(Math.toIntExact(entry.length()));
    while (actual.hasRemaining()) {
      ch.read(actual, entry.offset() + actual.position());
    }
    assertArrayEquals(expected, actual.array());
    CRC32C crc = new CRC32C();
    crc.update(expected);
    assertEquals((int) crc.getValue(), entry.crc32c());
  }

  @Test
  void aWriteThatFailsOnTheWriterThreadFailsTheBuild() throws IOException {
    Path file = dir.resolve("read-only.bin");
    Files.write(file, new byte[0]);
    byte[] data = new byte[3 * SectionWriter.BUFFER_BYTES];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); SectionWriter out = new SectionWriter(ch, 0)) {
      out.begin(SectionId.NODE_NAMES);
      IOException e = assertThrows(IOException.class, () -> {
        out.put(data);
        out.end();
        out.finish();
      });
      assertEquals(true, e.getMessage().startsWith("writing the snapshot file at offset 0 failed"), e.getMessage());
    }
  }

  private static void assertSection(byte[] file, SectionEntry entry, byte[] expected) {
    byte[] actual = Arrays.copyOfRange(file, (int) entry.offset(), (int) (entry.offset() + entry.length()));
    assertArrayEquals(expected, actual);
    CRC32C crc = new CRC32C();
    crc.update(expected);
    assertEquals((int) crc.getValue(), entry.crc32c());
  }
}
