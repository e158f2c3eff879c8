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

/** Every NAME argument accepts unique partial names, normalises parameter lists, and explains failures (issue 14, item 2). */
class ForgivingNamesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String SOURCES = String.join("\n",
      "{\"path\": \"src/StringUtils.java\", \"symbols\": ["
          + "{\"name\": \"org.example\", \"kind\": \"package\"},"
          + "{\"name\": \"org.example.StringUtils\", \"kind\": \"class\"},"
          + "{\"name\": \"org.example.StringUtils#StringUtils()\", \"kind\": \"constructor\"},"
          + "{\"name\": \"org.example.StringUtils#isBlank(CharSequence)\", \"kind\": \"method\"},"
          + "{\"name\": \"org.example.StringUtils#join(Object[],char)\", \"kind\": \"method\"},"
          + "{\"name\": \"org.example.StringUtils#join(Iterable,String)\", \"kind\": \"method\"},"
          + "{\"name\": \"org.example.StringUtils#format(String,Object...)\", \"kind\": \"method\"}],"
          + "\"edges\": [{\"from\": \"org.example.StringUtils#isBlank(CharSequence)\", \"type\": \"calls\", \"to\": \"?#isBlank(?)\"},"
          + "{\"from\": \"org.example.StringUtils#join(Object[],char)\", \"type\": \"calls\", \"to\": \"org.example.StringUtils#isBlank(CharSequence)\"}]}",
      "{\"path\": \"src/App.java\", \"symbols\": ["
          + "{\"name\": \"org.example.App\", \"kind\": \"class\"},"
          + "{\"name\": \"org.example.App#main(String[])\", \"kind\": \"method\"}],"
          + "\"edges\": [{\"from\": \"org.example.App#main(String[])\", \"type\": \"calls\", \"to\": \"org.example.StringUtils#join(Object[],char)\"}]}");

  @TempDir Path dir;
  String store;

  @BeforeEach
  void build() throws Exception {
    store = dir.resolve("store").toString();
    Path jsonl = dir.resolve("src.jsonl");
    Files.writeString(jsonl, SOURCES + "\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", jsonl.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  String lookedUp(String name) throws Exception {
    CliRunner r = run("lookup", name, "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    return JSON.readTree(r.out()).get("name").asText();
  }

  @Test
  void uniquePartialNamesResolve() throws Exception {
    assertEquals("org.example.StringUtils", lookedUp("StringUtils"));
    assertEquals("org.example.StringUtils", lookedUp("example.StringUtils"));
    assertEquals("org.example.StringUtils#isBlank(CharSequence)", lookedUp("StringUtils#isBlank"));
    assertEquals("org.example.StringUtils#isBlank(CharSequence)", lookedUp("isBlank"), "declared wins over ?#isBlank(?)");
    assertEquals("org.example.StringUtils#isBlank(CharSequence)", lookedUp("isBlank(CharSequence)"));
    assertEquals("org.example.App#main(String[])", lookedUp("App#main"));
  }

  @Test
  void parameterListsAreNormalised() throws Exception {
    assertEquals("org.example.StringUtils#join(Object[],char)", lookedUp("org.example.StringUtils#join(Object[], char)"));
    assertEquals("org.example.StringUtils#join(Object[],char)", lookedUp("StringUtils#join(java.lang.Object[] , char)"));
    assertEquals("org.example.StringUtils#join(Iterable,String)", lookedUp("join(Iterable<? extends CharSequence>, java.lang.String)"));
    assertEquals("org.example.StringUtils#format(String,Object...)", lookedUp("StringUtils#format(String, Object[])"));
    assertEquals("org.example.App#main(String[])", lookedUp("org.example.App#main(java.lang.String...)"));
  }

  @Test
  void everyNameArgumentIsForgiving() throws Exception {
    assertEquals(ExitCodes.OK, run("neighbors", "App#main").exitCode());
    assertEquals(ExitCodes.OK, run("reach", "App#main", "--count").exitCode());
    assertEquals(ExitCodes.OK, run("effects", "isBlank").exitCode());
    CliRunner path = run("path", "App#main", "isBlank", "--json");
    assertEquals(ExitCodes.OK, path.exitCode(), path::toString);
    assertEquals(2, JSON.readTree(path.out()).get("length").asInt());
    assertEquals(ExitCodes.OK, run("dead", "--kind", "method", "--entry", "App#main").exitCode());
    assertEquals(ExitCodes.OK, run("pagerank", "--seed", "App#main").exitCode());
  }

  @Test
  void ambiguousNamesListEveryCandidate() throws Exception {
    CliRunner r = run("lookup", "StringUtils#join");
    assertEquals(ExitCodes.NOT_FOUND, r.exitCode(), r::toString);
    assertTrue(r.err().contains("ambiguous: StringUtils#join matches 2 symbols"), r::toString);
    assertTrue(r.err().contains("  org.example.StringUtils#join(Iterable,String)\n")
        && r.err().contains("  org.example.StringUtils#join(Object[],char)\n"), r::toString);
    CliRunner json = run("neighbors", "join", "--json");
    assertEquals(ExitCodes.NOT_FOUND, json.exitCode(), json::toString);
    assertEquals(1, json.out().strip().lines().count(), json::toString);
    JsonNode doc = JSON.readTree(json.out());
    assertEquals("ambiguous", doc.get("error").asText());
    assertEquals("[\"org.example.StringUtils#join(Iterable,String)\",\"org.example.StringUtils#join(Object[],char)\"]",
        doc.get("candidates").toString());
    assertEquals(2, doc.size(), "exactly {error, candidates}");
  }

  @Test
  void unknownNamesSuggestWhatWasMeant() throws Exception {
    CliRunner r = run("lookup", "StringUtils#isBlnk");
    assertEquals(ExitCodes.NOT_FOUND, r.exitCode(), r::toString);
    assertTrue(r.err().contains("not found: StringUtils#isBlnk\ndid you mean:\n  org.example.StringUtils#isBlank(CharSequence)"), r::toString);
    CliRunner json = run("reach", "Utils", "--json");
    assertEquals(ExitCodes.NOT_FOUND, json.exitCode(), json::toString);
    JsonNode doc = JSON.readTree(json.out());
    assertEquals("not found", doc.get("error").asText());
    assertEquals("org.example.StringUtils", doc.get("candidates").get(0).asText(), doc::toString);
    CliRunner nothing = run("lookup", "zzzzzzzz", "--json");
    assertEquals("{\"error\":\"not found\",\"candidates\":[]}", nothing.out().strip());
  }
}
