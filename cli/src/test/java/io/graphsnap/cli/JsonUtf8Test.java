package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonUtf8} writes the UTF-8 bytes of what {@link JsonText} (and so Jackson) writes, and declines the same values. */
class JsonUtf8Test {
  @Test
  void randomDocumentsAreTheUtf8OfTheText() {
    Random random = new Random(1616);
    JsonUtf8 out = new JsonUtf8(16); // small: every document makes it grow at some point
    for (int i = 0; i < 20_000; i++) {
      Object doc = value(random, 0);
      out.reset();
      assertTrue(out.append(doc), () -> "declined " + doc);
      byte[] expected = Json.jackson(doc).getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(expected, out.toByteArray(), () -> "document " + doc);
      assertArrayEquals((Json.jackson(doc) + "\n").getBytes(StandardCharsets.UTF_8), Json.utf8Line(doc));
    }
  }

  @Test
  void everyCharacterBelow128SurrogatesAndExtremeNumbers() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c);
    }
    all.append("\u0080\u07ff\u0800\u2028\u2029\u00e9\u20ac\ud83d\ude00\ud800x\udc00\uffff\udbff\udfff\ud800");
    String s = all.toString();
    List<Object> doc = List.of(Map.of(s, List.of(s)), Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, 0, -1,
        (short) -32768, (byte) -128, true, false, "", List.of(), Map.of());
    assertArrayEquals((Json.jackson(doc) + "\n").getBytes(StandardCharsets.UTF_8), Json.utf8Line(doc));
  }

  @Test
  void declinedValuesGoToJackson() {
    for (Object other : List.<Object>of(1.5, new int[] {1, 2}, 'c', Map.of(1, "x"), List.of(Map.of("a", 0.25)))) {
      assertFalse(new JsonUtf8(8).append(other), () -> "rendered " + other);
      assertArrayEquals((Json.jackson(other) + "\n").getBytes(StandardCharsets.UTF_8), Json.utf8Line(other));
    }
  }

  @Test
  void aHugeAnswerIsWrittenWholeAndTheNextSmallOneToo() {
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      big.add("name" + i + "\u00e9");
    }
    assertArrayEquals((Json.jackson(big) + "\n").getBytes(StandardCharsets.UTF_8), Json.utf8Line(big));
    assertEquals("{\"a\":1}\n", new String(Json.utf8Line(Map.of("a", 1)), StandardCharsets.UTF_8));
  }

  private static Object value(Random r, int depth) {
    int pick = r.nextInt(depth > 3 ? 7 : 10);
    return switch (pick) {
      case 0 -> null;
      case 1, 2 -> string(r);
      case 3 -> r.nextInt();
      case 4 -> r.nextLong();
      case 5 -> r.nextBoolean();
      case 6 -> r.nextBoolean() ? (Object) (short) r.nextInt() : (Object) (byte) r.nextInt();
      case 7, 8 -> {
        Map<String, Object> map = r.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
        for (int n = r.nextInt(5); n > 0; n--) {
          map.put(string(r), value(r, depth + 1));
        }
        yield map;
      }
      default -> {
        List<Object> list = new ArrayList<>();
        for (int n = r.nextInt(5); n > 0; n--) {
          list.add(value(r, depth + 1));
        }
        yield list;
      }
    };
  }

  private static String string(Random r) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(40); n > 0; n--) {
      s.append(switch (r.nextInt(7)) {
        case 0 -> (char) r.nextInt(0x20);
        case 1 -> "\"\\/".charAt(r.nextInt(3));
        case 2 -> (char) (0xd800 + r.nextInt(0x800)); // surrogates, paired or not
        case 3 -> (char) r.nextInt(0x10000);
        case 4 -> (char) (0x80 + r.nextInt(0x780)); // two-byte UTF-8
        default -> (char) (0x20 + r.nextInt(0x60));
      });
    }
    return s.toString();
  }
}
