package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MentionedPathsTest {
  @Test
  void answersAsAMapOfPathsToTheirLastLineThroughManyGrowths() {
    MentionedPaths paths = new MentionedPaths();
    Map<String, Long> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(20261206);
    for (long line = 1; line <= 300_000; line++) {
      String path = "src/main/java/p" + random.nextInt(150_000) + "/C" + random.nextInt(3) + ".java";
      Long previous = expected.put(path, line);
      assertEquals(previous == null ? MentionedPaths.ABSENT : previous, paths.put(path, line), path);
    }
    assertEquals(expected.size(), paths.size());
    for (String path : expected.keySet()) {
      assertTrue(paths.contains(path), path);
    }
    for (int i = 0; i < 100_000; i++) {
      assertFalse(paths.contains("src/main/java/p" + i + "/C3.java"));
    }
  }

  @Test
  void tellsApartPathsThatDifferOnlyInOrderLengthOrTheTopOfACharacter() {
    MentionedPaths paths = new MentionedPaths();
    String[] similar = {"", "a", "a\u0000", "\u0000a", "ab", "ba", "abcd", "abdc", "abcde", "\u0100bcd", "\u0001bcd",
        "\uD83D\uDE00", "\uDE00\uD83D"};
    for (int i = 0; i < similar.length; i++) {
      assertEquals(MentionedPaths.ABSENT, paths.put(similar[i], i + 1), similar[i]);
    }
    for (int i = 0; i < similar.length; i++) {
      assertEquals(i + 1, paths.put(similar[i], 100 + i), similar[i]);
    }
  }

  @Test
  void aLineNumberPastFortyBitsIsKeptAsUnknown() {
    MentionedPaths paths = new MentionedPaths();
    paths.put("a.java", 1L << 40);
    assertEquals(MentionedPaths.UNKNOWN_LINE, paths.put("a.java", (1L << 40) + 1));
    assertEquals(MentionedPaths.UNKNOWN_LINE, paths.put("a.java", 7));
    assertEquals(7, paths.put("a.java", 8));
    assertTrue(paths.contains("a.java"));
  }
}
