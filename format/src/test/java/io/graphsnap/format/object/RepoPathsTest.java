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
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../b", "a/..", "C:/win", "./C:/win", ".//a:x", "a\\b", "a\0b", "a/\nb", ".", "./",
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

  /** The definition isNormal's one-pass scan must agree with: what normalise did before its fast path. */
  private static String normaliseBySplitting(String path) {
    if (path.isEmpty() || path.startsWith("/")
        || path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
      return null;
    }
    StringBuilder normal = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") || segment.chars().anyMatch(c -> RepoPaths.isControl((char) c) || c == '\\')) {
        return null;
      }
      normal.append(normal.isEmpty() ? "" : "/").append(segment);
    }
    String r = normal.toString();
    return r.isEmpty() || r.length() >= 2 && r.charAt(1) == ':' && Character.isLetter(r.charAt(0)) || r.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES ? null : r;
  }

  /** Found by the loose-object fuzzer: normalise once returned "a:x" for "./a:x", which isNormal rejects. */
  @Test
  void aDriveLetterBehindALeadingDotSegmentIsRejected() {
    InvalidSummaryException e = assertThrows(InvalidSummaryException.class, () -> RepoPaths.normalise("./a:uod.th"));
    assertTrue(e.getMessage().contains("drive letter"), e.getMessage());
    assertEquals("b/a:x", RepoPaths.normalise("./b/a:x"));
    assertTrue(RepoPaths.isNormal("b/a:x"));
  }

  @Test
  void isNormalAgreesWithNormalisingBySplitting() {
    java.util.Random random = new java.util.Random(13);
    char[] alphabet = {'a', 'b', '.', '.', '/', '/', '\\', ':', 'C', '\u0001', '\u009b', '\u00e9', '\u20ac', ' '};
    for (int round = 0; round < 200_000; round++) {
      int length = random.nextInt(round % 1000 == 0 ? Limits.MAX_PATH_BYTES + 8 : 9);
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        b.append(round % 1000 == 0 && random.nextInt(8) > 0 ? 'x' : alphabet[random.nextInt(alphabet.length)]);
      }
      String path = (round % 5 == 0 ? "./" : "") + b;
      String expected = normaliseBySplitting(path);
      assertEquals(path.equals(expected), RepoPaths.isNormal(path), () -> "isNormal of \"" + path + "\"");
      if (expected == null) {
        assertThrows(InvalidSummaryException.class, () -> RepoPaths.normalise(path), () -> "normalise of " + path);
      } else {
        assertEquals(expected, RepoPaths.normalise(path));
      }
    }
  }
}
