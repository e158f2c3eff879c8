package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> lines(String text, int max) throws Exception {
    return lines(text.getBytes(StandardCharsets.UTF_8), max, LineReader.DEFAULT_BLOCK_BYTES);
  }

  /** Reads every line; releases each only after the next few were read, as the ingest does. */
  private static List<String> lines(byte[] text, int max, int blockBytes) throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      LineReader reader = new LineReader(Channels.newChannel(new ByteArrayInputStream(text)), max, blockBytes, arena);
      List<String> out = new ArrayList<>();
      List<LineReader.Block> held = new ArrayList<>();
      while (reader.next()) {
        if (reader.overLong()) {
          out.add("<over " + reader.lineBytes() + ">");
        } else {
          out.add(new String(LineReader.copy(reader.block(), reader.offset(), reader.length()), StandardCharsets.UTF_8));
          held.add(reader.block());
          assertEquals(KnownLines.hash(LineReader.copy(reader.block(), reader.offset(), reader.length())),
              KnownLines.hash(reader.block().segment, reader.offset(), reader.length()), "the hash where the line lies");
        }
        assertEquals(out.size(), reader.lineNumber());
        if (held.size() > 3) {
          held.removeFirst().release();
        }
      }
      return out;
    }
  }

  @Test
  void splitsOnNewlinesAndDropsCarriageReturns() throws Exception {
    assertEquals(List.of(), lines("", 100));
    assertEquals(List.of("a"), lines("a", 100));
    assertEquals(List.of("a"), lines("a\n", 100));
    assertEquals(List.of("a", "", "b"), lines("a\r\n\nb", 100));
    assertEquals(List.of("", ""), lines("\n\n", 100));
    assertEquals(List.of("é€"), lines("é€\n", 100));
  }

  @Test
  void overLongLinesAreSkippedAndTheNextLineIsIntact() throws Exception {
    assertEquals(List.of("ok", "<over 11>", "fine"), lines("ok\n12345678901\nfine\n", 10));
    assertEquals(List.of("1234567890"), lines("1234567890", 10));
  }

  /** Lines across block boundaries, longer than a block, and over the limit, with tiny blocks: same lines. */
  @Test
  void linesAcrossAndBeyondBlocksAreWhole() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<String> expected = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int max = 40;
      for (int i = 0, n = random.nextInt(30); i < n; i++) {
        int len = random.nextInt(random.nextBoolean() ? 12 : 60);
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < len; k++) {
          line.append((char) ('a' + random.nextInt(26)));
        }
        boolean cr = random.nextInt(5) == 0;
        int full = len + (cr ? 1 : 0); // a \r counts towards the limit, and is dropped from a line within it
        expected.add(full > max ? "<over " + full + ">" : line.toString());
        text.append(line).append(cr ? "\r\n" : "\n");
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      assertEquals(expected, lines(bytes, max, 8 + random.nextInt(24)), "round " + round);
    }
  }

  @Test
  void countsBytesReadThroughEachNewline() throws Exception {
    try (Arena arena = Arena.ofConfined()) {
      LineReader reader = new LineReader(Channels.newChannel(
          new ByteArrayInputStream("ab\ncde\r\nf".getBytes(StandardCharsets.UTF_8))), 100, 8, arena);
      assertTrue(reader.next());
      assertEquals(3, reader.bytesRead());
      assertTrue(reader.next());
      assertEquals(8, reader.bytesRead());
      assertTrue(reader.next());
      assertEquals(9, reader.bytesRead());
      assertFalse(reader.next());
    }
  }

  /** A line of 256 MiB streams past in bounded memory: the reader never holds more than its limit. */
  @Test
  void aHugeLineStreamsPastWithoutBeingHeld() throws Exception {
    long huge = 1L << 28;
    InputStream in = new InputStream() {
      private long served;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served > huge) {
          return -1;
        }
        int n = (int) Math.min(len, huge + 1 - served);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        if (served + n == huge + 1) {
          b[off + n - 1] = '\n';
        }
        served += n;
        return n;
      }
    };
    long[] allocated = {0};
    try (Arena arena = Arena.ofConfined()) {
      Arena counting = new Arena() {
        @Override
        public java.lang.foreign.MemorySegment allocate(long byteSize, long byteAlignment) {
          allocated[0] += byteSize;
          return arena.allocate(byteSize, byteAlignment);
        }

        @Override
        public java.lang.foreign.MemorySegment.Scope scope() {
          return arena.scope();
        }

        @Override
        public void close() {}
      };
      LineReader reader = new LineReader(Channels.newChannel(in), 4096, 1024, counting);
      assertTrue(reader.next());
      assertTrue(reader.overLong());
      assertEquals(huge, reader.lineBytes());
      assertFalse(reader.next());
    }
    assertTrue(allocated[0] <= 4 * 8192, "allocated " + allocated[0] + " bytes");
  }
}
