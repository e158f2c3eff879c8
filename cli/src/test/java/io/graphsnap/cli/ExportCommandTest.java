package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphsnap export}: the files of each format, the JSON summary, neighbourhoods and exit codes. */
class ExportCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;

  @BeforeEach
  void ingestAndSnapshot() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store).exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  @Test
  void everyWholeGraphFormatWritesItsFilesWithTheSnapshotsCounts() throws Exception {
    JsonNode info = JSON.readTree(CliRunner.run("info", "--store", store, "--json").out());
    for (String format : new String[] {"parquet", "tsv", "graphml"}) {
      Path out = dir.resolve(format);
      CliRunner r = CliRunner.run("export", "--format", format, out.toString(), "--store", store, "--json");
      assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
      JsonNode doc = JSON.readTree(r.out());
      assertEquals(format, doc.get("format").asText());
      assertEquals(info.get("nodes").asLong(), doc.get("nodes").asLong());
      assertEquals(info.get("edges").asLong(), doc.get("edges").asLong());
      assertFalse(doc.get("truncated").asBoolean());
      long bytes = 0;
      for (JsonNode f : doc.get("files")) {
        assertTrue(Files.isRegularFile(out.resolve(f.asText())), f.asText());
        bytes += Files.size(out.resolve(f.asText()));
      }
      assertEquals(bytes, doc.get("bytes").asLong());
    }
    assertEquals(info.get("edges").asLong() + 1, Files.readAllLines(dir.resolve("tsv/edges.tsv")).size());
  }

  @Test
  void dotOfANeighbourhoodAndItsErrors() throws Exception {
    Path out = dir.resolve("dot");
    CliRunner r = CliRunner.run("export", "--format", "dot", out.toString(), "--around", "auth.login", "--depth", "1",
        "--reverse", "--store", store);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("wrote "), r::toString);
    String dot = Files.readString(out.resolve("graph.dot"), StandardCharsets.UTF_8);
    assertTrue(dot.contains("label=\"auth.login\\nfn\", style=\"rounded,bold,filled\""), dot);

    CliRunner whole = CliRunner.run("export", "--format", "dot", out.toString(), "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, whole.exitCode(), whole::toString);
    assertTrue(whole.err().contains("--around"), whole::toString);
    assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("export", "--format", "dot", out.toString(), "--around", "no.such",
        "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("export", "--format", "xlsx", out.toString(), "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("export", "--format", "tsv", out.toString(), "--type", "nope",
        "--store", store).exitCode());
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("export", "--format", "tsv", out.toString(), "--forward",
        "--store", store).exitCode());
  }

  @Test
  void neighbourhoodCutAtTheNodeLimitSaysSo() throws Exception {
    CliRunner r = CliRunner.run("export", "--format", "graphml", dir.resolve("g").toString(), "--around", "auth.login",
        "--depth", "5", "--max-nodes", "3", "--store", store, "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    JsonNode doc = JSON.readTree(r.out());
    assertEquals(3, doc.get("nodes").asInt());
    assertTrue(doc.get("truncated").asBoolean());
    assertTrue(r.err().contains("cut at 3 nodes"), r::toString);
  }
}
