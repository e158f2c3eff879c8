package io.graphsnap.format.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.UnsupportedFormatVersionException;
import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The delta's container and its three new layouts, byte for byte. */
class DeltaFormatTest {

  private static byte[] file(int version, byte[] magicOf) {
    long first = SnapshotFormat.align(SnapshotFormat.headerBytes(1));
    SnapshotHeader h = new SnapshotHeader(version, 0, first + DeltaBaseFormat.BYTES,
        List.of(new SectionEntry(DeltaSectionId.BASE.id(), 0, first, DeltaBaseFormat.BYTES)));
    byte[] file = new byte[(int) (first + DeltaBaseFormat.BYTES)];
    byte[] header = magicOf == null ? h.encode(DeltaFormat.CONTAINER) : h.encode();
    System.arraycopy(header, 0, file, 0, header.length);
    return file;
  }

  @Test
  void aDeltaHeaderIsReadOnlyAsADelta() {
    byte[] delta = file(DeltaFormat.VERSION_CURRENT, null);
    assertEquals("GSDLT", new String(delta, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    SnapshotHeader h = SnapshotHeader.decode(MemorySegment.ofArray(delta), "d.gdelta", DeltaFormat.CONTAINER);
    assertEquals(DeltaSectionId.BASE.id(), h.sections().get(0).id());
    CorruptSnapshotException asSnapshot = assertThrows(CorruptSnapshotException.class,
        () -> SnapshotHeader.decode(MemorySegment.ofArray(delta), "d.gdelta"));
    assertTrue(asSnapshot.getMessage().contains("not a graphsnap snapshot"), asSnapshot.getMessage());
    byte[] snapshot = file(SnapshotFormat.VERSION_CURRENT, SnapshotFormat.MAGIC);
    CorruptSnapshotException asDelta = assertThrows(CorruptSnapshotException.class,
        () -> SnapshotHeader.decode(MemorySegment.ofArray(snapshot), "s.gsnap", DeltaFormat.CONTAINER));
    assertTrue(asDelta.getMessage().contains("not a graphsnap delta"), asDelta.getMessage());
    UnsupportedFormatVersionException tooNew = assertThrows(UnsupportedFormatVersionException.class,
        () -> SnapshotHeader.decode(MemorySegment.ofArray(file(DeltaFormat.VERSION_CURRENT + 1, null)), "d",
            DeltaFormat.CONTAINER));
    assertEquals(DeltaFormat.VERSION_CURRENT, tooNew.maxSupported());
  }

  @Test
  void sectionIdsAreDistinctAndNamed() {
    Set<Integer> ids = new HashSet<>();
    for (DeltaSectionId s : DeltaSectionId.values()) {
      assertTrue(ids.add(s.id()), "duplicate id " + s.id());
      assertEquals(s, DeltaSectionId.byId(s.id()));
      assertTrue(s.formatClassName().startsWith("io.graphsnap.format."), s.formatClassName());
      assertEquals(s.name(), DeltaFormat.CONTAINER.sectionName().apply(s.id()));
    }
    assertEquals("#999", DeltaFormat.CONTAINER.sectionName().apply(999));
  }

  @Test
  void idListBytesAndSearch() {
    byte[] bytes = SectionSink.Bytes.of(out -> IdListFormat.write(out, new int[] {3, 7, 0x01020304, 99}, 3));
    assertEquals("03000000" + "00000000" + "03000000" + "07000000" + "04030201", HexFormat.of().formatHex(bytes));
    MemorySegment list = MemorySegment.ofArray(bytes);
    assertEquals(3, IdListFormat.count(list));
    assertEquals(1, IdListFormat.find(list, 3, 7));
    assertEquals(-3, IdListFormat.find(list, 3, 8));
    assertEquals(-1, IdListFormat.find(list, 3, 0));
    assertThrows(IllegalArgumentException.class,
        () -> SectionSink.Bytes.of(out -> IdListFormat.write(out, new int[] {3, 3}, 2)));
    assertThrows(IllegalArgumentException.class,
        () -> SectionSink.Bytes.of(out -> IdListFormat.write(out, new int[] {-1}, 1)));
  }

  @Test
  void rowListBytesAndReads() {
    int[] keys = {2, 9};
    long[] offsets = {0, 2, 3};
    int[] neighbours = {5, 1, 4};
    byte[] types = {0, 1, 0};
    byte[] bytes = SectionSink.Bytes.of(out -> RowListFormat.write(out, 2, keys, offsets, neighbours, types));
    assertEquals("02000000" + "00000000" + "02000000" + "09000000"
        + "0000000000000000" + "0200000000000000" + "0300000000000000"
        + "05000000" + "01000000" + "04000000" + "000100", HexFormat.of().formatHex(bytes));
    assertEquals(RowListFormat.sectionBytes(2, 3), bytes.length);
    MemorySegment rows = MemorySegment.ofArray(bytes);
    long row = RowListFormat.find(rows, 2, 9);
    assertEquals(1, row);
    assertEquals(2, RowListFormat.offset(rows, 2, row));
    assertEquals(4, RowListFormat.neighbour(rows, 2, 2));
    assertEquals(1, RowListFormat.type(rows, 2, 3, 1));
    assertTrue(RowListFormat.find(rows, 2, 3) < 0);
    assertThrows(IllegalArgumentException.class, () -> SectionSink.Bytes.of(
        out -> RowListFormat.write(out, 1, new int[] {1}, new long[] {0, 2}, new int[] {4, 4}, new byte[] {0, 0})));
  }

  @Test
  void baseRoundTrips() {
    byte[] sha = new byte[32];
    sha[0] = 1;
    sha[31] = (byte) 0xff;
    DeltaBaseFormat.Base base = new DeltaBaseFormat.Base(sha, 10, 3, 4, 5, 6, 2);
    byte[] bytes = SectionSink.Bytes.of(out -> DeltaBaseFormat.write(out, base));
    assertEquals(DeltaBaseFormat.BYTES, bytes.length);
    assertEquals(base, DeltaBaseFormat.read(MemorySegment.ofArray(bytes)));
    assertArrayEquals(sha, DeltaBaseFormat.read(MemorySegment.ofArray(bytes)).snapshotSha256());
    assertEquals("0a000000", HexFormat.of().formatHex(bytes, DeltaBaseFormat.NODE_COUNT, DeltaBaseFormat.NODE_COUNT + 4));
  }
}
