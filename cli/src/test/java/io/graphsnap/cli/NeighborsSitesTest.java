package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neighbors --sites}: {@code path:line} per site in text, {@code "sites": [{"file", "line"}]} in JSON, forward
 * and reverse, from JSON Lines edges with lines and from a Java tree; a version-3 snapshot answers with no sites;
 * {@code info} reports the section's bytes.
 */
class NeighborsSitesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private String ingest(String... lines) throws Exception {
    Path jsonl = dir.resolve("in.jsonl");
    Files.writeString(jsonl, String.join("\n", lines) + "\n");
    String store = dir.resolve("store").toString();
    CliRunner in = CliRunner.run("ingest", jsonl.toString(), "--store", store, "--quiet");
    assertEquals(ExitCodes.OK, in.exitCode(), in::toString);
    CliRunner snap = CliRunner.run("snapshot", "--store", store, "--quiet");
    assertEquals(ExitCodes.OK, snap.exitCode(), snap::toString);
    return store;
  }

  private static final String[] SHOP = {
      "{\"path\": \"src/db.cov\", \"symbols\": [{\"name\": \"db.query\", \"kind\": \"fn\", \"lines\": [1, 9]}]}",
      "{\"path\": \"src/auth.cov\", \"symbols\": [{\"name\": \"auth.login\", \"kind\": \"fn\", \"lines\": [3, 20]},"
          + " {\"name\": \"auth.logout\", \"kind\": \"fn\", \"lines\": [22, 30]}],"
          + " \"edges\": [{\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"db.query\", \"lines\": [12, 5]},"
          + " {\"from\": \"auth.login\", \"type\": \"calls\", \"to\": \"db.query\", \"line\": 17},"
          + " {\"from\": \"auth.logout\", \"type\": \"calls\", \"to\": \"db.query\", \"line\": 25},"
          + " {\"from\": \"auth.logout\", \"type\": \"calls\", \"to\": \"auth.login\"},"
          + " {\"from\": \"auth.login\", \"type\": \"references\", \"to\": \"auth.User\", \"line\": 4}]}"};

  @Test
  void reverseSitesAsTextAndJson() throws Exception {
    String store = ingest(SHOP);
    CliRunner text = CliRunner.run("neighbors", "db.query", "--reverse", "--type", "calls", "--sites", "--store", store);
    assertEquals(ExitCodes.OK, text.exitCode(), text::toString);
    List<String> lines = text.out().lines().map(String::strip).toList();
    assertEquals(List.of("calls        auth.login", "src/auth.cov:5", "src/auth.cov:12", "src/auth.cov:17",
        "calls        auth.logout", "src/auth.cov:25").stream().map(String::strip).toList(), lines, text::toString);
    CliRunner json = CliRunner.run("neighbors", "db.query", "--reverse", "--type", "calls", "--sites", "--json",
        "--store", store);
    assertEquals("[{\"name\":\"auth.login\",\"type\":\"calls\",\"sites\":[{\"file\":\"src/auth.cov\",\"line\":5},"
        + "{\"file\":\"src/auth.cov\",\"line\":12},{\"file\":\"src/auth.cov\",\"line\":17}]},"
        + "{\"name\":\"auth.logout\",\"type\":\"calls\",\"sites\":[{\"file\":\"src/auth.cov\",\"line\":25}]}]",
        json.out().strip());
    CliRunner plain = CliRunner.run("neighbors", "db.query", "--reverse", "--json", "--store", store);
    assertTrue(!plain.out().contains("sites"), "without --sites the answer is as before: " + plain.out());
  }

  @Test
  void forwardSitesOfEveryEdgeType() throws Exception {
    String store = ingest(SHOP);
    JsonNode out = JSON.readTree(CliRunner.run("neighbors", "auth.logout", "--sites", "--json", "--store", store).out());
    assertEquals(2, out.size(), out::toString);
    assertEquals("auth.login", out.get(0).get("name").asText());
    assertEquals(0, out.get(0).get("sites").size(), "an edge without lines has an empty list");
    assertEquals("[{\"file\":\"src/auth.cov\",\"line\":25}]", out.get(1).get("sites").toString());
    JsonNode refs = JSON.readTree(CliRunner.run("neighbors", "auth.login", "--type", "references", "--sites", "--json",
        "--store", store).out());
    assertEquals("[{\"file\":\"src/auth.cov\",\"line\":4}]", refs.get(0).get("sites").toString());
  }

  @Test
  void badLinesAreRejectedWithTheirLine() throws Exception {
    Path jsonl = dir.resolve("bad.jsonl");
    Files.writeString(jsonl, SHOP[0] + "\n" + SHOP[1].replace("\"line\": 25", "\"line\": 0") + "\n");
    CliRunner in = CliRunner.run("ingest", jsonl.toString(), "--store", dir.resolve("bad").toString());
    assertEquals(ExitCodes.BAD_INPUT, in.exitCode(), in::toString);
    assertTrue(in.err().contains(":2:") && in.err().contains("edges[2].line"), in::toString);
  }

  @Test
  void infoReportsTheSectionsBytes() throws Exception {
    String store = ingest(SHOP);
    JsonNode info = JSON.readTree(CliRunner.run("info", "--json", "--store", store).out());
    assertEquals(SnapshotFormat.VERSION_CURRENT, info.get("formatVersion").asInt()); // sites since version 4
    long bytes = info.get("sitesBytes").asLong();
    assertTrue(bytes > 0, info::toString);
    assertEquals(Math.round(100.0 * bytes / 3) / 100.0, info.get("sitesBytesPerCallEdge").asDouble(), info::toString);
    CliRunner text = CliRunner.run("info", "--store", store);
    assertTrue(text.out().contains("sites     " + bytes + " bytes"), text::toString);
  }

  /** The published snapshot rewritten as format version 3. */
  private Path asVersion3(String store) throws Exception {
    return SnapshotVersions.asVersion3(Store.headSnapshot(Path.of(store)).orElseThrow(), dir.resolve("v3.gsnap"));
  }

  @Test
  void aVersion3SnapshotHasNoSitesAndSaysSo() throws Exception {
    String store = ingest(SHOP);
    Path v3 = asVersion3(store);
    CliRunner verify = CliRunner.run("verify", "--snapshot", v3.toString());
    assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);
    CliRunner json = CliRunner.run("neighbors", "db.query", "--reverse", "--type", "calls", "--sites", "--json",
        "--snapshot", v3.toString());
    assertEquals(ExitCodes.OK, json.exitCode(), json::toString);
    assertEquals("[{\"name\":\"auth.login\",\"type\":\"calls\",\"sites\":[]},"
        + "{\"name\":\"auth.logout\",\"type\":\"calls\",\"sites\":[]}]", json.out().strip());
    assertTrue(json.err().contains("has no call sites"), json::toString);
    assertTrue(CliRunner.run("info", "--snapshot", v3.toString()).out().contains("sites     none"));
  }

  @Test
  void aJavaTreesCallersWithTheirLines() throws Exception {
    Path src = dir.resolve("src/com/example");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Util.java"), """
        package com.example;
        public class Util {
          public static int helper(int x) { return x; }
        }
        """);
    Files.writeString(src.resolve("App.java"), """
        package com.example;
        public class App {
          int twice(int x) {
            int a = Util.helper(x);
            return a + Util
                .helper(x);
          }
          java.util.function.IntUnaryOperator ref() { return Util::helper; }
        }
        """);
    String store = dir.resolve("jstore").toString();
    CliRunner build = CliRunner.run("build", dir.resolve("src").toString(), "--store", store);
    assertEquals(ExitCodes.OK, build.exitCode(), build::toString);
    assertTrue(build.err().contains("sites     "), build::toString);
    CliRunner callers = CliRunner.run("neighbors", "com.example.Util#helper(int)", "--reverse", "--type", "calls",
        "--sites", "--store", store);
    assertEquals(ExitCodes.OK, callers.exitCode(), callers::toString);
    assertEquals(List.of("calls        com.example.App#ref()", "com/example/App.java:8",
        "calls        com.example.App#twice(int)", "com/example/App.java:4", "com/example/App.java:6"),
        callers.out().lines().map(String::strip).toList(), callers::toString);
  }
}
