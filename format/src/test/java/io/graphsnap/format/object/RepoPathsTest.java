package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepoPathsTest {
  @Test
  void normalisesHarmlessForms() {
    assertEquals("src/a.java", RepoPaths.normalise("./src//a.java/"));
    assertEquals("a", RepoPaths.normalise("a"));
    assertTrue(RepoPaths.isNormal("x/y/z.txt"));
    assertFalse(RepoPaths.isNormal("x//y"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../b", "a/..", "C:/win", "a\\b", "a\0b", "a/\nb", ".", "./"})
  void rejectsEscapesAndControlCharacters(String path) {
    assertThrows(InvalidSummaryException.class, () -> RepoPaths.normalise(path));
  }
}
