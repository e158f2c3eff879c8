package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.internal.NameCursor;
import io.graphsnap.reader.internal.SortedStrings;
import io.graphsnap.reader.internal.Section;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-coded NODE_NAMES section of more than 4 GiB, sparse: name 0 is 2<sup>32</sup> − 1 zero bytes (a hole), so
 * blocks 1 and 2 and the block index lie past 2<sup>32</sup>. Lookups, {@code name(id)}, prefix ranges and the
 * cursor reach them through 64-bit offsets; the name too long to decode gives a corrupt-snapshot error, not another
 * exception. Writes a few bytes.
 */
class FrontCodedFarOffsetsTest {
  @TempDir Path dir;

  @Test
  void namesPastFourGibibytesAnswer() throws Exception {
    long huge = 0xFFFF_FFFFL; // name 0's length: the largest VarUInt
    long block1 = 8 + 5 + huge;
    long block2 = block1 + 2;
    long index = block2 + 3;
    long length = index + 3 * 8;
    Path file = dir.resolve("names.bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.READ, StandardOpenOption.SPARSE)) {
      write(ch, 0, le(8).putInt(3).putInt(1)); // Count 3, BlockSize 1
      write(ch, 8, ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}));
      write(ch, block1, ByteBuffer.wrap(new byte[] {1, 1})); // "\u0001"
      write(ch, block2, ByteBuffer.wrap(new byte[] {2, 1, 2})); // "\u0001\u0002"
      write(ch, index, le(24).putLong(8).putLong(block1).putLong(block2));
      assertEquals(length, ch.size());
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
        SortedStrings names = SortedStrings.open(new Section("far.gsnap", "NODE_NAMES", bytes, 0), true, "node names");
        assertEquals(3, names.count());
        assertTrue(block1 > 1L << 32);
        assertEquals("\u0001", names.get(1));
        assertEquals("\u0001\u0002", names.get(2));
        assertEquals(1, names.find(new byte[] {1}));
        assertEquals(2, names.find(new byte[] {1, 2}));
        assertEquals(-1, names.find(new byte[] {0})); // compares one byte of the huge name, no more
        assertEquals(-1, names.find(new byte[] {1, 1}));
        assertEquals(2, names.lowerBound(new byte[] {1, 1}));
        assertEquals(1, names.lowerBound(new byte[] {0, 1}));
        assertEquals(3, names.prefixEnd(1, new byte[] {1}));
        assertTrue(names.equalsAt(2, new byte[] {1, 2}));
        NameCursor cursor = names.cursor();
        byte[] name2 = cursor.copy(2);
        assertArrayEquals(new byte[] {1, 2}, java.util.Arrays.copyOf(name2, cursor.length()));
        CorruptSnapshotException tooLong = assertThrows(CorruptSnapshotException.class, () -> names.get(0));
        assertEquals("NODE_NAMES", tooLong.section());
        assertThrows(CorruptSnapshotException.class, () -> names.cursor().copy(0));
      }
    }
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void write(FileChannel ch, long at, ByteBuffer b) throws java.io.IOException {
    b.rewind();
    while (b.hasRemaining()) {
      at += ch.write(b, at);
    }
  }
}
