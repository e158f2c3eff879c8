package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshot --ref}, {@code refs}, {@code diff}, {@code gc} and {@code --wait} end to end. */
class HistoryCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String V1 = String.join("\n",
      "{\"path\": \"src/auth.cov\", \"language\": \"covenant\", \"symbols\": ["
          + "{\"name\": \"auth.login\", \"kind\": \"fn\", \"effects\": [\"db\"], \"lines\": [1, 9], \"hash\": \"" + "11".repeat(32) + "\"},"
          + "{\"name\": \"auth.logout\", \"kind\": \"fn\", \"lines\": [10, 12]}],"
          + " \"edges\": [{\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"db.query\"},"
          + " {\"from\": \"auth.logout\", \"type\": \"calls\", \"to\": \"session.end\"}]}",
      "{\"path\": \"src/db.cov\", \"language\": \"covenant\", \"symbols\": ["
          + "{\"name\": \"db.query\", \"kind\": \"fn\", \"effects\": [\"db\"], \"lines\": [1, 5]}]}",
      "");

  /** auth.login's hash and effects change, it calls audit.log; auth.logout is gone; session.end becomes defined. */
  static final String V2 = String.join("\n",
      "{\"path\": \"src/auth.cov\", \"language\": \"covenant\", \"symbols\": ["
          + "{\"name\": \"auth.login\", \"kind\": \"fn\", \"effects\": [\"db\", \"net\"], \"lines\": [3, 11], \"hash\": \"" + "22".repeat(32) + "\"}],"
          + " \"edges\": [{\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"db.query\"},"
          + " {\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"audit.log\"}]}",
      "{\"path\": \"src/session.cov\", \"language\": \"covenant\", \"symbols\": ["
          + "{\"name\": \"session.end\", \"kind\": \"fn\", \"lines\": [1, 2]}]}",
      "");

  @TempDir Path dir;
  String store;

  @BeforeEach
  void twoVersions() throws Exception {
    store = dir.resolve("store").toString();
    ingest(V1);
    CliRunner first = run("snapshot", "--ref", "main");
    assertEquals(ExitCodes.OK, first.exitCode(), first::toString);
    assertTrue(first.err().contains("mode      full (no previous build to start from)"), first::toString);
    ingest(V2);
    CliRunner second = run("snapshot", "--ref", "feature", "--ref", "c0ffee1234");
    assertEquals(ExitCodes.OK, second.exitCode(), second::toString);
    assertTrue(second.err().contains("mode      incremental (2 changed files)"), second::toString);
  }

  private void ingest(String jsonl) throws Exception {
    Path file = dir.resolve("in-" + System.nanoTime() + ".jsonl");
    Files.writeString(file, jsonl);
    CliRunner r = CliRunner.run("ingest", file.toString(), "--store", store);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
  }

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  private JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    CliRunner r = run(all.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(1, r.out().strip().lines().count(), "exactly one JSON document: " + r.out());
    return JSON.readTree(r.out());
  }

  @Test
  void refsListEveryRefAndItsHistory() throws Exception {
    JsonNode refs = json("refs");
    assertEquals(4, refs.size(), refs::toString);
    List<String> names = new ArrayList<>();
    refs.forEach(r -> names.add(r.get("name").asText()));
    assertEquals(List.of("HEAD", "c0ffee1234", "feature", "main"), names);
    String head = refs.get(0).get("snapshot").asText();
    assertEquals(head, refs.get(2).get("snapshot").asText());
    assertNotEquals(head, refs.get(3).get("snapshot").asText());
    JsonNode history = json("refs", "--history");
    assertEquals(2, history.get(0).get("history").size(), history::toString);
    assertEquals(refs.get(3).get("snapshot").asText(), history.get(0).get("history").get(0).get("snapshot").asText());
    CliRunner text = run("refs");
    assertTrue(text.out().startsWith("HEAD        " + head), text::toString);
  }

  @Test
  void diffShowsWhatChangedByFile() throws Exception {
    JsonNode diff = json("diff", "main", "feature");
    JsonNode summary = diff.get("summary");
    assertEquals(1, summary.get("symbolsAdded").asInt(), diff::toString);
    assertEquals(1, summary.get("symbolsRemoved").asInt(), diff::toString);
    assertEquals(1, summary.get("symbolsModified").asInt(), diff::toString);
    assertEquals(1, summary.get("edgesAdded").asInt(), diff::toString);
    assertEquals(1, summary.get("edgesRemoved").asInt(), diff::toString);
    assertEquals("main", diff.get("from").get("spec").asText());
    JsonNode files = diff.get("files");
    assertEquals(2, files.size(), files::toString);
    JsonNode auth = files.get(0);
    assertEquals("src/auth.cov", auth.get("path").asText());
    assertEquals("auth.logout", auth.get("symbols").get("removed").get(0).get("name").asText());
    JsonNode modified = auth.get("symbols").get("modified").get(0);
    assertEquals("auth.login", modified.get("name").asText());
    assertEquals("[\"hash\",\"effects\"]", modified.get("changes").toString());
    assertEquals("{\"from\":\"auth.login\",\"type\":\"calls\",\"to\":\"audit.log\"}",
        auth.get("edges").get("added").get(0).toString());
    assertEquals("{\"from\":\"auth.logout\",\"type\":\"calls\",\"to\":\"session.end\"}",
        auth.get("edges").get("removed").get(0).toString());
    JsonNode session = files.get(1);
    assertEquals("src/session.cov", session.get("path").asText());
    assertEquals("session.end", session.get("symbols").get("added").get(0).get("name").asText(),
        "a target that was external became a defined symbol");

    JsonNode none = json("diff", "feature", "HEAD");
    assertEquals(0, none.get("files").size());
    CliRunner same = run("diff", "feature", "HEAD", "--exit-code");
    assertEquals(ExitCodes.OK, same.exitCode(), same::toString);
    CliRunner differ = run("diff", "main", "HEAD", "--exit-code");
    assertEquals(ExitCodes.NOT_FOUND, differ.exitCode(), differ::toString);
    assertTrue(differ.out().contains("  ~ fn auth.login (hash, effects)"), differ::toString);
    assertTrue(differ.out().contains("  + edge auth.login -calls-> audit.log"), differ::toString);
  }

  @Test
  void diffPagesItsFilesAndTheSummaryCountsAll() throws Exception {
    JsonNode all = json("diff", "main", "feature");
    JsonNode first = json("diff", "main", "feature", "--limit", "1");
    JsonNode second = json("diff", "main", "feature", "--offset", "1", "--limit", "1");
    JsonNode past = json("diff", "main", "feature", "--offset", "5");
    assertEquals(all.get("summary"), first.get("summary"));
    assertEquals(all.get("summary"), past.get("summary"));
    assertEquals(List.of(all.get("files").get(0)), List.copyOf(toList(first.get("files"))));
    assertEquals(List.of(all.get("files").get(1)), List.copyOf(toList(second.get("files"))));
    assertEquals(0, past.get("files").size());
    CliRunner text = run("diff", "main", "feature", "--offset", "1");
    assertTrue(text.out().contains("src/session.cov") && !text.out().contains("src/auth.cov"), text::toString);
    CliRunner negative = run("diff", "main", "feature", "--limit", "-1");
    assertEquals(ExitCodes.BAD_INPUT, negative.exitCode(), negative::toString);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void diffAcceptsIdsPrefixesAndFiles() throws Exception {
    String main = json("refs").get(3).get("snapshot").asText();
    JsonNode byPrefix = json("diff", main.substring(0, 8), "HEAD");
    assertEquals(main, byPrefix.get("from").get("snapshot").asText());
    Path file = Path.of(store, "snapshots", main + ".gsnap");
    CliRunner byFile = CliRunner.run("diff", file.toString(), file.toString());
    assertEquals(ExitCodes.OK, byFile.exitCode(), byFile::toString);
    CliRunner unknown = run("diff", "nosuchref", "HEAD");
    assertEquals(ExitCodes.NOT_FOUND, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("nosuchref"), unknown::toString);
  }

  @Test
  void rebuildingWithoutChangesReusesTheSnapshotAndFullGivesTheSameBytes() {
    String head = run("snapshot", "--quiet").out().trim();
    CliRunner again = run("snapshot");
    assertTrue(again.err().contains("mode      unchanged"), again::toString);
    assertEquals(head, again.out().trim());
    CliRunner full = run("snapshot", "--full");
    assertTrue(full.err().contains("mode      full (full build requested)"), full::toString);
    assertEquals(head, full.out().trim(), "a full build gives the bytes of the incremental one");
    CliRunner capped = run("snapshot", "--full", "--max-memory", "4k");
    assertEquals(head, capped.out().trim(), "a full build that spills its edges gives the same bytes: " + capped);
    CliRunner bad = run("snapshot", "--full", "--max-memory", "4q");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("--max-memory"), bad::toString);
  }

  @Test
  void gcKeepsEveryRefAndDeletesTheRest() throws Exception {
    ingest(V1.replace("auth.logout", "auth.signout"));
    assertEquals(ExitCodes.OK, run("snapshot", "--quiet").exitCode()); // only in HEAD's history
    ingest(V1.replace("auth.logout", "auth.leave"));
    assertEquals(ExitCodes.OK, run("snapshot", "--quiet").exitCode());
    JsonNode gc = json("gc", "--keep", "1");
    assertEquals(1, gc.get("deletedSnapshots").asInt(), gc::toString);
    assertEquals(3, gc.get("kept").size(), gc::toString);
    assertTrue(gc.get("deletedObjects").asInt() >= 1, gc::toString);
    assertEquals(0, gc.get("skipped").size());
    JsonNode diff = json("diff", "main", "feature");
    assertEquals(2, diff.get("files").size(), "named refs survive gc");
    assertEquals(ExitCodes.OK, run("verify").exitCode());
    CliRunner bad = run("gc", "--keep", "0");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad::toString);
  }

  @Test
  void aSecondWriterIsRefusedOrWaits() throws Exception {
    try (Store holder = Store.open(Path.of(store), false)) {
      CliRunner refused = run("snapshot");
      assertEquals(ExitCodes.BUSY, refused.exitCode(), refused::toString);
      assertTrue(refused.err().contains("store is locked") && refused.err().contains("--wait"), refused::toString);
      CliRunner waited = run("gc", "--wait", "0.2");
      assertTrue(waited.err().contains("still held after waiting 0.2 s"), waited::toString);
      // Readers need no lock.
      assertEquals(ExitCodes.OK, run("refs").exitCode());
      assertEquals(ExitCodes.OK, run("diff", "main", "HEAD").exitCode());
    }
    assertEquals(ExitCodes.OK, run("snapshot", "--wait", "5").exitCode());
  }

  @Test
  void badRefNamesAreRefused() {
    CliRunner r = run("snapshot", "--ref", "feature/x");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("not a ref name"), r::toString);
  }
}
