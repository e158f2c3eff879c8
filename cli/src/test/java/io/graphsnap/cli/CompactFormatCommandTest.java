package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format fixed|compact}: the choice is kept by later builds that do not name one, a change of format builds
 * the whole snapshot, a bad word exits 2 before any work, a layer over a compact build falls back to a whole
 * snapshot and says so, and both formats answer every command alike.
 */
class CompactFormatCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The adjacency {@code info --json} reports for the store's HEAD. */
  static String adjacency(String store) {
    CliRunner r = CliRunner.run("info", "--store", store, "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    try {
      return JSON.readTree(r.out()).get("adjacency").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private String store(String name) {
    String store = dir.resolve(name).toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store, "--quiet")
        .exitCode());
    return store;
  }

  @Test
  void theFormatIsChosenKeptAndChanged() throws Exception {
    String store = store("s");
    CliRunner bad = CliRunner.run("snapshot", "--store", store, "--format", "tiny");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("fixed or compact"), bad::toString);
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet", "--format", "compact").exitCode());
    JsonNode info = JSON.readTree(CliRunner.run("info", "--store", store, "--json").out());
    assertEquals(io.graphsnap.format.snapshot.SnapshotFormat.VERSION_CURRENT, info.get("formatVersion").asInt());
    assertEquals("compact", info.get("adjacency").asText());
    assertTrue(CliRunner.run("info", "--store", store).out().contains("compact adjacency"));
    // a change of one file, no --format: the next build keeps the compact adjacency
    Path changed = dir.resolve("change.jsonl");
    Files.writeString(changed, "{\"path\": \"src/new.cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": "
        + "\"zz.added\", \"kind\": \"fn\", \"lines\": [1, 2]}], \"edges\": [{\"from\": \"zz.added\", \"type\": \"calls\","
        + " \"to\": \"auth.login\"}]}\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", changed.toString(), "--store", store, "--quiet").exitCode());
    CliRunner kept = CliRunner.run("snapshot", "--store", store);
    assertEquals(ExitCodes.OK, kept.exitCode(), kept::toString);
    assertEquals("compact", adjacency(store));
    assertTrue(kept.err().contains("incremental"), kept::toString);
    assertEquals(ExitCodes.OK, CliRunner.run("verify", "--store", store).exitCode());
    // back to fixed: a whole build, saying why
    CliRunner fixed = CliRunner.run("snapshot", "--store", store, "--format", "fixed");
    assertEquals(ExitCodes.OK, fixed.exitCode(), fixed::toString);
    assertTrue(fixed.err().contains("compact adjacency, this build writes the fixed one"), fixed::toString);
    assertEquals("fixed", adjacency(store));
  }

  @Test
  void buildTakesTheFormatToo() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/com/example"));
    Files.writeString(src.resolve("A.java"), "package com.example;\npublic class A { void f() { new B().g(); } }\n");
    Files.writeString(src.resolve("B.java"), "package com.example;\npublic class B { void g() { } }\n");
    String store = dir.resolve("built").toString();
    CliRunner bad = CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--format", "dense");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad::toString);
    CliRunner built = CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--format", "compact");
    assertEquals(ExitCodes.OK, built.exitCode(), built::toString);
    assertEquals("compact", adjacency(store));
    assertEquals(ExitCodes.OK, CliRunner.run("verify", "--store", store).exitCode());
    CliRunner callers = CliRunner.run("neighbors", "com.example.B#g()", "--reverse", "--store", store);
    assertEquals(ExitCodes.OK, callers.exitCode(), callers::toString);
    assertTrue(callers.out().contains("com.example.A#f()"), callers::toString);
  }

  @Test
  void aLayerOverACompactBuildIsAWholeSnapshotThatSaysWhy() throws Exception {
    String store = store("layered");
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet", "--format", "compact").exitCode());
    Path changed = dir.resolve("change.jsonl");
    Files.writeString(changed, "{\"path\": \"src/new.cov\", \"language\": \"covenant\", \"symbols\": [{\"name\": "
        + "\"zz.added\", \"kind\": \"fn\", \"lines\": [1, 2]}], \"edges\": []}\n");
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", changed.toString(), "--store", store, "--quiet").exitCode());
    CliRunner layer = CliRunner.run("snapshot", "--store", store, "--layer");
    assertEquals(ExitCodes.OK, layer.exitCode(), layer::toString);
    assertTrue(layer.err().contains("a whole snapshot instead of a layer: layers are written over the fixed adjacency"
        + " only"), layer::toString);
    assertTrue(layer.out().strip().matches("[0-9a-f]{64}"), layer::toString); // a whole snapshot's id, no "+delta"
    assertEquals("compact", adjacency(store));
    assertTrue(Files.notExists(Path.of(store, "layers", "CURRENT")), "no layer published");
  }

  @Test
  void bothFormatsAnswerEveryCommandAlike() {
    String fixed = store("fixed");
    String compact = store("compact");
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", fixed, "--quiet", "--format", "fixed").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", compact, "--quiet", "--format", "compact")
        .exitCode());
    for (List<String> command : List.of(List.of("neighbors", "auth.login"), List.of("neighbors", "auth.login",
        "--reverse"), List.of("neighbors", "auth.login", "--sites"), List.of("neighbors", "db.query", "--reverse",
        "--type", "calls"), List.of("reach", "auth.login"), List.of("reach", "db.query", "--reverse"),
        List.of("cycles"), List.of("pagerank"), List.of("dead"), List.of("effects", "auth.login"),
        List.of("query", "in>0"), List.of("query", "out.calls>=1"), List.of("degrees"))) {
      CliRunner a = run(command, fixed);
      CliRunner b = run(command, compact);
      assertEquals(a.exitCode(), b.exitCode(), command + ": " + a + " vs " + b);
      assertEquals(a.out(), b.out(), command.toString());
    }
  }

  private static CliRunner run(List<String> command, String store) {
    List<String> all = new java.util.ArrayList<>(command);
    all.add("--store");
    all.add(store);
    all.add("--json");
    return CliRunner.run(all.toArray(String[]::new));
  }
}
