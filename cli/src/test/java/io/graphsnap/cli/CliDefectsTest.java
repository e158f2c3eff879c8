package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line defects of issue 14, item 3: each one's command, exit code, stdout and stderr. */
class CliDefectsTest {
  @TempDir Path dir;
  String store;

  @BeforeEach
  void ingestAndSnapshot() {
    store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store, "--quiet").exitCode());
    assertEquals(ExitCodes.OK, CliRunner.run("snapshot", "--store", store, "--quiet").exitCode());
  }

  CliRunner run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void everySubcommandHasHelp() {
    CliRunner root = CliRunner.run("--help");
    assertEquals(ExitCodes.OK, root.exitCode(), root::toString);
    List<String> commands = new ArrayList<>(GraphsnapCommand.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter())).getSubcommands().keySet());
    commands.remove("help");
    assertTrue(commands.size() >= 19, commands::toString);
    for (String command : commands) {
      for (String flag : List.of("--help", "-h")) {
        CliRunner r = CliRunner.run(command, flag);
        assertEquals(ExitCodes.OK, r.exitCode(), () -> command + " " + flag + ": " + r);
        assertTrue(r.out().contains("Usage: graphsnap "), () -> command + " " + flag + ": " + r);
      }
    }
    CliRunner afterOthers = CliRunner.run("build", "some/dir", "--jobs", "2", "-h");
    assertEquals(ExitCodes.OK, afterOthers.exitCode(), afterOthers::toString);
    assertEquals(ExitCodes.OK, CliRunner.run("index", "rebuild", "--help").exitCode());
  }

  @Test
  void misspelledCommandsAndOptionsGetSuggestions() {
    CliRunner command = CliRunner.run("biuld");
    assertEquals(ExitCodes.BAD_INPUT, command.exitCode(), command::toString);
    assertTrue(command.err().contains("Did you mean: graphsnap build?"), command::toString);
    assertTrue(command.err().contains("Try 'graphsnap --help'."), command::toString);
    assertFalse(command.err().contains("graphsnap graphsnap"), command::toString);
    CliRunner option = run("query", "--limt", "3");
    assertEquals(ExitCodes.BAD_INPUT, option.exitCode(), option::toString);
    assertTrue(option.err().contains("Did you mean: --limit?"), option::toString);
    assertTrue(option.err().contains("Try 'graphsnap query --help'."), option::toString);
  }

  @Test
  void unknownKindsEffectsAndEdgeTypesAreRejected() {
    CliRunner kind = run("query", "--kind", "fnn");
    assertEquals(ExitCodes.BAD_INPUT, kind.exitCode(), kind::toString);
    assertTrue(kind.err().contains("unknown kind 'fnn' (did you mean: fn?); this snapshot has: "), kind::toString);
    assertTrue(kind.err().contains("requirement"), kind::toString);
    assertEquals("", kind.out());
    CliRunner effect = run("query", "--effect", "nett");
    assertEquals(ExitCodes.BAD_INPUT, effect.exitCode(), effect::toString);
    assertTrue(effect.err().contains("unknown effect 'nett' (did you mean: net?)"), effect::toString);
    CliRunner relation = run("query", "--relation", "cover:R-1");
    assertEquals(ExitCodes.BAD_INPUT, relation.exitCode(), relation::toString);
    assertTrue(relation.err().contains("unknown edge type 'cover' (did you mean: covers?)"), relation::toString);
    CliRunner entryKind = run("dead", "--kind", "fn", "--entry-kind", "tset");
    assertEquals(ExitCodes.BAD_INPUT, entryKind.exitCode(), entryKind::toString);
    assertTrue(entryKind.err().contains("unknown entry kind 'tset' (did you mean: test?)"), entryKind::toString);
    assertEquals(ExitCodes.OK, run("query", "--kind", "fn", "--effect", "net", "--relation", "calls:db.query").exitCode());
  }

  @Test
  void aLockedStoreExitsBusyAndReadersStillRun() throws Exception {
    try (Store holder = Store.open(Path.of(store), false)) {
      for (String[] writer : new String[][] {{"snapshot"}, {"gc"}, {"ingest", CommandsTest.EXAMPLE.toString()}, {"index", "rebuild"}}) {
        CliRunner r = run(writer);
        assertEquals(ExitCodes.BUSY, r.exitCode(), () -> String.join(" ", writer) + ": " + r);
        assertTrue(r.err().contains("store is locked by another graphsnap process"), r::toString);
      }
      assertEquals(ExitCodes.OK, run("refs").exitCode());
      assertEquals(ExitCodes.OK, run("lookup", "auth.login").exitCode());
    }
  }

  @Test
  void lookupOfAnExternalNodeSaysSoAndShowsNoFile() {
    CliRunner r = run("lookup", "postgres.Client.execute");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("kind      external"), r::toString);
    assertTrue(r.out().contains("external: no file of the snapshot declares it"), r::toString);
    assertFalse(r.out().contains("null") || r.out().contains("[0, 0]"), r::toString);
  }

  @Test
  void cyclesDefaultsToCallsAndSaysSo() {
    CliRunner help = CliRunner.run("cycles", "--help");
    assertTrue(help.out().contains("default: calls"), help::toString);
    CliRunner all = run("cycles", "--type", "all", "--json");
    CliRunner calls = run("cycles", "--type", "calls", "--json");
    CliRunner byDefault = run("cycles", "--json");
    assertEquals(calls.out(), byDefault.out());
    assertEquals(ExitCodes.OK, all.exitCode(), all::toString);
  }

  @Test
  void exportWritesSingleFileFormatsToStdout() {
    CliRunner graphml = run("export", "--format", "graphml", "-");
    assertEquals(ExitCodes.OK, graphml.exitCode(), graphml::toString);
    assertTrue(graphml.out().startsWith("<?xml") && graphml.out().contains("auth.login"), graphml::toString);
    CliRunner dot = run("export", "--format", "dot", "-", "--around", "login", "--depth", "1");
    assertEquals(ExitCodes.OK, dot.exitCode(), dot::toString);
    assertTrue(dot.out().contains("digraph"), dot::toString);
    CliRunner tsv = run("export", "--format", "tsv", "-");
    assertEquals(ExitCodes.BAD_INPUT, tsv.exitCode(), tsv::toString);
    assertTrue(tsv.err().contains("give a directory"), tsv::toString);
    CliRunner file = run("export", "--format", "tsv", CommandsTest.EXAMPLE.toString());
    assertEquals(ExitCodes.BAD_INPUT, file.exitCode(), file::toString);
    assertTrue(file.err().contains("is a file"), file::toString);
  }

  @Test
  void diffQuietPrintsNothingAndSetsTheExitCode() throws Exception {
    Path changed = dir.resolve("changed.jsonl");
    java.nio.file.Files.writeString(changed,
        "{\"path\": \"src/new.cov\", \"symbols\": [{\"name\": \"extra.fn\", \"kind\": \"fn\"}]}\n");
    assertEquals(ExitCodes.OK, run("snapshot", "--ref", "before", "--quiet").exitCode());
    assertEquals(ExitCodes.OK, run("ingest", changed.toString(), "--quiet").exitCode());
    CliRunner snapshot = run("snapshot");
    assertTrue(snapshot.err().contains("(1 changed file)"), snapshot::toString);
    CliRunner quiet = run("diff", "before", "HEAD", "--exit-code", "-q");
    assertEquals(ExitCodes.NOT_FOUND, quiet.exitCode(), quiet::toString);
    assertEquals("", quiet.out());
    CliRunner loud = run("diff", "before", "HEAD");
    assertTrue(loud.out().contains(": 1 file, symbols +1"), loud::toString);
  }

  @Test
  void completionScriptsCoverEveryCommand() {
    for (String shell : List.of("bash", "zsh")) {
      CliRunner r = CliRunner.run("completion", shell);
      assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
      assertTrue(r.out().contains("complete -F _complete_graphsnap"), r::toString);
      assertTrue(r.out().contains("search") && r.out().contains("--entry-frameworks") && r.out().contains("--no-external"), "every command and option");
    }
    assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("completion", "fish").exitCode());
  }

  @Test
  void colorIsOnlyUsedWhenAskedOrOnATerminal() {
    CliRunner always = run("query", "--kind", "fn", "--limit", "2", "--color", "always");
    assertEquals(ExitCodes.OK, always.exitCode(), always::toString);
    assertTrue(always.out().startsWith("\u001b[36mfn          \u001b[0m "), always::toString);
    CliRunner never = run("query", "--kind", "fn", "--limit", "2", "--color", "never");
    assertFalse(never.out().contains("\u001b"), never::toString);
    CliRunner auto = run("query", "--kind", "fn", "--limit", "2");
    assertFalse(auto.out().contains("\u001b"), "not a terminal: " + auto);
    assertTrue(CliRunner.run("lookup", "--help", "--color", "always").out().contains("\u001b["));
    assertFalse(CliRunner.run("lookup", "--help").out().contains("\u001b["));
    assertEquals(ExitCodes.BAD_INPUT, run("query", "--color", "sometimes").exitCode());
  }
}
