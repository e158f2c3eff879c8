package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLineParser} (the byte-level {@link LineScanner}, the Jackson-based {@link JacksonLineParser} for what it
 * does not take) answers every line as the reference parser alone does: the same loose object bytes and expectation
 * for a good line, the same message and path for a bad one. Seeded random lines of the grammar with every kind of
 * mistake, then byte-level damage (truncation, stray bytes, bad UTF-8).
 */
class LineScannerDifferentialTest {
  private static final JacksonLineParser REFERENCE = new JacksonLineParser();
  private static final JsonLineParser PARSER = new JsonLineParser();
  private static final String[] NAMES = {"a", "b.c", "auth.login", "x", "é.ü", "中文", "😀", "a b"};
  private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  /** The outcome of one parse, comparable: the object's bytes and expectation, or the error. */
  private record Outcome(String kind, String path, String expect, byte[] object, String error) {
    static Outcome of(JsonLineParserCall call, byte[] line) {
      try {
        ParsedLine parsed = call.parse(line, line.length);
        String expect = String.valueOf(parsed.expect());
        if (parsed instanceof ParsedLine.Put put) {
          return new Outcome("put", put.path(), expect, put.file().objectBytes(), null);
        }
        if (parsed instanceof ParsedLine.Unstorable unstorable) { // e.g. a lone surrogate in a path
          return new Outcome("unstorable", unstorable.path(), expect, null, unstorable.message());
        }
        return new Outcome("delete", parsed.path(), expect, null, null);
      } catch (LineException e) {
        return new Outcome("error", e.path(), null, null, e.getMessage());
      }
    }

    void assertSame(Outcome other, String line) {
      String why = "line: " + line;
      assertEquals(kind, other.kind, why);
      assertEquals(path, other.path, why);
      assertEquals(expect, other.expect, why);
      assertEquals(error, other.error, why);
      assertArrayEquals(object, other.object, why);
    }
  }

  @FunctionalInterface
  private interface JsonLineParserCall {
    ParsedLine parse(byte[] bytes, int length) throws LineException;
  }

  @Test
  void randomLinesGetTheReferenceAnswer() {
    Random random = new Random(20_2612_04L);
    int scanned = 0;
    int ranges = 0;
    int good = 0;
    int lines = 30_000;
    for (int i = 0; i < lines; i++) {
      Generator g = new Generator(random, random.nextInt(4) == 0 ? 0.05 : 0);
      byte[] line = g.line();
      if (random.nextInt(5) == 0) {
        line = damage(random, line);
      }
      Outcome reference = Outcome.of(REFERENCE::parse, line);
      Outcome parsed = Outcome.of(PARSER::parse, line);
      reference.assertSame(parsed, new String(line, StandardCharsets.UTF_8));
      ParsedLine fast = LineScanner.scan(line, line.length);
      if (fast != null) {
        scanned++;
        assertTrue(!reference.kind.equals("error"), "the scanner took a bad line: " + new String(line,
            StandardCharsets.UTF_8) + "\n" + reference.error);
      }
      if (takenAsRanges(line, reference)) {
        ranges++;
      }
      if (!reference.kind.equals("error")) {
        good++;
      }
    }
    // the generator makes a good share of good lines, and the scanner takes nearly all of them (it gives up only on
    // escapes in field names and on UTF-8 that is not well-formed, which the generator makes rarely); edges as byte
    // ranges take a share of them (plain strings, symbols first, edges in order)
    assertTrue(good > lines / 5, good + " good lines of " + lines);
    assertTrue(scanned > good * 9 / 10, "the scanner took " + scanned + " of " + good + " good lines");
    assertTrue(ranges > good / 10, "byte ranges took " + ranges + " of " + good + " good lines");
  }

  /**
   * Whether {@link LineScanner#scanRaw} took the line (read its edges as byte ranges); when it did, or refused the
   * line, its answer is the reference's.
   */
  private static boolean takenAsRanges(byte[] line, Outcome reference) {
    ParsedLine raw;
    try {
      raw = LineScanner.scanRaw(line, line.length);
    } catch (LineScanner.NeedsStrings e) {
      return false;
    }
    String text = new String(line, StandardCharsets.UTF_8);
    if (raw == null) {
      assertNull(LineScanner.scanStrings(line, line.length), "refused as ranges, taken as Strings: " + text);
      return false;
    }
    assertEquals(reference.kind, raw instanceof ParsedLine.Put ? "put" : "delete", text);
    assertEquals(reference.path, raw.path(), text);
    assertEquals(reference.expect, String.valueOf(raw.expect()), text);
    if (raw instanceof ParsedLine.Put put) {
      assertArrayEquals(reference.object, put.file().objectBytes(), text);
    }
    return true;
  }

  /** Lines whose edges the byte ranges take, and lines they leave to the Strings: the same answer either way. */
  @Test
  void edgesAsByteRangesGiveTheSameObjectOrLeaveTheLine() {
    String symbols = "\"symbols\":[{\"name\":\"p.A\",\"kind\":\"class\",\"effects\":[\"net\",\"db\",\"net\"]},"
        + "{\"name\":\"p.A#m\",\"kind\":\"method\",\"lines\":[3,9]}]";
    String inOrder = "\"edges\":[{\"from\":\"p.A\",\"type\":\"contains\",\"to\":\"p.A#m\"},"
        + "{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"q.B#n\",\"lines\":[7,4,7],\"line\":5},"
        + "{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"q.B#n2\"},"
        + "{\"to\":\"q.C\",\"from\":\"p.A#m\",\"type\":\"references\"}]";
    String[] taken = {
        "{\"path\":\"./src//A.java\",\"language\":\"java\"," + symbols + "," + inOrder + "}",
        "{\"path\":\"A.java\",\"sha256\":\"" + HASH + "\",\"expect\":\"none\"," + symbols + ",\"edges\":[]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":null}",
        "{\"path\":\"A.java\",\"deleted\":true}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\"q\u007f\"}]}",
    };
    String[] leftToStrings = {
        "{\"path\":\"A.java\"," + inOrder + "," + symbols + "}", // edges before symbols
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"b\"},"
            + "{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"a\"}]}", // out of order
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"a\"},"
            + "{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"a\",\"line\":3}]}", // stated twice: merged
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A#m\",\"type\":\"calls\",\"to\":\"a\"},"
            + "{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\"a\"}]}", // sources out of order
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\"é\"}]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"c\\u0061lls\",\"to\":\"x\"}]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\"x\\u0000\"}]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"\",\"to\":\"x\"}]}",
        "{\"path\":\"A.java\",\"symbols\":[{\"name\":\"a\",\"kind\":\"fn\"},{\"name\":\"a\",\"kind\":\"fn\"}],"
            + "\"edges\":[]}", // a symbol twice: refused, by the String reading
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\""
            + "x".repeat(4_097) + "\"}]}", // a target over the name limit: refused, by the String reading
    };
    String[] refused = {
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"nobody\",\"type\":\"calls\",\"to\":\"x\"}]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\",\"to\":\"x\",\"line\":0}]}",
        "{\"path\":\"A.java\"," + symbols + ",\"edges\":[{\"from\":\"p.A\",\"type\":\"calls\"}]}",
        "{\"path\":\"A.java\",\"deleted\":true,\"edges\":[]}",
        "{\"path\":\"../A.java\"," + symbols + "}",
    };
    for (String line : taken) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      Outcome reference = Outcome.of(REFERENCE::parse, bytes);
      assertEquals(reference.kind.equals("put") || reference.kind.equals("delete"), true, line + ": " + reference.error);
      assertTrue(takenAsRanges(bytes, reference), line);
      reference.assertSame(Outcome.of(PARSER::parse, bytes), line);
    }
    for (String line : leftToStrings) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      assertThrows(LineScanner.NeedsStrings.class, () -> LineScanner.scanRaw(bytes, bytes.length), line);
      Outcome.of(REFERENCE::parse, bytes).assertSame(Outcome.of(PARSER::parse, bytes), line);
    }
    for (String line : refused) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      Outcome reference = Outcome.of(REFERENCE::parse, bytes);
      assertEquals("error", reference.kind, line);
      assertFalse(takenAsRanges(bytes, reference), line);
      reference.assertSame(Outcome.of(PARSER::parse, bytes), line);
    }
  }

  @Test
  void plainGoodLinesAreTakenByTheScanner() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      Generator g = new Generator(random, 0);
      g.plain = true;
      byte[] line = g.line();
      Outcome reference = Outcome.of(REFERENCE::parse, line);
      if (!reference.kind.equals("error") && !reference.kind.equals("unstorable")) { // unstorable: Jackson's to word
        assertNotNull(LineScanner.scan(line, line.length), new String(line, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void examplesOfTheGrammarAgree() {
    String[] lines = {
        JsonLinesIngesterTest.EXAMPLE.split("\n")[0],
        "{\"path\":\"a\"}",
        " \t{ \"path\" : \"./a//b/\" , \"deleted\" : true , \"expect\" : \"none\" } \r",
        "{\"path\":\"a\",\"deleted\":null,\"language\":null,\"sha256\":null,\"symbols\":null,\"edges\":null}",
        "{\"path\":\"a\",\"deleted\":true,\"symbols\":[]}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[-0,0]}]}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[1,2147483647]}]}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[1,2147483648]}]}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[1,2.0]}]}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[01,2]}]}",
        "{\"path\":\"a\",\"edges\":[{\"from\":\"n\",\"type\":\"t\",\"to\":\"x\",\"line\":3,\"lines\":[3,1]}],"
            + "\"symbols\":[{\"name\":\"n\",\"kind\":\"k\"}]}",
        "{\"p\\u0061th\":\"a\"}",
        "\uFEFF{\"path\":\"a\"}",
        "{\"path\":\"a\\u00e9\\ud83d\\ude00\\/\\\"\"}",
        "{\"path\":\"a\\ud800\"}",
        "{\"path\":\"a\",\"path\":\"b\"}",
        "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"metadata\":{\"k\":\"1\",\"k\":\"2\"}}]}",
        "{\"path\":\"a\"} x",
        "{\"path\":\"a\"}{}",
        "{\"path\":\"a\",}",
        "{\"path\":\"a\",\"deleted\":truex}",
        "[]",
        "",
    };
    for (String line : lines) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      Outcome.of(REFERENCE::parse, bytes).assertSame(Outcome.of(PARSER::parse, bytes), line);
    }
    byte[] first = lines[0].getBytes(StandardCharsets.UTF_8);
    assertNotNull(LineScanner.scan(first, first.length), "the scanner takes the README's example");
  }

  @Test
  void hostileLinesGetClearErrorsWithoutExhaustingTheStack() {
    String deep = "{\"path\":\"a\",\"symbols\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
    String deepObject = "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"metadata\":"
        + "{\"k\":".repeat(100_000) + "\"v\"" + "}".repeat(100_000) + "}]}";
    String hugeNumber = "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[1,"
        + "9".repeat(500_000) + "]}]}";
    String hugeExponent = "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"lines\":[1,1e999999999]}]}";
    String giantString = "{\"path\":\"a\",\"symbols\":[{\"name\":\"n\",\"kind\":\"k\",\"notes\":[{\"lang\":\"en\","
        + "\"text\":\"" + "é".repeat(3 << 20) + "\"}]}]}";
    String[][] cases = {
        {deep, "nesting depth"},
        {deepObject, "nesting depth"},
        {hugeNumber, "Number value length (500000) exceeds"},
        {hugeExponent, "symbols[0].lines"},
        {giantString, "longer than"},
    };
    for (String[] c : cases) {
      byte[] bytes = c[0].getBytes(StandardCharsets.UTF_8);
      assertNull(LineScanner.scan(bytes, bytes.length));
      LineException e = assertThrows(LineException.class, () -> PARSER.parse(bytes, bytes.length));
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
      assertEquals(Outcome.of(REFERENCE::parse, bytes).error, e.getMessage());
    }
  }

  @Test
  void aGoodLineOfNonAsciiNamesIsTakenAndDecodedAsJacksonDoes() throws Exception {
    String line = "{\"path\":\"dir/é中😀.cov\",\"symbols\":[{\"name\":\"é.中\",\"kind\":\"fn\",\"effects\":[\"😀\"],"
        + "\"notes\":[{\"lang\":\"en\",\"text\":\"tab\\there\\u00e9 \\ud83d\\ude00\"}]}]}";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    ParsedLine.Put put = assertInstanceOf(ParsedLine.Put.class, LineScanner.scan(bytes, bytes.length));
    assertEquals("dir/é中😀.cov", put.path());
    assertEquals("tab\there\u00e9 \ud83d\ude00", put.file().symbols().get(0).notes().get(0).text());
    assertArrayEquals(((ParsedLine.Put) REFERENCE.parse(bytes, bytes.length)).file().objectBytes(),
        put.file().objectBytes());
  }

  /** Byte-level damage: truncation, a stray or doubled byte, bad UTF-8, a chunk repeated. */
  private static byte[] damage(Random random, byte[] line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = line.length == 0 ? 0 : random.nextInt(line.length);
    byte[][] stray = {{0}, {0x0b}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {'"'}, {'\\'}, {','}, {'{'},
        {'}'}, {']'}, {'['}, {':'}, {'-'}, {'.'}, {'e'}, {'0'}, {(byte) 0xC3}, {(byte) 0xFF}, {'/'}, {'\f'},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC2, (byte) 0xA9}};
    switch (random.nextInt(4)) {
      case 0 -> out.write(line, 0, at); // truncated
      case 1 -> { // a stray sequence inserted
        out.write(line, 0, at);
        out.writeBytes(stray[random.nextInt(stray.length)]);
        out.write(line, at, line.length - at);
      }
      case 2 -> { // a byte dropped
        out.write(line, 0, at);
        if (at + 1 < line.length) {
          out.write(line, at + 1, line.length - at - 1);
        }
      }
      default -> { // a chunk repeated
        int length = Math.min(line.length - at, 1 + random.nextInt(12));
        out.write(line, 0, at + length);
        out.write(line, at, line.length - at);
      }
    }
    return out.toByteArray();
  }

  /**
   * Writes one random line of the grammar: fields in random order with random whitespace, optional fields left out
   * or null, strings with random escapes and non-ASCII characters; with probability {@code mistakes} per choice, a
   * mistake (a wrong type, an unknown or repeated field, a bad number, a bad hash, a missing name...).
   */
  private static final class Generator {
    private final Random random;
    private final double mistakes;
    private final StringBuilder out = new StringBuilder();
    /** Plain writing only: no escape in a field name (the scanner gives such lines up). */
    boolean plain;

    Generator(Random random, double mistakes) {
      this.random = random;
      this.mistakes = mistakes;
    }

    byte[] line() {
      ws();
      if (mistake()) {
        out.append(random.nextBoolean() ? "[]" : "\"x\"");
        return out.toString().getBytes(StandardCharsets.UTF_8);
      }
      boolean deleted = random.nextInt(8) == 0;
      java.util.List<Runnable> fields = new java.util.ArrayList<>();
      if (!mistake()) {
        fields.add(() -> field("path", () -> string(path())));
      }
      if (deleted) {
        fields.add(() -> field("deleted", () -> out.append(mistake() ? "\"yes\"" : "true")));
      } else if (random.nextInt(6) == 0) {
        fields.add(() -> field("deleted", () -> out.append(random.nextBoolean() ? "false" : "null")));
      }
      if (random.nextInt(4) == 0) {
        fields.add(() -> field("expect", () -> string(random.nextBoolean() ? "none" : mistake() ? "abc" : hash())));
      }
      if (!deleted || mistake()) {
        if (random.nextBoolean()) {
          fields.add(() -> field("language", () -> nullOr(() -> string(random.nextBoolean() ? "java" : name()))));
        }
        if (random.nextInt(3) == 0) {
          fields.add(() -> field("sha256", () -> nullOr(() -> string(hash()))));
        }
        if (random.nextInt(5) != 0) {
          fields.add(() -> field("symbols", () -> nullOr(() -> array(random.nextInt(5), this::symbol))));
        }
        if (random.nextInt(3) != 0) {
          fields.add(() -> field("edges", () -> nullOr(() -> array(random.nextInt(6), this::edge))));
        }
      }
      if (mistake()) {
        fields.add(() -> field(random.nextBoolean() ? "extra" : "path", () -> string("x")));
      }
      object(fields);
      ws();
      if (mistake()) {
        out.append(random.nextBoolean() ? "{}" : "x");
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void symbol() {
      java.util.List<Runnable> fields = new java.util.ArrayList<>();
      if (!mistake()) {
        fields.add(() -> field("name", () -> string(NAMES[random.nextInt(NAMES.length)])));
      }
      if (!mistake()) {
        fields.add(() -> field("kind", () -> string(random.nextBoolean() ? "fn" : name())));
      }
      if (random.nextBoolean()) {
        fields.add(() -> field("effects", () -> nullOr(() -> array(random.nextInt(4), () -> string(name())))));
      }
      if (random.nextBoolean()) {
        fields.add(() -> field("lines", () -> nullOr(() -> {
          int a = random.nextInt(50);
          array(mistake() ? 3 : 2, () -> number(a + random.nextInt(3)));
        })));
      }
      if (random.nextInt(4) == 0) {
        fields.add(() -> field("hash", () -> nullOr(() -> string(hash()))));
      }
      if (random.nextInt(3) == 0) {
        fields.add(() -> field("notes", () -> nullOr(() -> array(random.nextInt(3), () -> object(java.util.List.of(
            () -> field("lang", () -> string(mistake() ? "" : "en")),
            () -> field("text", () -> string(text()))))))));
      }
      if (random.nextInt(3) == 0) {
        fields.add(() -> field("metadata", () -> nullOr(() -> {
          java.util.List<Runnable> entries = new java.util.ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            entries.add(() -> field(random.nextInt(5) == 0 ? "k" : name(), () -> string(text())));
          }
          object(entries);
        })));
      }
      if (mistake()) {
        fields.add(() -> field("nme", () -> string("x")));
      }
      object(fields);
    }

    private void edge() {
      java.util.List<Runnable> fields = new java.util.ArrayList<>();
      if (!mistake()) {
        fields.add(() -> field("from", () -> string(NAMES[random.nextInt(NAMES.length)])));
      }
      if (!mistake()) {
        fields.add(() -> field("type", () -> string(random.nextBoolean() ? "calls" : name())));
      }
      if (!mistake()) {
        fields.add(() -> field("to", () -> string(name())));
      }
      if (random.nextBoolean()) {
        fields.add(() -> field("line", () -> number(1 + random.nextInt(40))));
      }
      if (random.nextBoolean()) {
        fields.add(() -> field("lines", () -> array(random.nextInt(5), () -> number(1 + random.nextInt(20)))));
      }
      object(fields);
    }

    private boolean mistake() {
      return mistakes > 0 && random.nextDouble() < mistakes;
    }

    private void nullOr(Runnable value) {
      if (random.nextInt(6) == 0) {
        out.append("null");
      } else {
        value.run();
      }
    }

    private void object(java.util.List<Runnable> fields) {
      java.util.List<Runnable> shuffled = new java.util.ArrayList<>(fields);
      java.util.Collections.shuffle(shuffled, random);
      if (mistake() && !shuffled.isEmpty()) {
        shuffled.add(shuffled.get(0)); // a field twice
      }
      out.append('{');
      for (int i = 0; i < shuffled.size(); i++) {
        if (i > 0) {
          ws();
          out.append(',');
        }
        ws();
        shuffled.get(i).run();
      }
      ws();
      if (mistake()) {
        out.append(',');
      }
      out.append('}');
    }

    private void array(int n, Runnable element) {
      out.append('[');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          ws();
          out.append(',');
        }
        ws();
        element.run();
      }
      ws();
      out.append(']');
    }

    private void field(String name, Runnable value) {
      if (!plain && random.nextInt(50) == 0) {
        string(name); // may escape some characters: still the field
      } else {
        out.append('"').append(name).append('"');
      }
      ws();
      out.append(':');
      ws();
      if (mistake()) {
        String[] wrong = {"1", "\"s\"", "true", "[]", "{}", "null", "-1.5"};
        out.append(wrong[random.nextInt(wrong.length)]);
      } else {
        value.run();
      }
    }

    private void number(int n) {
      if (mistake()) {
        String[] bad = {"01", "1.0", "1e2", "-", "2147483648", "-2147483649", "99999999999", "1.", ".5", "+1", "0x10",
            "NaN", "-0", "0", "-2147483648", "1E0"};
        out.append(bad[random.nextInt(bad.length)]);
      } else if (n == 0 && random.nextBoolean()) {
        out.append("-0");
      } else {
        out.append(n);
      }
    }

    private void ws() {
      String[] spaces = {"", "", "", " ", "  ", "\t", "\r", " \r\n "};
      out.append(spaces[random.nextInt(spaces.length)]);
    }

    private String path() {
      String[] paths = {"src/a.cov", "./src//b.cov/", "a", "x/y/z.java", "dir/é中😀.cov", "/abs", "a/../b", "",
          "c:/x", "a\\b", "tab\there", ".", "a/./b"};
      return paths[random.nextInt(mistake() ? paths.length : 5)];
    }

    private String name() {
      String[] names = {"calls", "io", "net", "db", "é", "中", "😀", "a.b", "x-y", "", "nul\0"};
      return names[random.nextInt(mistake() ? names.length : 9)];
    }

    private String text() {
      String[] texts = {"", "Checks a password.", "line\nbreak", "quote \" and \\ slash /", "tab\t", "é中😀", "bs\b ff\f ©",
          "\u0001ctl", "\ud800lone", "long " + "x".repeat(random.nextInt(300))};
      return texts[random.nextInt(mistake() ? texts.length : 8)];
    }

    private String hash() {
      StringBuilder h = new StringBuilder(HASH);
      if (random.nextBoolean()) {
        h.setCharAt(random.nextInt(64), Character.toUpperCase(h.charAt(random.nextInt(64))));
        return h.toString().toUpperCase(java.util.Locale.ROOT);
      }
      if (mistake()) {
        return random.nextBoolean() ? HASH.substring(1) : HASH.substring(1) + "g";
      }
      return HASH;
    }

    /** A JSON string: each character raw or escaped at random (control characters always escaped unless a mistake). */
    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int pick = random.nextInt(12);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20 && !(mistake() && pick == 0)) {
          String shortForm = switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> null;
          };
          out.append(shortForm != null && pick < 6 ? shortForm : String.format("\\u%04x", (int) c));
        } else if (pick == 0) {
          out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        } else if (c == '/' && pick == 1) {
          out.append("\\/");
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
  }
}
