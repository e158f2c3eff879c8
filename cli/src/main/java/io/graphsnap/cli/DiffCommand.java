package io.graphsnap.cli;

import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap diff FROM [TO]}: the semantic difference between two snapshots ({@link SemanticDiff}), by file.
 * Each side is a ref ({@code HEAD}, {@code main}, a commit id used as a ref), a snapshot id or a unique prefix of
 * one (at least 4 hex digits), or a {@code .gsnap} file (the forms {@code --at} takes on the read commands);
 * TO defaults to {@code HEAD}. Lock-free.
 *
 * <p>{@code --json} prints {@code {"from": {"spec", "snapshot"}, "to": {...}, "summary": {"files", "symbolsAdded",
 * "symbolsRemoved", "symbolsModified", "edgesAdded", "edgesRemoved"}, "files": [{"path", "symbols": {"added":
 * [{"name", "kind"}], "removed": [...], "modified": [{"name", "kind", "changes": ["hash"|"kind"|"effects"|"file"]}]},
 * "edges": {"added": [{"from", "type", "to"}], "removed": [...]}}]}}; {@code --offset N --limit K} lists only those
 * files of the changed ones (in path order), the summary still counts all. Exit code 0, or with {@code --exit-code} 1
 * when the snapshots differ.
 */
@Command(name = "diff", description = "Show symbols and edges added, removed or modified between two snapshots, by file.")
final class DiffCommand implements Callable<Integer>, StoreAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;

  @Parameters(index = "0", paramLabel = "FROM", description = "The old snapshot: a ref, a snapshot id or prefix, or a .gsnap file.")
  String from;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "The new snapshot (same forms; default: HEAD).")
  String to = "HEAD";

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(names = "--exit-code", description = "Exit with 1 if the snapshots differ (with -q: print nothing, only the exit code).")
  boolean exitCode;

  @Option(names = "--offset", paramLabel = "N", description = "List the changed files from the N-th on (paging; default: 0; the summary counts all).")
  int offset;

  @Option(names = "--limit", paramLabel = "K", description = "List at most K changed files (paging; default: all; the summary counts all).")
  int limit = Integer.MAX_VALUE;

  /** A resolved side of the diff. */
  private record Side(String spec, String id, Path file) {}

  /** Refuses sides that name files (for the server, which reads only its own store's snapshots). */
  boolean refsOnly;

  /** Compares whole snapshots. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public Map<String, Object> answer() {
    GraphArgs.atLeast("--offset", offset, 0);
    GraphArgs.atLeast("--limit", limit, 0);
    Side old = resolve(from);
    Side now = resolve(to);
    SemanticDiff diff;
    try (GraphSnapshot a = open(old); GraphSnapshot b = open(now)) {
      diff = SemanticDiff.of(a, b);
    }
    return document(old, now, diff, offset, limit);
  }

  @Override
  public Integer call() {
    GraphArgs.atLeast("--offset", offset, 0);
    GraphArgs.atLeast("--limit", limit, 0);
    Side old = resolve(from);
    Side now = resolve(to);
    SemanticDiff diff;
    try (GraphSnapshot a = open(old); GraphSnapshot b = open(now)) {
      diff = SemanticDiff.of(a, b);
    }
    if (json) {
      Json.print(root.out(), document(old, now, diff, offset, limit));
    } else if (!root.quiet()) { // -q: only the exit code (with --exit-code), as git diff --quiet
      print(root.out(), old, now, diff, offset, limit);
    }
    return exitCode && !diff.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
  }

  private Side resolve(String spec) {
    Path asFile = refsOnly ? null : Path.of(spec);
    if (asFile != null && spec.endsWith(".gsnap") && Files.isRegularFile(asFile)) {
      String name = asFile.getFileName().toString();
      return new Side(spec, name.substring(0, name.length() - ".gsnap".length()), asFile);
    }
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " to resolve " + spec + " (pass --store, or a .gsnap file)");
    }
    try {
      SnapshotRefs.Resolved r = SnapshotRefs.resolve(storeOption.store, spec);
      return new Side(spec, r.id(), r.file());
    } catch (NoSuchFileException e) {
      throw CliException.notFound(spec + ": " + (e.getReason() == null ? "not found" : e.getReason()));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot resolve " + spec + ": " + e.getMessage(), e);
    }
  }

  private static GraphSnapshot open(Side side) {
    try {
      return GraphSnapshot.open(side.file());
    } catch (NoSuchFileException e) {
      throw CliException.notFound("snapshot " + side.id() + " (" + side.spec() + ") is gone: " + side.file());
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read snapshot " + side.file() + ": " + e.getMessage(), e);
    }
  }

  /** The changed files from {@code offset}, at most {@code limit} of them. */
  private static List<SemanticDiff.FileDiff> page(List<SemanticDiff.FileDiff> files, int offset, int limit) {
    int from = Math.min(offset, files.size());
    return files.subList(from, (int) Math.min(files.size(), (long) from + limit));
  }

  private static Map<String, Object> document(Side old, Side now, SemanticDiff diff, int offset, int limit) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("from", Map.of("spec", old.spec(), "snapshot", old.id()));
    doc.put("to", Map.of("spec", now.spec(), "snapshot", now.id()));
    List<SemanticDiff.FileDiff> files = diff.changedFiles();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", files.size());
    summary.put("symbolsAdded", diff.symbolsAdded);
    summary.put("symbolsRemoved", diff.symbolsRemoved);
    summary.put("symbolsModified", diff.symbolsModified);
    summary.put("edgesAdded", diff.edgesAdded);
    summary.put("edgesRemoved", diff.edgesRemoved);
    doc.put("summary", summary);
    List<Map<String, Object>> list = new ArrayList<>();
    for (SemanticDiff.FileDiff f : page(files, offset, limit)) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("path", f.path);
      Map<String, Object> symbols = new LinkedHashMap<>();
      symbols.put("added", symbols(f.added, false));
      symbols.put("removed", symbols(f.removed, false));
      symbols.put("modified", symbols(f.modified, true));
      file.put("symbols", symbols);
      Map<String, Object> edges = new LinkedHashMap<>();
      edges.put("added", edges(f.edgesAdded));
      edges.put("removed", edges(f.edgesRemoved));
      file.put("edges", edges);
      list.add(file);
    }
    doc.put("files", list);
    return doc;
  }

  private static List<Map<String, Object>> symbols(List<SemanticDiff.SymbolChange> changes, boolean modified) {
    List<Map<String, Object>> out = new ArrayList<>(changes.size());
    for (SemanticDiff.SymbolChange c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("kind", c.kind());
      if (modified) {
        m.put("changes", c.changes());
      }
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, String>> edges(List<SemanticDiff.EdgeChange> changes) {
    List<Map<String, String>> out = new ArrayList<>(changes.size());
    for (SemanticDiff.EdgeChange e : changes) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("from", e.from());
      m.put("type", e.type());
      m.put("to", e.to());
      out.add(m);
    }
    return out;
  }

  private static void print(PrintWriter out, Side old, Side now, SemanticDiff diff, int offset, int limit) {
    List<SemanticDiff.FileDiff> files = diff.changedFiles();
    TerminalText.printf(out, "diff %s (%s) -> %s (%s): %s, symbols +%d -%d ~%d, edges +%d -%d%n", old.spec(),
        shortId(old.id()), now.spec(), shortId(now.id()), BuildSummary.count(files.size(), "file"), diff.symbolsAdded, diff.symbolsRemoved,
        diff.symbolsModified, diff.edgesAdded, diff.edgesRemoved);
    for (SemanticDiff.FileDiff f : page(files, offset, limit)) {
      out.println(TerminalText.escape(f.path));
      for (SemanticDiff.SymbolChange c : f.added) {
        TerminalText.printf(out, "  + %s %s%n", c.kind(), c.name());
      }
      for (SemanticDiff.SymbolChange c : f.modified) {
        TerminalText.printf(out, "  ~ %s %s (%s)%n", c.kind(), c.name(), String.join(", ", c.changes()));
      }
      for (SemanticDiff.SymbolChange c : f.removed) {
        TerminalText.printf(out, "  - %s %s%n", c.kind(), c.name());
      }
      for (SemanticDiff.EdgeChange e : f.edgesAdded) {
        TerminalText.printf(out, "  + edge %s -%s-> %s%n", e.from(), e.type(), e.to());
      }
      for (SemanticDiff.EdgeChange e : f.edgesRemoved) {
        TerminalText.printf(out, "  - edge %s -%s-> %s%n", e.from(), e.type(), e.to());
      }
    }
    out.flush();
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
