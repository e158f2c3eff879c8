package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphsnap search}: substring, camel humps, fuzzy, ranking, --kind, --limit, --notes, --json (issue 14, item 1). */
class SearchCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;

  @BeforeEach
  void build() throws Exception {
    store = dir.resolve("store").toString();
    Path jsonl = dir.resolve("src.jsonl");
    Files.writeString(jsonl, ForgivingNamesTest.SOURCES + "\n"
        + "{\"path\": \"src/Blank.java\", \"symbols\": [{\"name\": \"org.other.Blank\", \"kind\": \"class\","
        + " \"notes\": [{\"lang\": \"en\", \"text\": \"A placeholder for nothing at all.\"}], \"metadata\": {\"owner\": \"team-zebra\"}}],"
        + " \"edges\": [{\"from\": \"org.other.Blank\", \"type\": \"references\", \"to\": \"org.example.StringUtils\"}]}\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", jsonl.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  List<String> names(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("search"));
    all.addAll(List.of(args));
    all.addAll(List.of("--store", store, "--json"));
    CliRunner r = CliRunner.run(all.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(1, r.out().strip().lines().count(), r::toString);
    List<String> names = new ArrayList<>();
    JSON.readTree(r.out()).forEach(row -> names.add(row.get("name").asText()));
    return names;
  }

  @Test
  void substringIgnoresCaseAndRanksExactSimpleNamesFirst() throws Exception {
    List<String> blank = names("blank");
    assertEquals(List.of("org.other.Blank", "org.example.StringUtils#isBlank(CharSequence)", "?#isBlank(?)"), blank,
        "exact simple name, then declared before external");
    assertEquals(List.of("org.example.StringUtils"), names("stringutils", "--kind", "class"));
    assertEquals(1, names("utils", "--limit", "1").size());
    assertEquals("org.example.StringUtils", names("utils").getFirst(), "shorter names first");
  }

  @Test
  void camelHumpsMatchWordStarts() throws Exception {
    assertEquals(List.of("org.example.StringUtils#isBlank(CharSequence)"), names("SU#iB"));
    assertTrue(names("SU").contains("org.example.StringUtils"));
  }

  @Test
  void fuzzyWhenNothingContainsTheText() throws Exception {
    CliRunner r = CliRunner.run("search", "isBlnak", "--store", store);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("org.example.StringUtils#isBlank(CharSequence)"), r::toString);
    assertTrue(r.err().contains("these are the nearest"), r::toString);
    CliRunner none = CliRunner.run("search", "qqqqqqqqqqqq", "--store", store, "--json");
    assertEquals(ExitCodes.NOT_FOUND, none.exitCode(), none::toString);
    assertEquals("[]", none.out().strip());
  }

  @Test
  void jsonRowsAndNotes() throws Exception {
    CliRunner r = CliRunner.run("search", "isBlank", "--store", store, "--json");
    JsonNode rows = JSON.readTree(r.out());
    assertEquals("{\"name\":\"org.example.StringUtils#isBlank(CharSequence)\",\"kind\":\"method\",\"file\":\"src/StringUtils.java\",\"lines\":[0,0]}",
        rows.get(0).toString());
    assertEquals("{\"name\":\"?#isBlank(?)\",\"kind\":\"external\"}", rows.get(1).toString());
    assertEquals(List.of("org.other.Blank"), names("PLACEHOLDER", "--notes"));
    assertEquals(List.of("org.other.Blank"), names("zebra", "--notes"));
    CliRunner badKind = CliRunner.run("search", "x", "--kind", "clas", "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, badKind.exitCode(), badKind::toString);
  }
}
