package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link QuickCommandLine} fills the commands in exactly as picocli does, prints and exits exactly as picocli's
 * run does, and leaves everything it does not read exactly to picocli.
 */
class QuickCommandLineTest {
  private static final PrintWriter NULL = new PrintWriter(java.io.Writer.nullWriter());

  @TempDir static Path dir;
  static String store;
  private final Supplier<InputStream> original = StdinBatch.input;

  @BeforeAll
  static void ingest() {
    store = dir.resolve("store").toString();
    assertEquals(0, CliRunner.run("ingest", CommandsTest.EXAMPLE.toString(), "--store", store, "-q").exitCode());
    assertEquals(0, CliRunner.run("snapshot", "--store", store, "-q").exitCode());
  }

  @AfterEach
  void restore() {
    StdinBatch.input = original;
  }

  /** Command lines the quick parser reads: the same exit code, stdout and stderr as through picocli. */
  @Test
  void sameOutputAsPicocli() {
    List<String[]> runs = List.of(
        args("lookup", "auth.login", "--store", store),
        args("lookup", "--json", "auth.login", "--store=" + store),
        args("-q", "lookup", "no.such", "--store", store),
        args("lookup", "no.such", "--json", "--store", store),
        args("lookup", "login", "--store", store),
        args("lookup", "auth", "--json", "--store", store),
        args("lookup", "--store", store),
        args("lookup", "x", "--stdin", "--store", store),
        args("lookup", "x", "--store", dir.resolve("none").toString()),
        args("lookup", "x", "--snapshot", dir.resolve("none.snap").toString()),
        args("lookup", "x", "--at", "nosuchref", "--store", store),
        args("lookup", "x", "--at", "HEAD", "--snapshot", "f", "--store", store),
        args("--color", "never", "neighbors", "auth.login", "--store", store),
        args("neighbors", "db.query", "--reverse", "--type", "calls", "--store", store, "--color=always"),
        args("neighbours", "auth.login", "--json", "--sites", "--offset", "1", "--limit", "2", "--store", store),
        args("neighbors", "auth.login", "--type", "nosuchtype", "--store", store),
        args("neighbors", "auth.login", "--type", "nosuchtype", "--json", "--store", store),
        args("search", "log", "--store", store),
        args("search", "log", "--json", "--limit", "1", "--kind", "function,method", "--store", store),
        args("search", "zzzzqqq", "--store", store),
        args("search", "login", "--notes", "--quiet", "--store", store),
        args("search", "x", "--kind", "nosuchkind", "--store", store),
        args("search", "--stdin", "--store", store, "--follow-store-link"));
    for (String[] run : runs) {
      assertNotNull(QuickCommandLine.parse(run, GraphsnapCommand.root(NULL, NULL)), () -> "declined " + Arrays.toString(run));
      assertEquals(picocli(run, "auth.login\nno.such\n"), quick(run, "auth.login\nno.such\n"), Arrays.toString(run));
    }
  }

  /** Everything else is picocli's: help, version, other commands, unusual spellings. */
  @Test
  void declinesWhatItDoesNotReadExactly() {
    List<String[]> declined = List.of(
        args(), args("-q"), args("help", "lookup"), args("info", "--store", "s"), args("lookup", "-h"),
        args("lookup", "x", "--help"), args("--version"), args("lookup", "x", "-qv"), args("lookup", "--", "x"),
        args("lookup", "@names.txt"), args("lookup", ""), args("lookup", "a", "b"), args("lookup", "x", "--store"),
        args("lookup", "x", "--store", "-q"), args("lookup", "x", "--store="), args("lookup", "x", "--json=true"),
        args("lookup", "x", "--json", "--json"), args("lookup", "x", "-q", "--quiet"), args("--store", "s", "lookup", "x"),
        args("lookup", "x", "--type", "calls"), args("neighbors", "x", "--limit", "010"), args("neighbors", "x", "--limit", "-1"),
        args("neighbors", "x", "--limit", "+1"), args("neighbors", "x", "--offset", "0x10"), args("search", "x", "--kind", "a,,b"),
        args("search", "x", "--kind", "a", "--kind", "b"), args("search", "x", "--kind", "\"a,b\""), args("--color", "NEVER", "lookup", "x"),
        args("lookup", "x", "--stor", "s"), args("lookup", "x", "--snapshot", "a\0b"), args("neighbors", "x", "--limit", "99999999999"),
        args("lookup", "x", "-v"), args("--verbose", "lookup", "x"));
    for (String[] run : declined) {
      assertNull(QuickCommandLine.parse(run, GraphsnapCommand.root(NULL, NULL)), () -> "read " + Arrays.toString(run));
    }
  }

  /** Random plain command lines: every option field ends up as picocli sets it. */
  @Test
  void fillsInTheSameFieldsAsPicocli() throws Exception {
    Random random = new Random(16);
    Map<String, List<String>> options = new LinkedHashMap<>();
    options.put("lookup", List.of("--json", "--stdin"));
    options.put("neighbors", List.of("--json", "--stdin", "--reverse", "--sites", "--type=calls", "--offset=3", "--limit=7"));
    options.put("neighbours", List.of("--json", "--type=contains", "--offset=0", "--limit=0"));
    options.put("search", List.of("--json", "--stdin", "--notes", "--limit=5", "--kind=method,class", "--kind=function"));
    List<String> shared = List.of("-q", "--color=never", "--store=st", "--snapshot=f.snap", "--at=HEAD",
        "--follow-store-link");
    for (int i = 0; i < 2_000; i++) {
      String command = List.copyOf(options.keySet()).get(random.nextInt(options.size()));
      List<String> chosen = new ArrayList<>();
      for (String o : concat(options.get(command), shared)) {
        if (random.nextInt(3) == 0 && chosen.stream().noneMatch(c -> c.startsWith("--kind") && o.startsWith("--kind"))) {
          chosen.add(o);
        }
      }
      if (random.nextBoolean()) {
        chosen.add("some.Name#x(int)");
      }
      Collections.shuffle(chosen, random);
      List<String> argv = new ArrayList<>();
      if (random.nextBoolean() && chosen.remove("-q")) {
        argv.add("-q");
      }
      argv.add(command);
      for (String a : chosen) { // both spellings of an option with a value
        int eq = a.indexOf('=');
        if (eq > 0 && random.nextBoolean()) {
          argv.add(a.substring(0, eq));
          argv.add(a.substring(eq + 1));
        } else {
          argv.add(a);
        }
      }
      String[] run = argv.toArray(String[]::new);
      GraphsnapCommand quickRoot = GraphsnapCommand.root(NULL, NULL);
      QuickOptions quick = QuickCommandLine.parse(run, quickRoot);
      assertNotNull(quick, () -> "declined " + argv);
      CommandLine.ParseResult parsed = GraphsnapCommand.newCommandLine(NULL, NULL, run).parseArgs(run);
      Object picocli = parsed.subcommand().commandSpec().userObject();
      GraphsnapCommand picocliRoot = (GraphsnapCommand) parsed.commandSpec().userObject();
      assertEquals(fields(picocli), fields(quick), () -> argv.toString());
      assertEquals(fields(picocliRoot), fields(quickRoot), () -> argv.toString());
    }
  }

  /** The values of {@code o}'s own fields, with those of its mixins (SnapshotOptions, StoreOption) in turn. */
  private static Map<String, Object> fields(Object o) throws IllegalAccessException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType() == GraphsnapCommand.class
          || f.getType() == PrintWriter.class || f.getType() == CommandLine.Model.CommandSpec.class) {
        continue;
      }
      f.setAccessible(true);
      Object v = f.get(o);
      if (v instanceof SnapshotOptions || v instanceof StoreOption) {
        fields(v).forEach((k, x) -> values.put(f.getName() + "." + k, x));
      } else {
        values.put(f.getName(), v);
      }
    }
    return values;
  }

  private CliRunner picocli(String[] run, String input) {
    StdinBatch.input = () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), run).execute(run);
    return new CliRunner(code, out.toString(), err.toString());
  }

  private CliRunner quick(String[] run, String input) {
    StdinBatch.input = () -> new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Integer code = QuickCommandLine.run(run, new PrintWriter(out, true), new PrintWriter(err, true));
    assertNotNull(code);
    return new CliRunner(code, out.toString(), err.toString());
  }

  private static String[] args(String... a) {
    return a;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
