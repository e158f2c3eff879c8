package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refs --history} with times, lock-free while a writer holds the store, and {@code refs --delete} (issue 14,
 * item 3: refs cannot be deleted, history has no timestamps, read-only commands must run beside a writer).
 */
class RefsCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;
  Instant before;
  String mainId;
  String headId;

  @BeforeEach
  void twoVersions() throws Exception {
    store = dir.resolve("store").toString();
    before = Instant.now().minusSeconds(1);
    ingest(HistoryCommandsTest.V1);
    assertEquals(ExitCodes.OK, run("snapshot", "--ref", "main", "--quiet").exitCode());
    ingest(HistoryCommandsTest.V2);
    assertEquals(ExitCodes.OK, run("snapshot", "--ref", "feature", "--quiet").exitCode());
    JsonNode refs = JSON.readTree(run("refs", "--json").out());
    mainId = refs.get(2).get("snapshot").asText();
    headId = refs.get(0).get("snapshot").asText();
  }

  private void ingest(String jsonl) throws Exception {
    Path file = dir.resolve("in-" + System.nanoTime() + ".jsonl");
    Files.writeString(file, jsonl);
    assertEquals(ExitCodes.OK, run("ingest", file.toString(), "--quiet").exitCode());
  }

  private CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void historyHasTimesAndRunsWhileAWriterHoldsTheStore() throws Exception {
    try (Store writer = Store.open(Path.of(store), false)) {
      CliRunner json = run("refs", "--history", "--json");
      assertEquals(ExitCodes.OK, json.exitCode(), json::toString);
      JsonNode head = JSON.readTree(json.out()).get(0);
      assertEquals("HEAD", head.get("name").asText());
      JsonNode history = head.get("history");
      assertEquals(2, history.size(), json::toString);
      assertEquals(mainId, history.get(0).get("snapshot").asText());
      assertEquals(headId, history.get(1).get("snapshot").asText());
      Instant first = Instant.parse(history.get(0).get("time").asText());
      Instant second = Instant.parse(history.get(1).get("time").asText());
      assertTrue(!first.isBefore(before) && !second.isBefore(first) && !second.isAfter(Instant.now()), json::toString);
      CliRunner text = run("refs", "--history");
      assertEquals(ExitCodes.OK, text.exitCode(), text::toString);
      assertTrue(text.out().matches("(?s)HEAD +" + headId + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\n +" + mainId
          + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  \\(1 before\\)\n.*"), text::toString);
      CliRunner delete = run("refs", "--delete", "feature");
      assertEquals(ExitCodes.BUSY, delete.exitCode(), delete::toString);
    }
  }

  @Test
  void historyOfAStoreWithoutLogsShowsTheCurrentSnapshotAndSaysWhy() throws Exception {
    try (var logs = Files.list(Path.of(store, "logs"))) {
      for (Path log : logs.toList()) {
        Files.delete(log);
      }
    }
    CliRunner r = run("refs", "--history", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    JsonNode head = JSON.readTree(r.out()).get(0).get("history");
    assertEquals(1, head.size());
    assertTrue(head.get(0).get("time").isNull(), r::toString);
    assertTrue(r.err().contains("no history recorded yet for HEAD, feature, main"), r::toString);
    assertEquals(ExitCodes.OK, run("gc").exitCode()); // any writer rolls the logs forward
    assertEquals(2, JSON.readTree(run("refs", "--history", "--json").out()).get(0).get("history").size());
  }

  @Test
  void deleteRemovesARefButNeverHead() throws Exception {
    CliRunner head = run("refs", "--delete", "HEAD");
    assertEquals(ExitCodes.BAD_INPUT, head.exitCode(), head::toString);
    assertTrue(head.err().contains("HEAD names the published snapshot and cannot be deleted"), head::toString);
    CliRunner missing = run("refs", "--delete", "nosuchref");
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
    assertTrue(missing.err().contains("no ref named nosuchref"), missing::toString);
    assertEquals(ExitCodes.BAD_INPUT, run("refs", "--delete", "../x").exitCode());

    CliRunner deleted = run("refs", "--delete", "main", "--json");
    assertEquals(ExitCodes.OK, deleted.exitCode(), deleted::toString);
    JsonNode doc = JSON.readTree(deleted.out());
    assertEquals("main", doc.get("deleted").asText());
    assertEquals(mainId, doc.get("snapshot").asText());
    List<String> names = new ArrayList<>();
    JSON.readTree(run("refs", "--json").out()).forEach(r -> names.add(r.get("name").asText()));
    assertEquals(List.of("HEAD", "feature"), names);
    assertFalse(Files.exists(Path.of(store, "refs", "main")));
    assertEquals(ExitCodes.NOT_FOUND, run("lookup", "auth.logout", "--at", "main").exitCode());
    // only main and HEAD's history kept the first snapshot: gc --keep 1 frees it now
    Path mainFile = Path.of(store, "snapshots", mainId + ".gsnap");
    assertTrue(Files.exists(mainFile));
    assertEquals(ExitCodes.OK, run("gc", "--keep", "1").exitCode());
    assertFalse(Files.exists(mainFile));
    assertTrue(Files.exists(Path.of(store, "snapshots", headId + ".gsnap")));
  }
}
