package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.LayerRef;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The point answers a server gives from a base + delta ({@code snapshot --layer}) are, byte for byte in JSON, the
 * answers of the whole snapshot that folds the delta in: {@code lookup}, {@code neighbors} (all, reversed, by type,
 * with sites, paged), {@code degree} and {@code symbols} for every symbol and file, and {@code info} but for the
 * fields that name the files. Random edits over several rounds: changed, added and deleted files, new names sorting
 * among the base's (non-ASCII too), removed names, new edge types and kinds, externals.
 */
class LayeredAnswersTest {
  private static final String[] STEMS = {"pkg", "zé", "日本", "alpha", "Beta", "m\uD83D\uDE00"};
  private static final String[] KINDS = {"fn", "class", "data"};
  private static final String[] TYPES = {"calls", "references", "imports"};
  private static final String[] EFFECTS = {"io", "net", "db"};

  @TempDir Path dir;

  private final Random random = new Random(20261204);
  private final Map<String, String> lines = new LinkedHashMap<>(); // path -> line
  private final List<String> pool = new ArrayList<>();

  @Test
  void layeredPointAnswersEqualTheWholeSnapshots() throws Exception {
    Path store = dir.resolve("store");
    for (int i = 0; i < 300; i++) {
      pool.add(STEMS[random.nextInt(STEMS.length)] + "." + Integer.toString(random.nextInt(100_000), 36));
    }
    for (int f = 0; f < 40; f++) {
      lines.put("src/f" + f + ".cov", line("src/f" + f + ".cov", 0));
    }
    ingest(store, String.join("", lines.values()));
    assertEquals(0, run("snapshot", "--store", store.toString(), "-q").code);

    for (int round = 1; round <= 3; round++) {
      StringBuilder edits = new StringBuilder();
      for (int e = 0; e < 6; e++) {
        String path = new ArrayList<>(lines.keySet()).get(random.nextInt(lines.size()));
        String text = random.nextInt(5) == 0 ? "{\"path\": \"" + path + "\", \"deleted\": true}\n" : line(path, round);
        edits.append(text);
        if (text.contains("\"deleted\"")) {
          lines.remove(path);
        } else {
          lines.put(path, text);
        }
      }
      String added = "src/new" + round + ".cov";
      String text = line(added, round);
      lines.put(added, text);
      edits.append(text);
      ingest(store, edits.toString());

      Result layer = run("snapshot", "--layer", "--store", store.toString(), "-q");
      assertEquals(0, layer.code, layer.err);
      String id = layer.out.strip();
      assertTrue(id.matches("[0-9a-f]{64}\\+[0-9a-f]{64}"), id);
      LayerRef.Resolved resolved = LayerRef.current(store, id.substring(0, 64)).orElseThrow();
      assertEquals(id, resolved.layer().id());
      Result verified = run("verify", "--layer", "--store", store.toString());
      assertEquals(0, verified.code, verified.err);
      assertTrue(verified.out.startsWith("ok: " + id), verified.out);
      try (LayeredSnapshot layered = LayeredSnapshot.open(resolved.baseFile(), resolved.deltaFile())) {
        Result whole = run("snapshot", "--store", store.toString(), "-q");
        assertEquals(0, whole.code, whole.err);
        assertTrue(LayerRef.read(store).isEmpty(), "publishing a whole snapshot removes the layered head");
        assertEquals(ExitCodes.NOT_FOUND, run("verify", "--layer", "--store", store.toString()).code);
        assertFalse(Files.exists(resolved.deltaFile()), "and its delta");
        try (GraphSnapshot compacted = GraphSnapshot.open(StoreLayout.of(store).snapshotFile(whole.out.strip()))) {
          compareEverything(layered, id, compacted);
        }
      }
    }
  }

  /** Without a last build to be its base, {@code snapshot --layer} publishes a whole snapshot and says why. */
  @Test
  void aLayerWithoutABaseIsAWholeSnapshot() throws Exception {
    Path store = dir.resolve("store");
    ingest(store, "{\"path\": \"src/a.cov\", \"symbols\": [{\"name\": \"a.one\", \"kind\": \"fn\"}]}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = {"snapshot", "--layer", "--store", store.toString()};
    assertEquals(0, GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args)
        .execute(args));
    assertTrue(out.toString().strip().matches("[0-9a-f]{64}"), out.toString());
    assertTrue(err.toString().contains("a whole snapshot instead of a layer"), err.toString());
    assertTrue(LayerRef.read(store).isEmpty());
    // a layer publishes no ref and builds nothing whole: refused before any work
    assertEquals(ExitCodes.BAD_INPUT, run("snapshot", "--layer", "--full", "--store", store.toString()).code);
    assertEquals(ExitCodes.BAD_INPUT, run("build", dir.toString(), "--layer", "--ref", "main", "--store",
        dir.resolve("java-store").toString()).code);
    assertFalse(Files.exists(dir.resolve("java-store")), "the refused build extracted nothing");
  }

  private void compareEverything(LayeredSnapshot layered, String id, GraphSnapshot compacted) {
    List<String> types = compacted.edgeTypes();
    assertEquals(types, PointGraph.of(layered).edgeTypes());
    for (int v = 0; v < compacted.nodeCount(); v++) {
      String name = compacted.name(v);
      same(layered, id, compacted, "lookup", name);
      same(layered, id, compacted, "neighbors", name);
      same(layered, id, compacted, "neighbors", name, "--reverse");
      same(layered, id, compacted, "neighbors", name, "--sites");
      same(layered, id, compacted, "neighbors", name, "--reverse", "--offset", "1", "--limit", "2");
      for (String type : types) {
        same(layered, id, compacted, "neighbors", name, "--type", type);
        same(layered, id, compacted, "neighbors", name, "--type", type, "--reverse");
      }
      same(layered, id, compacted, "degree", name);
    }
    for (int f = 0; f < compacted.fileCount(); f++) {
      same(layered, id, compacted, "symbols", compacted.filePath(f));
    }
    // a name given in part, or absent, needs the search index: the whole snapshot answers it
    SnapshotAnswer partial = question("lookup", compacted.name(0).substring(0, 2));
    assertThrows(WholeSnapshotNeeded.class, () -> partial.answer(layered, id));
    assertThrows(WholeSnapshotNeeded.class, () -> question("reach", compacted.name(0)).answer(layered, id));

    Map<String, Object> layeredInfo = new LinkedHashMap<>(asMap(question("info").answer(layered, id)));
    Map<String, Object> wholeInfo = new LinkedHashMap<>(asMap(question("info").answer(compacted)));
    assertEquals(id, layeredInfo.get("snapshot"));
    assertEquals(id.substring(65), layeredInfo.remove("delta"));
    for (String key : List.of("snapshot", "path", "bytes", "sitesBytes", "sitesBytesPerCallEdge", "formatVersion")) {
      layeredInfo.remove(key);
      wholeInfo.remove(key);
    }
    assertEquals(Json.text(wholeInfo), Json.text(layeredInfo));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object answer) {
    return (Map<String, Object>) answer;
  }

  private static void same(LayeredSnapshot layered, String id, GraphSnapshot compacted, String... args) {
    String expected;
    try {
      expected = Json.text(question(args).answer(compacted));
    } catch (CliException e) {
      expected = "error " + e.exitCode() + ": " + e.getMessage();
    }
    String actual;
    try {
      actual = Json.text(question(args).answer(layered, id));
    } catch (CliException e) {
      actual = "error " + e.exitCode() + ": " + e.getMessage();
    }
    assertEquals(expected, actual, String.join(" ", args));
  }

  /** The command of {@code args}, parsed as the server parses an endpoint's parameters. */
  private static SnapshotAnswer question(String... args) {
    CommandLine root = GraphsnapCommand.newCommandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), args);
    CommandLine.ParseResult parsed = root.parseArgs(args);
    return (SnapshotAnswer) parsed.subcommand().commandSpec().userObject();
  }

  /** A line for {@code path}: 1–5 symbols from the pool (a new one now and then), edges to pool names and externals. */
  private String line(String path, int round) {
    TreeSet<String> names = new TreeSet<>();
    int count = 1 + random.nextInt(5);
    while (names.size() < count) {
      names.add(random.nextInt(4) == 0 ? STEMS[random.nextInt(STEMS.length)] + ".r" + round + "x" + random.nextInt(1000)
          : pool.get(random.nextInt(pool.size())));
    }
    StringBuilder b = new StringBuilder("{\"path\": \"").append(path).append("\", \"symbols\": [");
    int at = 1;
    String sep = "";
    for (String name : names) {
      int length = random.nextInt(20);
      String kind = random.nextInt(30) == 0 ? "kind" + round : KINDS[random.nextInt(KINDS.length)];
      b.append(sep).append("{\"name\": \"").append(name).append("\", \"kind\": \"").append(kind)
          .append("\", \"lines\": [").append(at).append(", ").append(at + length).append("]");
      if (random.nextBoolean()) {
        b.append(", \"effects\": [\"").append(EFFECTS[random.nextInt(EFFECTS.length)]).append("\"]");
      }
      b.append("}");
      at += length + 1;
      sep = ", ";
    }
    b.append("], \"edges\": [");
    sep = "";
    List<String> from = new ArrayList<>(names);
    int edges = random.nextInt(8);
    for (int e = 0; e < edges; e++) {
      String type = random.nextInt(25) == 0 ? "rare" + round : TYPES[random.nextInt(TYPES.length)];
      String to = random.nextInt(6) == 0 ? "ext." + random.nextInt(30) : pool.get(random.nextInt(pool.size()));
      b.append(sep).append("{\"from\": \"").append(from.get(random.nextInt(from.size()))).append("\", \"type\": \"")
          .append(type).append("\", \"to\": \"").append(to).append("\"");
      if (random.nextBoolean()) {
        b.append(", \"line\": ").append(1 + random.nextInt(at));
      }
      b.append("}");
      sep = ", ";
    }
    return b.append("]}\n").toString();
  }

  private void ingest(Path store, String jsonl) throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, jsonl);
    Result r = run("ingest", file.toString(), "--store", store.toString(), "-q");
    assertEquals(0, r.code, r.err);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
