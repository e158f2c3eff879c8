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

/** {@code --at REF} on the read commands, and {@code diff} with the same forms, on an older ref. */
class AtRefTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;
  String mainId;
  String headId;

  @BeforeEach
  void twoVersions() throws Exception {
    store = dir.resolve("store").toString();
    ingest(HistoryCommandsTest.V1);
    assertEquals(ExitCodes.OK, run("snapshot", "--ref", "main", "--quiet").exitCode());
    ingest(HistoryCommandsTest.V2);
    assertEquals(ExitCodes.OK, run("snapshot", "--ref", "feature", "--quiet").exitCode());
    JsonNode refs = JSON.readTree(run("refs", "--json").out());
    for (JsonNode r : refs) {
      if (r.get("name").asText().equals("main")) {
        mainId = r.get("snapshot").asText();
      } else if (r.get("name").asText().equals("HEAD")) {
        headId = r.get("snapshot").asText();
      }
    }
    assertTrue(mainId != null && headId != null && !mainId.equals(headId), refs::toString);
  }

  private void ingest(String jsonl) throws Exception {
    Path file = dir.resolve("in-" + System.nanoTime() + ".jsonl");
    Files.writeString(file, jsonl);
    CliRunner r = run("ingest", file.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
  }

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void everyReadCommandReadsAnOlderRef() throws Exception {
    // auth.logout exists only in main (V1)
    assertEquals(ExitCodes.NOT_FOUND, run("lookup", "auth.logout").exitCode());
    for (String at : List.of("main", mainId, mainId.substring(0, 8), mainId.substring(0, 4).toUpperCase())) {
      CliRunner r = run("lookup", "auth.logout", "--at", at, "--json");
      assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
      assertEquals("auth.logout", JSON.readTree(r.out()).get("name").asText());
    }
    assertEquals("2", run("query", "name:auth.*", "--count", "--at", "main").out().strip());
    assertEquals("1", run("query", "name:auth.*", "--count", "--at", "HEAD").out().strip());
    assertTrue(run("query", "name:auth.*", "--at", "main").out().contains("auth.logout"));
    assertTrue(run("neighbors", "auth.logout", "--at", "main").out().contains("session.end"));
    assertEquals(ExitCodes.OK, run("effects", "auth.login", "--at", "main").exitCode());
    assertEquals(ExitCodes.OK, run("reach", "auth.logout", "--at", "main").exitCode());
    assertEquals(ExitCodes.OK, run("path", "auth.logout", "session.end", "--at", "main").exitCode());
    assertEquals(ExitCodes.NOT_FOUND, run("path", "auth.logout", "session.end", "--at", "feature").exitCode());
    assertEquals(ExitCodes.OK, run("cycles", "--at", "main").exitCode());
    assertEquals(ExitCodes.OK, run("pagerank", "--at", "main").exitCode());
    // main has no kind test: an entry kind the snapshot lacks is refused (issue 14), so name an entry point instead
    CliRunner dead = run("dead", "--kind", "fn", "--entry", "auth.login", "--at", "main");
    assertEquals(ExitCodes.OK, dead.exitCode(), dead::toString);
    assertEquals(ExitCodes.OK, run("verify", "--at", "main").exitCode());
    JsonNode info = JSON.readTree(run("info", "--at", mainId.substring(0, 6), "--json").out());
    assertTrue(info.get("snapshot").asText().startsWith(mainId.substring(0, 6)) || info.toString().contains(mainId), info::toString);
    CliRunner export = run("export", "--format", "tsv", dir.resolve("out").toString(), "--at", "main");
    assertEquals(ExitCodes.OK, export.exitCode(), export::toString);
  }

  @Test
  void badRefsAreReportedWithTheirExitCodes() {
    CliRunner missing = run("lookup", "auth.login", "--at", "nosuchref");
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
    assertTrue(missing.err().contains("--at nosuchref"), missing::toString);
    CliRunner both = run("lookup", "auth.login", "--at", "main", "--snapshot", dir.resolve("x.gsnap").toString());
    assertEquals(ExitCodes.BAD_INPUT, both.exitCode(), both::toString);
    CliRunner hint = CliRunner.run("lookup", "auth.login", "--snapshot", "main");
    assertEquals(ExitCodes.BAD_INPUT, hint.exitCode(), hint::toString);
    assertTrue(hint.err().contains("use --at main"), hint::toString);
  }

  @Test
  void diffTakesTheSameFormsAndDefaultsToHead() throws Exception {
    JsonNode byRef = JSON.readTree(run("diff", "main", "--json").out());
    assertEquals(headId, byRef.get("to").get("snapshot").asText());
    assertEquals(mainId, byRef.get("from").get("snapshot").asText());
    JsonNode byPrefix = JSON.readTree(run("diff", mainId.substring(0, 6), headId.substring(0, 6), "--json").out());
    assertEquals(byRef.get("summary"), byPrefix.get("summary"));
    assertEquals(1, byRef.get("summary").get("symbolsRemoved").asInt(), byRef::toString);
  }
}
