package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lines {@link JavaExtractor} records on {@code calls} edges: one per call, merged per target. */
class CallSiteLinesTest {
  /** Line numbers are those of this text (1-based), written out in the comments. */
  private static final String SOURCE = String.join("\n",
      "package p;",                                              // 1
      "import java.util.List;",                                  // 2
      "class Base {",                                            // 3
      "  Base() { }",                                            // 4
      "  Base(int x) { }",                                       // 5
      "}",                                                       // 6
      "class A extends Base {",                                  // 7
      "  A() {",                                                 // 8
      "    super(1);",                                           // 9
      "  }",                                                     // 10
      "  A(String s) {",                                         // 11
      "    this();",                                             // 12
      "  }",                                                     // 13
      "  @Deprecated",                                           // 14
      "  A(long l) {",                                           // 15
      "    int y = 0;",                                          // 16
      "  }",                                                     // 17
      "  void run(List<String> names) {",                        // 18
      "    helper();",                                           // 19
      "    helper();",                                           // 20
      "    new A();",                                            // 21
      "    names.forEach(n -> helper());",                       // 22
      "    names.stream()",                                      // 23
      "        .map(String::trim)",                              // 24
      "        .count();",                                       // 25
      "    helper(); helper();",                                 // 26
      "  }",                                                     // 27
      "  void helper() { }",                                     // 28
      "}",                                                       // 29
      "class B extends Base { }",                                // 30
      "");

  private static FileSummary extract(String source) throws Exception {
    return new JavaExtractor().extract("p/A.java", source.getBytes(StandardCharsets.UTF_8));
  }

  /** Target → lines of the {@code calls} edges of {@code source}. */
  private static Map<String, int[]> calls(FileSummary s, String source) {
    Map<String, int[]> out = new TreeMap<>();
    for (EdgeSummary e : s.edges()) {
      if (e.type().equals("calls") && s.symbols().get(e.source()).name().equals(source)) {
        out.put(e.target(), e.lines());
      }
    }
    return out;
  }

  private static void assertLines(Map<String, int[]> calls, String target, int... lines) {
    assertTrue(calls.containsKey(target), "no call to " + target + " in " + calls.keySet());
    assertArrayEquals(lines, calls.get(target), "lines of the call to " + target + ": " + Arrays.toString(calls.get(target)));
  }

  @Test
  void everyCallHasItsLineAndRepeatedCallsMerge() throws Exception {
    Map<String, int[]> run = calls(extract(SOURCE), "p.A#run(List)");
    assertLines(run, "p.A#helper()", 19, 20, 22, 26); // twice on line 26: one line; the lambda's call is run's
    assertLines(run, "p.A#<init>()", 21);
    assertLines(run, "java.lang.Iterable#forEach(Consumer)", 22);
    assertLines(run, "java.util.Collection#stream()", 23);
    assertLines(run, "java.util.stream.Stream#map(Function)", 24); // a chain split over lines: each call its own line
    assertLines(run, "java.util.stream.Stream#count()", 25);
    assertLines(run, "java.lang.String#trim()", 24); // a method reference, on its line
  }

  @Test
  void constructorChainsHaveTheirLines() throws Exception {
    FileSummary s = extract(SOURCE);
    assertLines(calls(s, "p.A#<init>()"), "p.Base#<init>(int)", 9);
    assertLines(calls(s, "p.A#<init>(String)"), "p.A#<init>()", 12);
    assertLines(calls(s, "p.A#<init>(long)"), "p.Base#<init>()", 14); // implicit super(): the constructor's first line
    assertLines(calls(s, "p.B#<init>()"), "p.Base#<init>()", 30); // a default constructor: its class's line
  }

  @Test
  void onlyCallsCarryLines() throws Exception {
    for (EdgeSummary e : extract(SOURCE).edges()) {
      if (!e.type().equals("calls")) {
        assertEquals(0, e.lineCount(), e.toString());
      }
    }
  }

  @Test
  void movingACallDownOneLineChangesTheObject() throws Exception {
    FileSummary before = extract(SOURCE);
    // the calls move down one line; every symbol keeps its lines (run still ends on line 27)
    FileSummary after = extract(SOURCE.replace("    helper(); helper();\n  }\n", "\n    helper(); helper();  }\n"));
    assertLines(calls(after, "p.A#run(List)"), "p.A#helper()", 19, 20, 22, 27);
    assertEquals(Fixtures.symbol(before, "p.A#helper()").lineStart(), Fixtures.symbol(after, "p.A#helper()").lineStart());
    assertNotEquals(before, after);
    byte[] a = LooseObjectCodec.encode(before);
    byte[] b = LooseObjectCodec.encode(after);
    assertTrue(!Arrays.equals(a, b), "a line-only edit gives another object");
    assertEquals(after, LooseObjectCodec.decode(b, "after"));
  }
}
