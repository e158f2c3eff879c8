package io.graphsnap.bench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ResponseReader} finds each response's status and end however the bytes are split. */
class ResponseReaderTest {
  private static final String TWO = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-LENGTH:  12 \r\n"
      + "Date: x\r\n\r\n{\"a\":[1,2]}\nHTTP/1.1 404 Not Found\nContent-Length: 3\n\nno\n";

  @Test
  void responsesSplitAnywhereAreReadAlike() throws IOException {
    byte[] bytes = TWO.getBytes(StandardCharsets.ISO_8859_1);
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      ResponseReader reader = new ResponseReader();
      StringBuilder statuses = new StringBuilder();
      int ends = 0;
      for (int from = 0; from < bytes.length; from += chunk) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, Math.min(chunk, bytes.length - from));
        while (in.hasRemaining()) {
          int status = reader.feed(in);
          if (status >= 0) {
            statuses.append(status).append(' ');
            ends++;
            assertFalse(reader.inResponse());
            if (ends == 1) {
              assertEquals(TWO.indexOf("HTTP/1.1 404"), in.position(), "the first response ends where the second begins");
            }
          }
        }
      }
      assertEquals("200 404 ", statuses.toString(), "chunks of " + chunk);
    }
  }

  @Test
  void aHeadOnlyResponseWithLengthZeroEndsAtTheBlankLine() throws IOException {
    ResponseReader reader = new ResponseReader();
    ByteBuffer in = ByteBuffer.wrap("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(204, reader.feed(in));
    assertFalse(in.hasRemaining());
  }

  @Test
  void malformedResponsesAreRefused() {
    assertThrows(IOException.class, () -> new ResponseReader().feed(bytes("HTTP/1.1 200 OK\r\n\r\nbody")));
    assertThrows(IOException.class, () -> new ResponseReader().feed(bytes("SSH-2.0-OpenSSH\r\n")));
    assertThrows(IOException.class, () -> new ResponseReader().feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: x\r\n")));
    ResponseReader reader = new ResponseReader();
    assertThrows(IOException.class, () -> reader.feed(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nX: "
        + "y".repeat(ResponseReader.MAX_HEAD)).getBytes(StandardCharsets.ISO_8859_1))));
  }

  @Test
  void resetForgetsAHalfReadResponse() throws IOException {
    ResponseReader reader = new ResponseReader();
    assertEquals(-1, reader.feed(bytes("HTTP/1.1 200 OK\r\nContent-Le")));
    assertTrue(reader.inResponse());
    reader.reset();
    assertEquals(503, reader.feed(bytes("HTTP/1.1 503 Busy\r\nContent-Length: 2\r\n\r\nxx")));
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
