package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> lines(String text, int max) throws Exception {
    LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    List<String> out = new ArrayList<>();
    while (reader.next()) {
      out.add(reader.overLong() ? "<over " + reader.lineBytes() + ">"
          : new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8));
      assertEquals(out.size(), reader.lineNumber());
    }
    return out;
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

  @Test
  void countsBytesReadThroughEachNewline() throws Exception {
    LineReader reader = new LineReader(new ByteArrayInputStream("ab\ncde\r\nf".getBytes(StandardCharsets.UTF_8)), 100);
    assertTrue(reader.next());
    assertEquals(3, reader.bytesRead());
    assertTrue(reader.next());
    assertEquals(8, reader.bytesRead());
    assertTrue(reader.next());
    assertEquals(9, reader.bytesRead());
    assertFalse(reader.next());
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
    LineReader reader = new LineReader(in, 4096);
    assertTrue(reader.next());
    assertTrue(reader.overLong());
    assertEquals(huge, reader.lineBytes());
    assertTrue(reader.bytes().length <= 4096, "buffer is " + reader.bytes().length + " bytes");
    assertFalse(reader.next());
  }
}
