package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest -}: the lines of standard input, stored as a file's would be. */
class IngestStdinTest {
  @TempDir Path dir;
  private final Supplier<InputStream> original = StdinBatch.input;

  @AfterEach
  void restore() {
    StdinBatch.input = original;
  }

  private static CliRunner withInput(byte[] input, String... args) {
    StdinBatch.input = () -> new ByteArrayInputStream(input);
    return CliRunner.run(args);
  }

  /** The last line of {@code snapshot}'s output: the published snapshot's id. */
  private static String snapshot(Path store) {
    CliRunner r = CliRunner.run("snapshot", "--store", store.toString(), "-q");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.out().strip().lines().toList();
    return lines.get(lines.size() - 1).strip();
  }

  @Test
  void standardInputIsStoredAsTheSameFileWouldBe() throws Exception {
    byte[] example = Files.readAllBytes(CommandsTest.EXAMPLE);
    Path fromFile = dir.resolve("file");
    Path fromStdin = dir.resolve("stdin");
    assertEquals(0, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", fromFile.toString(), "-q").exitCode());
    CliRunner piped = withInput(example, "ingest", "-", "--store", fromStdin.toString());
    assertEquals(0, piped.exitCode(), piped.toString());
    assertTrue(piped.err().contains("ingested <stdin>:"), piped.toString());
    assertEquals(snapshot(fromFile), snapshot(fromStdin), "the same lines give the same snapshot");
    CliRunner lookup = CliRunner.run("lookup", "auth.login", "--store", fromStdin.toString());
    assertEquals(0, lookup.exitCode(), lookup.toString());
  }

  @Test
  void aBadLineIsNamedByItsNumberAndTheRestIsStored() {
    Path store = dir.resolve("store");
    String input = "{\"path\": \"a.txt\", \"symbols\": [{\"name\": \"a.f\", \"kind\": \"function\"}]}\n"
        + "{not json\n"
        + "{\"path\": \"b.txt\", \"symbols\": [{\"name\": \"b.g\", \"kind\": \"function\"}]}\n";
    CliRunner r = withInput(input.getBytes(java.nio.charset.StandardCharsets.UTF_8), "ingest", "-", "--store",
        store.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
    assertTrue(r.err().contains("<stdin>:2:"), r.toString());
    snapshot(store);
    assertEquals(0, CliRunner.run("lookup", "a.f", "--store", store.toString()).exitCode());
    assertEquals(0, CliRunner.run("lookup", "b.g", "--store", store.toString()).exitCode());
  }

  @Test
  void replaceAllIsRefusedFromStandardInputAndNothingIsRemoved() throws Exception {
    Path store = dir.resolve("store");
    assertEquals(0, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store.toString(), "-q").exitCode());
    String before = snapshot(store);
    String cut = Files.readAllLines(CommandsTest.EXAMPLE).get(0) + "\n"; // a stream cut after its first line
    CliRunner r = withInput(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8), "ingest", "-", "--replace-all",
        "--store", store.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--replace-all needs a file"), r.toString());
    assertFalse(r.err().contains("Exception"), r.toString());
    assertEquals(before, snapshot(store), "nothing was removed");
  }
}
