package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.fault.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflict-checked writes: two {@code graphsnap ingest} processes race for the same path; the store's writer
 * lock orders them and the second one's expectation fails (exit 5), whichever started first.
 */
class WriteConflictTest {
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");

  @TempDir Path dir;
  String store;

  @BeforeEach
  void shop() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", EXAMPLE.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  private Path jsonl(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private static String line(String path, String symbol, String expect) {
    return "{\"path\": \"" + path + "\", \"language\": \"covenant\", "
        + (expect == null ? "" : "\"expect\": \"" + expect + "\", ")
        + "\"symbols\": [{\"name\": \"" + symbol + "\", \"kind\": \"fn\", \"lines\": [1, 2]}]}";
  }

  /** Starts one ingest process per file at once and returns their exit codes, in the files' order. */
  private List<Integer> race(List<Path> files, String... options) throws Exception {
    List<ChildJvm.Child> children = new ArrayList<>();
    for (Path file : files) {
      List<String> args = new ArrayList<>(List.of("ingest", file.toString(), "--store", store, "--wait", "60"));
      args.addAll(List.of(options));
      children.add(ChildJvm.start(dir.resolve("logs"), List.of("-Xmx128m"), Main.class, args.toArray(String[]::new)));
    }
    List<Integer> codes = new ArrayList<>();
    for (ChildJvm.Child child : children) {
      int code = child.await(120);
      codes.add(code);
      assertTrue(code == ExitCodes.OK || code == ExitCodes.CONFLICT, child.output());
      if (code == ExitCodes.CONFLICT) {
        assertTrue(Files.readString(child.stderr()).contains("(another writer changed it first)"), child.output());
      }
    }
    return codes;
  }

  private boolean defines(String symbol) {
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
    return CliRunner.run("lookup", symbol, "--store", store).exitCode() == ExitCodes.OK;
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twoWritersCreatingTheSamePathOneWins() throws Exception {
    List<Integer> codes = race(List.of(
        jsonl("one.jsonl", line("src/race.cov", "race.one", "none")),
        jsonl("two.jsonl", line("src/race.cov", "race.two", "none"))));
    assertEquals(List.of(ExitCodes.OK, ExitCodes.CONFLICT), codes.stream().sorted().toList(), codes::toString);
    boolean oneWon = codes.get(0) == ExitCodes.OK;
    assertEquals(oneWon, defines("race.one"));
    assertEquals(!oneWon, defines("race.two"));
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twoWritersFromTheSameHeadTouchingOnePathOneBatchIsRefused() throws Exception {
    String head = Files.readString(Path.of(store, "refs", "HEAD")).strip();
    List<Integer> codes = race(List.of(
        jsonl("one.jsonl", line("src/auth/login.cov", "auth.login", null), line("src/one.cov", "one.only", null)),
        jsonl("two.jsonl", line("src/auth/login.cov", "auth.login2", null), line("src/two.cov", "two.only", null))),
        "--expect-head", head.substring(0, 12));
    assertEquals(1, codes.stream().filter(c -> c == ExitCodes.OK).count(), codes::toString);
    assertEquals(1, codes.stream().filter(c -> c == ExitCodes.CONFLICT).count(), codes::toString);
    boolean oneWon = codes.get(0) == ExitCodes.OK;
    assertEquals(oneWon, defines("one.only"));
    assertEquals(!oneWon, defines("two.only"), "the refused batch stored nothing");
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void writersFromTheSameHeadTouchingDisjointPathsBothSucceed() throws Exception {
    List<Integer> codes = race(List.of(
        jsonl("one.jsonl", line("src/one.cov", "one.only", "none")),
        jsonl("two.jsonl", line("src/two.cov", "two.only", null))), "--expect-head", "HEAD");
    assertEquals(List.of(ExitCodes.OK, ExitCodes.OK), codes);
    assertTrue(defines("one.only") && defines("two.only"));
  }

  @Test
  void conflictsInProcessNameTheLineAndExitFive() throws Exception {
    CliRunner r = CliRunner.run("ingest", jsonl("x.jsonl", line("src/auth/login.cov", "auth.login", "none"),
        line("src/new.cov", "new.fn", "none")).toString(), "--store", store);
    assertEquals(ExitCodes.CONFLICT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("x.jsonl:1: conflict on src/auth/login.cov: expected absent, but it is object "), r::toString);
    assertTrue(defines("new.fn"), "the other line is stored");
    CliRunner missing = CliRunner.run("ingest", jsonl("y.jsonl", line("src/a.cov", "a", null)).toString(),
        "--store", store, "--expect-head", "nosuchref");
    assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
  }
}
