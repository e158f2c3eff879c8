package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../b", "a/..", "C:/win", "a\\b", "a\0b", "a/\nb", ".", "./",
      "a\u007fb", "a\u0080b", "src/a\u009b31m.cov", "a\u009fb", "\u001b]8;;http://x\u001b\\.cov"})
  void rejectsEscapesAndControlCharacters(String path) {
    assertThrows(InvalidSummaryException.class, () -> RepoPaths.normalise(path));
  }

  @Test
  void acceptsPrintableCharactersAboveC1() {
    assertEquals("src/caf\u00e9/\u00a0\u00ff.cov", RepoPaths.normalise("src/caf\u00e9/\u00a0\u00ff.cov"));
  }

  @Test
  void messagesShowControlCharactersEscaped() {
    InvalidSummaryException e = assertThrows(InvalidSummaryException.class,
        () -> RepoPaths.normalise("src/\u001b]8;;http://x\u001b\\a\u009b.cov"));
    assertEquals("path contains a control character or backslash (U+001B): \"src/\\u001B]8;;http://x\\u001B\\a\\u009B.cov\"",
        e.getMessage());
  }

  /** A loose object whose path holds a C1 control (U+009B, CSI) is rejected when it is decoded. */
  @Test
  void aLooseObjectWithAC1ControlInItsPathIsCorrupt() {
    FileSummary summary = new FileSummary("src/a\u00e9b.cov", "covenant", null, List.of(SymbolSummary.of("x", "fn", 1, 1)),
        List.of());
    byte[] bytes = LooseObjectCodec.encode(summary);
    byte[] placeholder = "\u00e9".getBytes(StandardCharsets.UTF_8); // C3 A9, the same length as U+009B's C2 9B
    int at = indexOf(bytes, "a\u00e9b".getBytes(StandardCharsets.UTF_8)) + 1;
    assertTrue(at > 0 && bytes[at] == placeholder[0] && bytes[at + 1] == placeholder[1]);
    bytes[at] = (byte) 0xC2;
    bytes[at + 1] = (byte) 0x9B;
    CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> LooseObjectCodec.decode(bytes, "obj"));
    assertTrue(e.getMessage().contains("U+009B"), e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
