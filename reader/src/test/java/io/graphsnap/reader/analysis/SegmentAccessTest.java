package io.graphsnap.reader.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

/** {@link BufferParts} and {@link Blocks}: the two ways the analysis loops read a CSR's segments. */
class SegmentAccessTest {
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Test
  void bufferPartsReadLittleEndianElements() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment longs = arena.allocate(8 * 5);
      MemorySegment ints = arena.allocate(4 * 7);
      for (int i = 0; i < 5; i++) {
        longs.set(LONG, 8L * i, (long) i << 40 | i);
      }
      for (int i = 0; i < 7; i++) {
        ints.set(INT, 4L * i, -i * 1_000_003);
      }
      LongBuffer[] l = BufferParts.longs(longs);
      IntBuffer[] n = BufferParts.ints(ints);
      for (int i = 0; i < 5; i++) {
        assertEquals((long) i << 40 | i, BufferParts.get(l, i));
      }
      for (int i = 0; i < 7; i++) {
        assertEquals(-i * 1_000_003, BufferParts.get(n, i));
      }
      assertEquals(1, BufferParts.ints(arena.allocate(0)).length, "an empty segment is one empty part");
    }
  }

  @Test
  void bufferPartsSplitPastTheLargestBuffer() {
    long size = (1L << BufferParts.SHIFT) + 7;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment bytes = arena.allocate(size);
      bytes.set(ValueLayout.JAVA_BYTE, (1L << BufferParts.SHIFT) - 1, (byte) 0xAB);
      bytes.set(ValueLayout.JAVA_BYTE, (1L << BufferParts.SHIFT) + 5, (byte) 42);
      ByteBuffer[] parts = BufferParts.bytes(bytes);
      assertEquals(2, parts.length);
      assertEquals(7, parts[1].capacity());
      assertEquals(0xAB, BufferParts.get(parts, (1L << BufferParts.SHIFT) - 1), "unsigned, last of part 0");
      assertEquals(42, BufferParts.get(parts, (1L << BufferParts.SHIFT) + 5));
    }
  }

  @Test
  void blocksCopyOffsetsNeighboursAndTypes() {
    RandomGraph rg = RandomGraph.generate(11, 300, 2000, 4);
    CsrView f = rg.csr.forward();
    long[] o = new long[Blocks.NODE_BLOCK + 1];
    Blocks.offsets(f, 17, 100, o);
    for (int k = 0; k <= 100; k++) {
      assertEquals(k < 100 ? f.start(17 + k) : f.end(116), o[k]);
    }
    int[] ids = new int[50];
    byte[] types = new byte[50];
    Blocks.neighbours(f, 1000, 50, ids);
    Blocks.types(f, 1000, 50, types);
    for (int x = 0; x < 50; x++) {
      assertEquals(f.neighbour(1000 + x), ids[x]);
      assertEquals(f.type(1000 + x), types[x] & 0xFF);
    }
  }

  @Test
  void blocksRejectOffsetsOutOfOrderNamingTheNode() {
    try (Arena arena = Arena.ofConfined()) {
      long[] offsets = {0, 2, 1, 3};
      MemorySegment off = arena.allocate(8L * offsets.length);
      MemorySegment.copy(offsets, 0, off, LONG, 0, offsets.length);
      MemorySegment nb = arena.allocate(12);
      MemorySegment ty = arena.allocate(3);
      CsrView csr = CsrView.wrap(off, nb, ty, 3, 1, false, "test CSR");
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
          () -> Blocks.offsets(csr, 0, 3, new long[4]));
      assertEquals(true, e.getMessage().contains("node 1"), e.getMessage());
      long[] o = new long[2];
      Blocks.offsets(csr, 2, 1, o);
      assertArrayEquals(new long[] {1, 3}, o);
    }
  }
}
