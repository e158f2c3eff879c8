package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link JsonText} writes what Jackson writes, character for character, and declines what it does not render. */
class JsonTextTest {
  @Test
  void randomDocumentsMatchJackson() {
    Random random = new Random(16);
    for (int i = 0; i < 20_000; i++) {
      Object doc = value(random, 0);
      StringBuilder fast = new StringBuilder();
      assertTrue(JsonText.append(fast, doc), () -> "declined " + doc);
      assertEquals(Json.jackson(doc), fast.toString(), () -> "document " + doc);
      assertEquals(Json.jackson(doc), Json.text(doc));
    }
  }

  @Test
  void everyCharacterBelow128AndTheAwkwardOnesMatchJackson() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c);
    }
    all.append("\u2028\u2029\u00e9\u20ac\ud83d\ude00\ud800x\udc00\uffff");
    String s = all.toString();
    assertEquals(Json.jackson(Map.of(s, List.of(s))), Json.text(Map.of(s, List.of(s))));
    assertEquals(Json.jackson(""), Json.text(""));
  }

  @Test
  void othersAreDeclinedAndGoToJackson() {
    for (Object other : List.<Object>of(1.5, 2.0f, new int[] {1, 2}, 'c', Map.of(1, "x"), List.of(Map.of("a", 0.25)))) {
      assertFalse(JsonText.append(new StringBuilder(), other), () -> "rendered " + other);
      assertEquals(Json.jackson(other), Json.text(other));
    }
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    assertFalse(JsonText.append(new StringBuilder(), nullKey));
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
        Map<String, Object> map = switch (r.nextInt(3)) {
          case 0 -> new LinkedHashMap<>();
          case 1 -> new HashMap<>();
          default -> new TreeMap<>();
        };
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
        yield r.nextBoolean() ? list : List.copyOf(list.stream().filter(x -> x != null).toList());
      }
    };
  }

  private static String string(Random r) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(12); n > 0; n--) {
      s.append(switch (r.nextInt(6)) {
        case 0 -> (char) r.nextInt(0x20);
        case 1 -> "\"\\/".charAt(r.nextInt(3));
        case 2 -> (char) (0xd800 + r.nextInt(0x800)); // surrogates, paired or not
        case 3 -> (char) r.nextInt(0x10000);
        default -> (char) (0x20 + r.nextInt(0x60));
      });
    }
    return s.toString();
  }
}
