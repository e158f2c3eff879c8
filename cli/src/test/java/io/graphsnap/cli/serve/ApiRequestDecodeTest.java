package io.graphsnap.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ApiRequest#decode} decodes what the JDK's {@link URLDecoder} decodes, the same way, and refuses bad escapes. */
class ApiRequestDecodeTest {
  @Test
  void randomEncodedTextDecodesAsTheJdkDecodesIt() {
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      String text = text(random);
      String encoded = random.nextBoolean() ? URLEncoder.encode(text, StandardCharsets.UTF_8) : rawEscapes(random);
      String framed = "x=" + encoded + "&";
      assertEquals(URLDecoder.decode(encoded, StandardCharsets.UTF_8),
          ApiRequest.decode(framed, 2, framed.length() - 1), () -> "decoding " + encoded);
    }
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    assertEquals("java.util.ArrayList", ApiRequest.decode("name=java.util.ArrayList", 5, 24));
    assertEquals("a b#(", ApiRequest.decode("a+b%23%28", 0, 9));
  }

  @Test
  void badEscapesAreRefusedWithTheReason() {
    ApiRequest.BadRequest e = assertThrows(ApiRequest.BadRequest.class, () -> ApiRequest.decode("ab%4", 0, 4));
    assertTrue(e.getMessage().contains("incomplete escape"), e.getMessage());
    e = assertThrows(ApiRequest.BadRequest.class, () -> ApiRequest.decode("%zz", 0, 3));
    assertTrue(e.getMessage().contains("'%zz' is not two hex digits"), e.getMessage());
    assertThrows(ApiRequest.BadRequest.class, () -> ApiRequest.decode("%-1", 0, 3)); // the JDK's parseInt would take a sign
  }

  private static String text(Random r) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(20); n > 0; n--) {
      s.appendCodePoint(switch (r.nextInt(4)) {
        case 0 -> 0x20 + r.nextInt(0x5f);
        case 1 -> 0x80 + r.nextInt(0x780);
        case 2 -> 0x800 + r.nextInt(0xd000);
        default -> 0x10000 + r.nextInt(0x1000);
      });
    }
    return s.toString();
  }

  /** Escapes of arbitrary bytes (malformed UTF-8 too), plus signs and plain characters. */
  private static String rawEscapes(Random r) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(20); n > 0; n--) {
      switch (r.nextInt(3)) {
        case 0 -> s.append(String.format(r.nextBoolean() ? "%%%02X" : "%%%02x", r.nextInt(256)));
        case 1 -> s.append('+');
        default -> s.append((char) ('a' + r.nextInt(26)));
      }
    }
    return s.toString();
  }
}
