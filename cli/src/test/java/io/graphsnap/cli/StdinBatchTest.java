package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookup --stdin} and {@code neighbors --stdin}: one JSON line per input line, the same as --json per name. */
class StdinBatchTest {
  @TempDir static Path dir;
  static Path store;
  private final Supplier<InputStream> original = StdinBatch.input;

  @BeforeAll
  static void ingest() {
    store = dir.resolve("store");
    assertEquals(0, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store.toString(), "-q").exitCode());
    assertEquals(0, CliRunner.run("snapshot", "--store", store.toString(), "-q").exitCode());
  }

  @AfterEach
  void restore() {
    StdinBatch.input = original;
  }

  private static CliRunner withInput(String input, String... args) {
    StdinBatch.input = () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    return CliRunner.run(args);
  }

  @Test
  void eachLineGetsTheAnswerJsonWouldPrint() {
    List<String> names = List.of("auth.login", "db.query", "no.such", "auth.logout");
    CliRunner lookup = withInput(String.join("\n", names) + "\r\n", "lookup", "--stdin", "--store", store.toString());
    List<String> lines = lookup.out().lines().toList();
    assertEquals(names.size(), lines.size(), lookup.toString());
    for (int i = 0; i < names.size(); i++) {
      CliRunner one = CliRunner.run("lookup", names.get(i), "--json", "--store", store.toString());
      if (one.exitCode() == 0) {
        assertEquals(one.out().strip(), lines.get(i));
      } else {
        assertEquals("{\"name\":\"no.such\",\"error\":\"not found: no.such\"}", lines.get(i));
      }
    }
    assertEquals(ExitCodes.NOT_FOUND, lookup.exitCode(), "a name not found makes the exit code 1");

    CliRunner neighbors = withInput("db.query\nauth.login\n", "neighbors", "--stdin", "--reverse", "--type", "calls",
        "--store", store.toString());
    assertEquals(0, neighbors.exitCode(), neighbors.toString());
    List<String> rows = neighbors.out().lines().toList();
    assertEquals(CliRunner.run("neighbors", "db.query", "--reverse", "--type", "calls", "--json", "--store", store.toString()).out().strip(),
        rows.get(0));
    assertEquals(CliRunner.run("neighbors", "auth.login", "--reverse", "--type", "calls", "--json", "--store", store.toString()).out().strip(),
        rows.get(1));
  }

  @Test
  void nameAndStdinTogetherOrNeitherIsBadInput() {
    assertEquals(ExitCodes.BAD_INPUT, withInput("", "lookup", "x", "--stdin", "--store", store.toString()).exitCode());
    CliRunner none = CliRunner.run("lookup", "--store", store.toString());
    assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
    assertTrue(none.err().contains("NAME"), none.err());
  }
}
