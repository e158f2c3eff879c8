package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container and the section formats at the sizes of a 10-million-file graph: sections longer than 2 GiB and
 * 4 GiB, offsets past 2<sup>32</sup>, counts past 2<sup>31</sup>. The file test writes a sparse file (holes
 * cost no disk: a few KiB are written), so it runs in milliseconds; the arithmetic tests compare each named offset
 * with its formula computed in {@code long}, so a return to {@code int} arithmetic fails them.
 */
class FarOffsetsTest {
  private static final long TWO_GIB = 1L << 31;
  private static final long FOUR_GIB = 1L << 32;

  @TempDir Path dir;

  /**
   * A header with a section of 2 GiB + 12 bytes, one of 4 GiB + 8 starting past 2^31, and a last one starting past
   * 6 GiB: encoded, written at offset 0 of a sparse file of that length, decoded over its mapping and read through
   * {@link SnapshotFile}, with a marker byte at the far end of each big section.
   */
  @Test
  void headerAndSectionsPastFourGibibytes() throws IOException {
    long first = SnapshotFormat.align(SnapshotFormat.headerBytes(3));
    long firstLength = TWO_GIB + 12;
    long second = SnapshotFormat.align(first + firstLength);
    long secondLength = FOUR_GIB + 8;
    long third = SnapshotFormat.align(second + secondLength);
    long thirdLength = 100;
    long fileLength = third + thirdLength;
    assertTrue(third > FOUR_GIB + TWO_GIB, "the last section starts past 6 GiB");
    List<SectionEntry> entries = List.of(
        new SectionEntry(SectionId.FORWARD_TARGETS.id(), 0x1234_5678, first, firstLength),
        new SectionEntry(SectionId.REVERSE_SOURCES.id(), 0x9ABC_DEF0, second, secondLength),
        new SectionEntry(SectionId.NAME_INDEX.id(), 7, third, thirdLength));
    SnapshotHeader written = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, fileLength, entries);
    Path file = dir.resolve("far.gsnap");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeAt(ch, written.encode(), 0);
      writeAt(ch, new byte[] {11}, first + firstLength - 1);
      writeAt(ch, new byte[] {22}, second + secondLength - 1);
      writeAt(ch, new byte[] {33}, fileLength - 1);
    }

    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      SnapshotHeader decoded = SnapshotHeader.decode(mapped, "far.gsnap");
      assertEquals(written, decoded, "offsets, lengths and CRCs come back as 64-bit values");
      assertEquals(fileLength, decoded.fileLength());
    }
    try (SnapshotFile f = SnapshotFile.open(file)) {
      MemorySegment targets = f.required(SectionId.FORWARD_TARGETS);
      MemorySegment sources = f.required(SectionId.REVERSE_SOURCES);
      assertEquals(firstLength, targets.byteSize());
      assertEquals(secondLength, sources.byteSize());
      assertEquals(11, targets.get(LittleEndian.BYTE, firstLength - 1));
      assertEquals(22, sources.get(LittleEndian.BYTE, secondLength - 1), "a byte 4 GiB into a section");
      assertEquals(33, f.required(SectionId.NAME_INDEX).get(LittleEndian.BYTE, thirdLength - 1));
    }
  }

  /** A far section's table entry that points one byte past the file, or off the alignment, is refused. */
  @Test
  void farEntriesAreStillChecked() throws IOException {
    long offset = SnapshotFormat.align(FOUR_GIB + 1);
    long fileLength = offset + 64;
    Path file = dir.resolve("bad.gsnap");
    for (SectionEntry bad : List.of(new SectionEntry(SectionId.NODES.id(), 0, offset, 65),
        new SectionEntry(SectionId.NODES.id(), 0, offset + 8, 56))) {
      SnapshotHeader h = new SnapshotHeader(SnapshotFormat.VERSION_CURRENT, 0, fileLength, List.of(bad));
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writeAt(ch, h.encode(), 0);
        writeAt(ch, new byte[1], fileLength - 1);
      }
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> SnapshotFile.open(file).close());
      assertTrue(e.getMessage().contains("[" + bad.offset() + ", +" + bad.length() + ")"), e.getMessage());
    }
  }

  /** Each named offset equals its formula in 64-bit arithmetic at ids and counts where 32-bit arithmetic wraps. */
  @Test
  void namedOffsetsAreSixtyFourBit() {
    long node = (1L << 29) + 3; // 8·node passes 2^32
    long edge = TWO_GIB + 5; // an edge index past 2^31
    assertEquals(8 * node, CsrFormat.offsetAt(node));
    assertEquals(4 * edge, CsrFormat.neighbourAt(edge));
    assertEquals(edge, CsrFormat.typeAt(edge));
    assertEquals(8L * Integer.MAX_VALUE + 8, CsrFormat.offsetsBytes(Integer.MAX_VALUE));
    assertEquals(4 * edge, CsrFormat.neighboursBytes(edge));
    assertEquals(edge, CsrFormat.typesBytes(edge));

    long maxCount = FOUR_GIB - 1; // a UInt32 Count
    assertEquals(8 + 8 * maxCount, StringListFormat.endOffset(maxCount));
    assertEquals(8 + 8 * (maxCount + 1), StringListFormat.dataOffset(maxCount));
    assertEquals(8 + 8 * (maxCount + 1) + 5 * FOUR_GIB, StringListFormat.sectionBytes(maxCount, 5 * FOUR_GIB));
    assertEquals(16L * Integer.MAX_VALUE, NodeRecordFormat.offset(Integer.MAX_VALUE));
    assertEquals(16L * Integer.MAX_VALUE, NodeRecordFormat.sectionBytes(Integer.MAX_VALUE));
    assertEquals(8L * Integer.MAX_VALUE, NodeDetailsFormat.endOffset(Integer.MAX_VALUE));
    assertEquals(4L * (Integer.MAX_VALUE + 1L + edge), FileSymbolsFormat.nodeOffset(Integer.MAX_VALUE, edge));
    assertEquals(4L * (Integer.MAX_VALUE + 1L + maxCount), FileSymbolsFormat.sectionBytes(Integer.MAX_VALUE, maxCount));
    assertEquals(8 + 4 * (maxCount + 1) + 4 * edge, CallSitesFormat.nodeOffset(maxCount, edge));
    long slots = NameIndexFormat.slotCount(Integer.MAX_VALUE);
    assertEquals((4L * Integer.MAX_VALUE + 2) / 3, slots);
    assertEquals(8 + 4 * slots, NameIndexFormat.sectionBytes(Integer.MAX_VALUE));
    assertEquals(8 + 4 * (slots - 1), NameIndexFormat.slotOffset(slots - 1));
    assertEquals(72L * Integer.MAX_VALUE, FileRecordFormat.offset(Integer.MAX_VALUE));
  }

  /** Offsets written from {@code long}s keep every bit, and an {@code int} offset is widened unsigned. */
  @Test
  void csrOffsetsPastFourGibibytesRoundTrip() {
    long[] offsets = {0, TWO_GIB - 1, TWO_GIB, FOUR_GIB + 7, 3 * FOUR_GIB};
    MemorySegment written = MemorySegment.ofArray(SectionSink.Bytes.of(out -> CsrFormat.writeOffsets(out, offsets)));
    assertEquals(CsrFormat.offsetsBytes(offsets.length - 1), written.byteSize());
    for (int v = 0; v < offsets.length; v++) {
      assertEquals(offsets[v], CsrFormat.offset(written, v));
    }
    MemorySegment widened = MemorySegment.ofArray(SectionSink.Bytes.of(out ->
        CsrFormat.writeOffsets(out, new int[] {0, Integer.MAX_VALUE, (int) (FOUR_GIB - 1)})));
    assertEquals(FOUR_GIB - 1, CsrFormat.offset(widened, 2));
    MemorySegment counts = MemorySegment.ofArray(SectionSink.Bytes.of(out ->
        CsrFormat.writeTypeCounts(out, new long[] {FOUR_GIB + 1, TWO_GIB})));
    assertEquals(FOUR_GIB + 1, CsrFormat.typeCount(counts, 0));
  }

  /** A StringList whose data passes 4 GiB: the Ends are written and read as 64-bit values. */
  @Test
  void stringListEndsPastFourGibibytes() throws IOException {
    long[] lengths = {FOUR_GIB + 3, 1, TWO_GIB};
    Recorder out = new Recorder();
    StringListFormat.write(out, lengths.length, i -> lengths[i], (i, o) -> o.put(MemorySegment.NULL, 0, lengths[i]));
    MemorySegment head = MemorySegment.ofArray(out.bytes.toByteArray());
    assertEquals(lengths.length, StringListFormat.count(head));
    assertEquals(StringListFormat.dataOffset(lengths.length), head.byteSize(), "the ends, then only data");
    assertEquals(FOUR_GIB + 3, StringListFormat.end(head, 1));
    assertEquals(FOUR_GIB + 4, StringListFormat.end(head, 2));
    assertEquals(FOUR_GIB + 4 + TWO_GIB, StringListFormat.end(head, 3));
    assertEquals(FOUR_GIB + 4 + TWO_GIB, out.skipped, "every item's bytes were asked for");
  }

  /** CALL_SITES' Ends are UInt32: data of 2^32 − 1 bytes is written and read unsigned, one byte more is refused. */
  @Test
  void callSitesDataStopsBelowFourGibibytes() throws IOException {
    long[] fits = {TWO_GIB, TWO_GIB - 1};
    Recorder out = new Recorder();
    CallSitesFormat.write(out, 2, i -> i, i -> fits[i], (i, o) -> o.put(MemorySegment.NULL, 0, fits[i]));
    MemorySegment head = MemorySegment.ofArray(out.bytes.toByteArray());
    assertEquals(TWO_GIB, CallSitesFormat.end(head, 1));
    assertEquals(FOUR_GIB - 1, CallSitesFormat.end(head, 2));
    long[] tooMany = {TWO_GIB, TWO_GIB};
    Recorder refused = new Recorder();
    assertThrows(IllegalArgumentException.class, () -> CallSitesFormat.write(refused, 2, i -> i, i -> tooMany[i],
        (i, o) -> o.put(MemorySegment.NULL, 0, tooMany[i])));
    assertEquals(0, refused.bytes.toByteArray().length, "refused before anything is written");
  }

  /**
   * The packed sections of version 7 at the largest counts: every offset and length computed in {@code long} (the
   * bit offset of the last record of 2^31 − 1 nodes of 114 bits is past 2^37), and a field read through
   * {@link BitPacking#get} 5 GiB into a sparse mapped file.
   */
  @Test
  void packedSectionsPastFourGibibytes() throws IOException {
    long n = Integer.MAX_VALUE;
    PackedNodeFormat.Header widest = new PackedNodeFormat.Header(32, 32, 33, 16, 2, Integer.MIN_VALUE, -FOUR_GIB + 1);
    assertEquals(115, widest.recordBits());
    assertEquals(24 + 8 * ((n * 115 + 63) / 64 + 1), PackedNodeFormat.sectionBytes(n, widest.recordBits()));
    PackedNodeFormat.Fields fields = new PackedNodeFormat.Fields(MemorySegment.NULL, widest);
    assertEquals((n - 1) * 115 + 113, fields.bitOf(n - 1, 4));
    long blocks = (n + 63) / 64;
    assertEquals(blocks, SparseDetailsFormat.blockCount(n));
    assertEquals(16 * blocks + 8 * n, SparseDetailsFormat.endOffset(n, n));
    assertEquals(16 * (blocks - 1) + 8, SparseDetailsFormat.rankOffset(blocks - 1));
    int files = Integer.MAX_VALUE - 1;
    PackedFileSymbolsFormat.Areas areas = new PackedFileSymbolsFormat.Areas(files, 31, 31, 31);
    long bases = 8 + 8 * (((files + 1L) * 31 + 63) / 64 + 1);
    long offsets = bases + 8 * (((long) files * 31 + 63) / 64 + 1);
    assertEquals(bases, areas.bases());
    assertEquals(offsets, areas.offsets());
    assertEquals(offsets + ((n - 1) * 31 >>> 3), areas.offsetOffset(n - 1));
    assertEquals(offsets + 8 * ((n * 31 + 63) / 64 + 1), areas.sectionBytes(n));
    NameIndexFormat.Coding coding = NameIndexFormat.Coding.packed((int) n);
    assertEquals(32, coding.valueBits(), "31 id bits and 1 fingerprint bit");
    long slots = NameIndexFormat.slotCount((int) n);
    assertEquals(8 + 8 * ((slots * 32 + 63) / 64 + 1), coding.sectionBytes((int) n));
    assertEquals(8 + (slots - 1) * 4, coding.slotOffset(slots - 1));

    long at = FOUR_GIB + TWO_GIB + 3; // a byte 5 GiB + 3 into the file
    Path file = dir.resolve("far-packed.bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeAt(ch, new byte[] {(byte) 0xA0, (byte) 0xFF, 0x0F, 0, 0, 0, 0, 0, 0}, at);
    }
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      assertEquals(0xFFFA, BitPacking.get(mapped, 0, at * 8 + 4, 16), "a field straddling three bytes past 5 GiB");
      assertEquals(0xFFFA, BitPacking.get(mapped, at - 8, 64 + 4, 16), "the same field from an area below it");
    }
  }

  private static void writeAt(FileChannel ch, byte[] bytes, long position) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      position += ch.write(b, position);
    }
  }

  /**
   * A sink that keeps what the format classes write themselves (counts, ends, ids) and only counts the bytes copied
   * from a segment (the items), so that a section of many GiB is encoded without holding its data.
   */
  private static final class Recorder implements SectionSink {
    final SectionSink.Bytes bytes = SectionSink.ofBytes();
    long skipped;

    @Override
    public void putByte(int b) {
      bytes.putByte(b);
    }

    @Override
    public void putShort(int s) {
      bytes.putShort(s);
    }

    @Override
    public void putInt(int i) {
      bytes.putInt(i);
    }

    @Override
    public void putLong(long l) {
      bytes.putLong(l);
    }

    @Override
    public void put(byte[] b, int offset, int length) {
      bytes.put(b, offset, length);
    }

    @Override
    public void put(MemorySegment source, long offset, long length) {
      skipped += length;
    }
  }
}
