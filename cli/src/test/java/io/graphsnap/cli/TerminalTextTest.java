package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal escaping every human-readable printer uses ({@link TerminalText}). */
class TerminalTextTest {
  @Test
  void leavesPrintableTextAlone() {
    String plain = "java.util.ArrayList#add(int,Object) é ∑ \uD83D\uDE00 back\\slash";
    assertSame(plain, TerminalText.escape(plain));
    assertEquals("null", TerminalText.escape(null));
  }

  @Test
  void escapesC0DelAndC1Visibly() {
    assertEquals("a\\e[31mb", TerminalText.escape("a\u001b[31mb"));
    assertEquals("\\e]8;;https://x/\\e\\click\\e]8;;\\e\\", TerminalText.escape("\u001b]8;;https://x/\u001b\\click\u001b]8;;\u001b\\"));
    assertEquals("one\\ntwo\\rthree\\tfour", TerminalText.escape("one\ntwo\rthree\tfour"));
    assertEquals("\\u0000\\u0007\\u007F\\u0080\\u009B2J\\u009F", TerminalText.escape("\0\u0007\u007f\u0080\u009b2J\u009f"));
    assertEquals("\u00a0\u00ff", TerminalText.escape("\u00a0\u00ff"), "U+00A0 and above are not controls");
    for (int i = 0; i < 0x100; i++) {
      char c = (char) i;
      assertEquals(c < 0x20 || (c >= 0x7f && c <= 0x9f), TerminalText.isControl(c), () -> "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void formatEscapesTextArgumentsButNotNumbersOrTheFormat() {
    assertEquals("  1,234  fn\\e[0m  [a\\nb]\n",
        TerminalText.format("  %,d  %s  %s%n", 1234, "fn\u001b[0m", List.of("a\nb")).replace(System.lineSeparator(), "\n"));
    assertEquals("0\tx", TerminalText.format("%d\t%s", 0, "x"));
    assertEquals("true 1.500000e+00", TerminalText.format("%s %e", true, 1.5));
  }

  @Test
  void escapeLinesKeepsLineStructure() {
    String trace = "io.graphsnap.cli.CliException: not found: a\u001b[2Jb\n\tat X.y(X.java:1)\n";
    String shown = TerminalText.escapeLines(trace);
    assertEquals("io.graphsnap.cli.CliException: not found: a\\e[2Jb\n\tat X.y(X.java:1)\n", shown);
    assertFalse(shown.chars().anyMatch(c -> c == 0x1b));
    assertTrue(TerminalText.escapeLines("\r\u009b").equals("\\r\\u009B"));
  }
}
