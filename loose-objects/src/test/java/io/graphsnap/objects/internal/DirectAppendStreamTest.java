package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct-I/O append stream gives the file exactly the bytes written, read back through the ordinary channel after
 * each flush (whole blocks written directly, the partial one through the page cache and written again), with direct
 * I/O or without.
 */
class DirectAppendStreamTest {
  @TempDir Path dir;

  private static byte[] readAll(FileChannel channel, long size) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, bytes.position()) < 0) {
        break;
      }
    }
    return bytes.array();
  }

  private void writesWhatItIsGiven(boolean tryDirect, long seed) throws IOException {
    Random random = new Random(seed);
    Path file = Files.createTempFile(dir, "append-", ".tmp");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        DirectAppendStream out = new DirectAppendStream(file, channel, tryDirect)) {
      if (!tryDirect) {
        assertFalse(out.isDirect());
      }
      for (int step = 0; step < 80; step++) {
        int length = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(16);
          case 1 -> random.nextInt(5000);
          case 2 -> random.nextInt(70_000);
          default -> DirectAppendStream.BUFFER_BYTES + random.nextInt(3) - 1; // around one buffer
        };
        byte[] chunk = new byte[length];
        random.nextBytes(chunk);
        int offset = length == 0 ? 0 : random.nextInt(Math.min(length, 7) + 1);
        out.write(chunk, offset, length - offset);
        expected.write(chunk, offset, length - offset);
        if (random.nextInt(5) == 0) {
          out.flush(); // every byte so far must be readable, the partial block included
          assertArrayEquals(expected.toByteArray(), readAll(channel, expected.size()), "after step " + step);
        }
      }
      out.write(7);
      expected.write(7);
      out.flush();
      channel.force(true);
      assertEquals(expected.size(), channel.size());
      assertArrayEquals(expected.toByteArray(), readAll(channel, channel.size()));
    }
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
  }

  @Test
  void theFileHoldsTheBytesWrittenWithDirectIo() throws IOException {
    for (long seed = 1; seed <= 2; seed++) {
      writesWhatItIsGiven(true, seed);
    }
  }

  @Test
  void theFileHoldsTheBytesWrittenThroughThePageCache() throws IOException {
    writesWhatItIsGiven(false, 4);
  }

  @Test
  void aClosedStreamTakesNoMoreBytesAndUnflushedBytesAreNotWritten() throws IOException {
    Path file = Files.createTempFile(dir, "append-", ".tmp");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      DirectAppendStream out = new DirectAppendStream(file, channel);
      out.write(new byte[] {1, 2, 3});
      out.close();
      out.close(); // idempotent
      assertThrows(IOException.class, () -> out.write(4));
      assertThrows(IOException.class, out::flush);
      assertEquals(0, channel.size());
    }
  }
}
