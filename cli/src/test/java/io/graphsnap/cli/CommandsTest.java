package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query commands' JSON shapes and exit codes (docs/DESIGN.md §5) on the shipped example. */
class CommandsTest {
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;

  @BeforeEach
  void ingestAndSnapshot() {
    store = dir.resolve("store").toString();
    CliRunner ingest = CliRunner.run("ingest", EXAMPLE.toString(), "--store", store);
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest::toString);
    CliRunner snapshot = CliRunner.run("snapshot", "--store", store, "--quiet");
    assertEquals(ExitCodes.OK, snapshot.exitCode(), snapshot::toString);
    assertTrue(snapshot.out().trim().matches("[0-9a-f]{64}"), snapshot::toString);
  }

  private JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    all.add("--json");
    CliRunner r = CliRunner.run(all.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(1, r.out().strip().lines().count(), "exactly one JSON document: " + r.out());
    return JSON.readTree(r.out());
  }

  @Test
  void lookupJsonHasTheDocumentedShape() throws Exception {
    JsonNode n = json("lookup", "auth.login");
    assertEquals("auth.login", n.get("name").asText());
    assertEquals("fn", n.get("kind").asText());
    assertEquals("[\"db\",\"net\"]", n.get("effects").toString());
    assertEquals("src/auth/login.cov", n.get("file").asText());
    assertEquals("[3,24]", n.get("lines").toString());
    assertEquals(64, n.get("hash").asText().length());
    assertEquals("en", n.get("notes").get(0).get("lang").asText());
    assertEquals("team-identity", n.get("metadata").get("owner").asText());
    JsonNode external = json("lookup", "postgres.Client.execute");
    assertEquals("external", external.get("kind").asText());
    assertFalse(external.has("file") || external.has("lines"), "an external node has no file and no lines");
    assertFalse(external.has("notes"));
  }

  @Test
  void neighborsForwardReverseAndTyped() throws Exception {
    JsonNode out = json("neighbors", "orders.checkout", "--type", "calls");
    assertEquals(6, out.size(), out::toString);
    for (JsonNode e : out) {
      assertEquals("calls", e.get("type").asText());
    }
    JsonNode callers = json("neighbors", "db.query", "--reverse", "--type", "calls");
    List<String> names = new ArrayList<>();
    callers.forEach(e -> names.add(e.get("name").asText()));
    assertTrue(names.contains("audit.record") && names.contains("db.users.find_by_email"), names::toString);
    assertEquals(15, names.size());
  }

  @Test
  void queryCombinesKindEffectPrefixAndRelation() throws Exception {
    JsonNode tests = json("query", "--kind", "test", "--relation", "covers:R-1");
    assertEquals("[{\"name\":\"tests.auth.hash_is_salted\",\"kind\":\"test\"},"
        + "{\"name\":\"tests.auth.login_rejects_bad_password\",\"kind\":\"test\"}]", tests.toString());
    JsonNode net = json("query", "--kind", "fn", "--effect", "net", "--prefix", "orders.");
    assertEquals("[{\"name\":\"orders.cancel\",\"kind\":\"fn\"},{\"name\":\"orders.checkout\",\"kind\":\"fn\"}]", net.toString());
    assertEquals(3, json("query", "--kind", "requirement", "--limit", "5").size());
    assertEquals(2, json("query", "--prefix", "auth.session.", "--limit", "2").size());
  }

  @Test
  void infoJsonCountsEverything() throws Exception {
    JsonNode info = json("info");
    assertEquals(81, info.get("nodes").asInt());
    assertEquals(161, info.get("edges").asInt());
    assertEquals(20, info.get("files").asInt());
    assertEquals(69, info.get("edgeTypes").get("calls").asInt());
    assertEquals(12, info.get("kinds").get("external").asInt());
    assertEquals(SnapshotFormat.VERSION_CURRENT, info.get("formatVersion").asInt());
    assertTrue(info.get("bytes").asLong() > 0);
    assertTrue(info.get("snapshot").asText().matches("[0-9a-f]{64}"));
  }

  @Test
  void exitCodes() throws Exception {
    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("lookup", "no.such.symbol", "--store", store).exitCode());
    CliRunner missing = CliRunner.run("neighbors", "no.such.symbol", "--store", store, "--json");
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode());
    assertTrue(missing.err().contains("not found: no.such.symbol"), missing::toString);
    assertEquals("{\"error\":\"not found\",\"candidates\":[]}", missing.out().strip(),
        "exactly one JSON document on stdout, also when nothing is found");
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("neighbors", "auth.login", "--type", "nope", "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("lookup").exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("frobnicate").exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("info", "--store", dir.resolve("nowhere").toString()).exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("verify", "--store", store).exitCode());
  }

  @Test
  void corruptSnapshotGivesExitThreeAndNamesTheFile() throws Exception {
    Path snapshots = dir.resolve("store").resolve("snapshots");
    Path file;
    try (var files = Files.list(snapshots)) {
      file = files.filter(p -> p.toString().endsWith(".gsnap")).findFirst().orElseThrow();
    }
    Path copy = dir.resolve("copy.gsnap");
    Files.copy(file, copy);
    try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
      long at = raf.length() - 10;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x5a);
    }
    CliRunner verify = CliRunner.run("verify", "--snapshot", copy.toString());
    assertEquals(ExitCodes.CORRUPT, verify.exitCode(), verify::toString);
    assertTrue(verify.err().contains("copy.gsnap"), verify::toString);

    Path truncated = dir.resolve("truncated.gsnap");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), 1000));
    CliRunner info = CliRunner.run("info", "--snapshot", truncated.toString());
    assertEquals(ExitCodes.CORRUPT, info.exitCode(), info::toString);
    assertTrue(info.err().contains("truncated.gsnap"), info::toString);
    assertFalse(info.err().contains("Exception"), "one clear line, no stack trace: " + info.err());
  }

  @Test
  void badIngestLinesAreReportedWithLineNumbersAndGoodLinesKept() throws Exception {
    Path jsonl = dir.resolve("mixed.jsonl");
    Files.writeString(jsonl, String.join("\n",
        "{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"a.one\", \"kind\": \"fn\"}]}",
        "{\"path\": \"../escape.cov\", \"symbols\": []}",
        "{not json",
        "{\"path\": \"b.cov\", \"symbols\": [{\"name\": \"b.two\", \"kind\": \"fn\"}], \"edges\": [{\"from\": \"b.two\", \"type\": \"calls\", \"to\": \"a.one\"}]}",
        "{\"path\": \"c.cov\", \"colour\": \"blue\"}") + "\n");
    String other = dir.resolve("other").toString();
    CliRunner ingest = CliRunner.run("ingest", jsonl.toString(), "--store", other);
    assertEquals(ExitCodes.BAD_INPUT, ingest.exitCode(), ingest::toString);
    assertTrue(ingest.err().contains("mixed.jsonl:2:"), ingest::toString);
    assertTrue(ingest.err().contains("mixed.jsonl:3:"), ingest::toString);
    assertTrue(ingest.err().contains("mixed.jsonl:5:"), ingest::toString);
    assertFalse(ingest.err().contains("mixed.jsonl:1:") || ingest.err().contains("mixed.jsonl:4:"), ingest::toString);
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", other, "--quiet").exitCode());
    JsonNode callers = JSON.readTree(CliRunner.run("neighbors", "a.one", "--reverse", "--store", other, "--json").out());
    assertEquals("[{\"name\":\"b.two\",\"type\":\"calls\"}]", callers.toString());
  }
}
