package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal injection: names, kinds, effects, edge types, notes and metadata holding ESC sequences, OSC-8 links,
 * C1 controls, BEL, CR and newlines reach every human-readable printer escaped ({@link TerminalText}), every
 * error message too, while {@code --json} output is unchanged and round-trips the exact values.
 */
class OutputHygieneTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RED = "\u001b[31m";
  static final String OSC8 = "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\";
  static final String CSI_C1 = "\u009b2J";

  static final String A = "evil.a" + RED + "red";
  static final String B = "evil.b" + OSC8;
  static final String C = "evil.c\nforged line\r";
  static final String D = "evil.d" + CSI_C1;
  static final String E = "evil.e\u0007";
  static final String KIND = "fn" + RED;
  static final String CALLS = "calls";
  static final String TESTS = "tests" + CSI_C1;

  @TempDir Path dir;
  String store;

  @BeforeEach
  void ingestHostileNames() throws Exception {
    store = dir.resolve("store").toString();
    Map<String, Object> evil = file("src/evil.cov", List.of(
        symbol(A, KIND, List.of("io\u0007"), List.of(Map.of("lang", "en" + RED, "text", "see " + OSC8)),
            Map.of("owner" + RED, "team" + CSI_C1)),
        symbol(B, "fn", List.of("net" + RED), List.of(), Map.of()),
        symbol(C, "fn", List.of(), List.of(), Map.of()),
        symbol(D, "test", List.of(), List.of(), Map.of()),
        symbol(E, "fn", List.of(), List.of(), Map.of())),
        List.of(edge(A, CALLS, B), edge(B, CALLS, C), edge(C, CALLS, A), edge(D, TESTS, A),
            edge(A, "references" + RED, "ext" + OSC8)));
    Map<String, Object> other = file("src/other.cov", List.of(symbol(A, "fn", List.of(), List.of(), Map.of())), List.of());
    ingest(evil, other);
    CliRunner snapshot = CliRunner.run("snapshot", "--store", store, "--ref", "one");
    assertEquals(ExitCodes.OK, snapshot.exitCode(), snapshot::toString);
    assertClean(snapshot);
    assertTrue(snapshot.err().contains("evil.a\\e[31mred: kept src/evil.cov, dropped src/other.cov"), snapshot::toString);
    assertTrue(snapshot.err().contains("references\\e[31m"), snapshot::toString);
  }

  @Test
  void queryCommandsPrintEveryValueEscaped() {
    CliRunner lookup = run("lookup", A);
    assertClean(lookup);
    assertTrue(lookup.out().contains("name      evil.a\\e[31mred"), lookup::toString);
    assertTrue(lookup.out().contains("kind      fn\\e[31m"), lookup::toString);
    assertTrue(lookup.out().contains("io\\u0007"), lookup::toString);
    assertTrue(lookup.out().contains("see \\e]8;;https://evil.example/\\e\\click\\e]8;;\\e\\"), lookup::toString);
    assertTrue(lookup.out().contains("owner\\e[31m=team\\u009B2J"), lookup::toString);
    CliRunner lookupC = run("lookup", C);
    assertClean(lookupC);
    assertTrue(lookupC.out().contains("name      evil.c\\nforged line\\r" + System.lineSeparator()), lookupC::toString);

    assertEscaped(run("neighbors", A), "evil.b\\e]8;;https://evil.example/\\e\\click");
    assertEscaped(run("neighbors", A, "--reverse"), "tests\\u009B2J");
    assertEscaped(run("query"), "evil.d\\u009B2J");
    assertEscaped(run("query", "--kind", KIND), "fn\\e[31m     evil.a\\e[31mred");
    assertEscaped(run("info"), "fn\\e[31m");
    assertEscaped(run("info"), "evil.a\\e[31mred  kept src/evil.cov, dropped src/other.cov");
    assertEscaped(run("reach", A), "evil.c\\nforged line\\r");
    assertEscaped(run("effects", A), "net\\e[31m via evil.a\\e[31mred -> evil.b\\e]8");
    assertEscaped(run("effects", A), "declared:  io\\u0007");
    assertEscaped(run("cycles"), "evil.b\\e]8");
    assertEscaped(run("path", D, C), "  -tests\\u009B2J-> evil.a\\e[31mred");
    assertEscaped(run("dead", "--kind", "fn", "--entry", D), "evil.e\\u0007");
    assertEscaped(run("pagerank"), "evil.d\\u009B2J");
    assertClean(run("verify"));
    assertClean(run("refs"));
  }

  @Test
  void diffBuildAndExportPrintEveryValueEscaped() throws Exception {
    ingest(file("src/evil.cov", List.of(symbol(A, "fn" + CSI_C1, List.of(), List.of(), Map.of()),
        symbol("evil.f" + OSC8, "fn", List.of(), List.of(), Map.of())), List.of(edge(A, CALLS + RED, E))));
    CliRunner snapshot = CliRunner.run("snapshot", "--store", store, "--ref", "two");
    assertClean(snapshot);
    CliRunner diff = run("diff", "one", "two");
    assertEscaped(diff, "+ fn evil.f\\e]8;;https://evil.example/\\e\\click\\e]8;;\\e\\");
    assertTrue(diff.out().contains("- test evil.d\\u009B2J"), diff::toString);
    assertTrue(diff.out().contains("+ edge evil.a\\e[31mred -calls\\e[31m-> evil.e\\u0007"), diff::toString);

    Path out = dir.resolve("out" + RED);
    CliRunner export = run("export", "--format", "tsv", out.toString(), "--around", A, "--max-nodes", "1");
    assertEscaped(export, "out\\e[31m");
    assertTrue(export.err().contains("the neighbourhood of evil.a\\e[31mred was cut"), export::toString);
  }

  @Test
  void errorMessagesEchoUserInputEscaped() throws Exception {
    CliRunner missing = run("lookup", "no.such" + OSC8);
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
    assertEscaped(missing, "graphsnap: not found: no.such\\e]8;;https://evil.example/\\e\\click");
    CliRunner verbose = run("lookup", "no.such" + OSC8, "--verbose");
    assertClean(verbose);
    assertTrue(verbose.err().contains("\tat "), "the stack trace keeps its lines: " + verbose);
    CliRunner badOption = run("query", "--limit", RED);
    assertEquals(ExitCodes.BAD_INPUT, badOption.exitCode(), badOption::toString);
    assertEscaped(badOption, "'\\e[31m'");
    assertTrue(badOption.err().endsWith("Try 'graphsnap query --help'." + System.lineSeparator()), badOption::toString);
    CliRunner badCommand = CliRunner.run("x" + RED);
    assertEquals(ExitCodes.BAD_INPUT, badCommand.exitCode(), badCommand::toString);
    assertEscaped(badCommand, "'x\\e[31m'");
    assertTrue(badCommand.err().endsWith("Try 'graphsnap --help'." + System.lineSeparator()), badCommand::toString);
    CliRunner badType = run("neighbors", A, "--type", "x" + CSI_C1);
    assertEscaped(badType, "unknown edge type 'x\\u009B2J'");

    Path lines = dir.resolve("bad" + RED + ".jsonl");
    Files.writeString(lines, JSON.writeValueAsString(file("src/" + OSC8 + ".cov", List.of(), List.of())) + "\n"
        + JSON.writeValueAsString(file("src/x\u009b31m.cov", List.of(), List.of())) + "\n");
    CliRunner ingest = CliRunner.run("ingest", lines.toString(), "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, ingest.exitCode(), ingest::toString);
    assertClean(ingest);
    assertTrue(ingest.err().contains("bad\\e[31m.jsonl:1: bad path: path contains a control character or backslash"
        + " (U+001B): \"src/\\u001B]8;;https://evil.example/"), ingest::toString);
    assertTrue(ingest.err().contains(":2: bad path: path contains a control character or backslash (U+009B)"),
        ingest::toString);
  }

  @Test
  void jsonOutputIsUnchangedAndCarriesTheExactValues() throws Exception {
    CliRunner lookup = run("lookup", A, "--json");
    assertEquals(ExitCodes.OK, lookup.exitCode(), lookup::toString);
    assertTrue(lookup.out().startsWith("{\"name\":\"evil.a\\u001B[31mred\",\"kind\":\"fn\\u001B[31m\""), lookup::toString);
    JsonNode doc = JSON.readTree(lookup.out());
    assertEquals(A, doc.get("name").asText());
    assertEquals("see " + OSC8, doc.get("notes").get(0).get("text").asText());
    JsonNode query = JSON.readTree(run("query", "--json").out());
    List<String> names = new ArrayList<>();
    query.forEach(n -> names.add(n.get("name").asText()));
    assertTrue(names.containsAll(List.of(A, B, C, D, E)), names::toString);
  }

  // ---------------------------------------------------------------- helpers

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  /** No control character in stdout or stderr but the line feeds and tabs of the layout itself. */
  static void assertClean(CliRunner r) {
    String all = r.out() + r.err();
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      boolean layout = c == '\n' || c == '\t' || (c == '\r' && System.lineSeparator().equals("\r\n"));
      if (TerminalText.isControl(c) && !layout) {
        fail(String.format("raw U+%04X at %d of the output of a command: %s", (int) c, i, r));
      }
    }
  }

  /** Exit 0..2, output clean, and {@code expected} printed somewhere (stdout or stderr). */
  static void assertEscaped(CliRunner r, String expected) {
    assertClean(r);
    assertTrue(r.exitCode() <= ExitCodes.BAD_INPUT, r::toString);
    assertTrue(r.out().contains(expected) || r.err().contains(expected), () -> "expected <" + expected + "> in " + r);
  }

  private void ingest(Map<?, ?>... files) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (Map<?, ?> f : files) {
      lines.append(JSON.writeValueAsString(f)).append('\n');
    }
    Path input = Files.createTempFile(dir, "input", ".jsonl");
    Files.writeString(input, lines);
    CliRunner ingest = CliRunner.run("ingest", input.toString(), "--store", store);
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest::toString);
    assertClean(ingest);
  }

  private static Map<String, Object> file(String path, List<Map<String, Object>> symbols, List<Map<String, String>> edges) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("path", path);
    f.put("language", "covenant");
    f.put("symbols", symbols);
    f.put("edges", edges);
    return f;
  }

  private static Map<String, Object> symbol(String name, String kind, List<String> effects, List<Map<String, String>> notes,
      Map<String, String> metadata) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("kind", kind);
    s.put("effects", effects);
    s.put("lines", List.of(1, 2));
    if (!notes.isEmpty()) {
      s.put("notes", notes);
    }
    if (!metadata.isEmpty()) {
      s.put("metadata", metadata);
    }
    return s;
  }

  private static Map<String, String> edge(String from, String type, String to) {
    return Map.of("from", from, "type", type, "to", to);
  }
}
