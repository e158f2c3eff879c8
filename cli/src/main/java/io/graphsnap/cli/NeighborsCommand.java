package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
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
 * {@code graphsnap neighbors NAME [--type T] [--reverse] [--sites]}: what a symbol points to, or what points to it;
 * with {@code --sites}, where each edge occurs ({@code path:line}, from the snapshot's CALL_SITES section).
 */
@Command(name = "neighbors", aliases = "neighbours",
    description = "List a symbol's out-neighbours (or in-neighbours with --reverse), optionally of one edge type.")
final class NeighborsCommand implements Callable<Integer>, SnapshotAnswer, QuickOptions {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "Symbol name: in full, or a unique part (StringUtils, StringUtils#isBlank, isBlank).")
  String name;

  @Option(names = "--type", paramLabel = "T", description = "Only edges of this type (calls, references, ...).")
  String type;

  @Option(names = "--reverse", description = "Incoming edges: who calls/references/contains NAME.")
  boolean reverse;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the first N neighbours (paging; default: 0).")
  long offset;

  @Option(names = "--limit", paramLabel = "N", description = "At most N neighbours (paging; default: all).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--sites", description = "Also print where each edge occurs, path:line (each call of a calls edge; "
      + "the file is the caller's). With --json each neighbour gets \"sites\": [{\"file\", \"line\"}]. Snapshots "
      + "built before format 4 have none.")
  boolean sites;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(names = "--stdin", description = "Read names from standard input, one per line; print one JSON line per name.")
  boolean stdin;

  // QuickOptions: the options above, for QuickCommandLine

  @Override
  public void prepare(GraphsnapCommand parent) {
    root = parent;
    snapshot = SnapshotOptions.defaults();
  }

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public boolean flag(String option) {
    switch (option) {
      case "--reverse" -> reverse = true;
      case "--sites" -> sites = true;
      case "--json" -> json = true;
      case "--stdin" -> stdin = true;
      default -> {
        return snapshot.quickFlag(option);
      }
    }
    return true;
  }

  @Override
  public boolean option(String option, String value) {
    switch (option) {
      case "--type" -> type = value;
      case "--offset" -> {
        offset = QuickOptions.plainLong(value);
        return offset >= 0;
      }
      case "--limit" -> {
        limit = QuickOptions.plainInt(value);
        return limit >= 0;
      }
      default -> {
        return snapshot.quickOption(option, value);
      }
    }
    return true;
  }

  @Override
  public boolean parameter(String value) {
    if (name != null) {
      return false;
    }
    name = value;
    return true;
  }

  @Override
  public Integer call() {
    GraphArgs.atLeast("--offset", offset, 0);
    GraphArgs.atLeast("--limit", limit, 0);
    if (stdin != (name == null)) {
      throw CliException.badInput(stdin ? "--stdin reads the names from standard input: give no NAME" : "give a NAME (or --stdin)");
    }
    if (stdin) {
      return StdinBatch.run(snapshot, root.out(), this::rows);
    }
    try (GraphSnapshot g = snapshot.open()) {
      List<Map<String, Object>> rows = answer(g);
      if (sites && !g.hasSites()) {
        TerminalText.printf(root.err(), "graphsnap: this snapshot (format v%d) has no call sites; rebuild it to get "
            + "them (format v4)%n", g.formatVersion());
        root.err().flush();
      }
      if (json) {
        Json.print(root.out(), rows);
      } else {
        for (Map<String, Object> row : rows) {
          TerminalText.printf(root.out(), root.color().column(12) + " %s%n", row.get("type"), row.get("name"));
          if (row.get("sites") instanceof List<?> list) {
            for (Object site : list) {
              Map<?, ?> at = (Map<?, ?>) site;
              TerminalText.printf(root.out(), "%12s   %s:%d%n", "", at.get("file"), at.get("line"));
            }
          }
        }
        root.out().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g) {
    return rows(g, name);
  }

  @Override
  public List<Map<String, Object>> answer(LayeredSnapshot g, String id) {
    return rows(PointGraph.of(g), name);
  }

  private List<Map<String, Object>> rows(GraphSnapshot g, String nodeName) {
    return rows(PointGraph.of(g), nodeName);
  }

  /**
   * {@code [{"name", "type"}]}: the neighbours of {@code nodeName} along the selected edges, in CSR order (by type,
   * then id), from {@code --offset} on, at most {@code --limit} of them. O(offset + limit) cursor steps. With {@link
   * #sites}, each also {@code "sites": [{"file", "line"}]}, the lines of the edge in its source's file (the
   * neighbour's with {@code --reverse}, else the named symbol's), empty when it has none.
   */
  private List<Map<String, Object>> rows(PointGraph g, String nodeName) {
    GraphArgs.atLeast("--offset", offset, 0);
    GraphArgs.atLeast("--limit", limit, 0);
    int id = g.resolve(nodeName);
    List<Map<String, Object>> rows = new ArrayList<>();
    int typeId = -1;
    if (type != null) {
      typeId = g.edgeTypeId(type);
      if (typeId < 0) {
        throw CliException.badInput("unknown edge type '" + type + "' (this snapshot has " + g.edgeTypes() + ")");
      }
    }
    PointGraph.Row c = reverse ? g.in(id, typeId) : g.out(id, typeId);
    List<String> types = g.edgeTypes();
    InlineWork.check(Math.min(c.size(), offset + (long) limit), "neighbours listed");
    for (long skip = offset; skip > 0 && c.next() >= 0; skip--) {
      // paging: skip the first --offset neighbours
    }
    for (int n = limit > 0 ? c.next() : -1; n >= 0; n = rows.size() < limit ? c.next() : -1) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", g.name(n));
      row.put("type", types.get(c.type()));
      if (sites) {
        row.put("sites", sites(g, reverse ? n : id, c.type(), reverse ? id : n));
      }
      rows.add(row);
    }
    return rows;
  }

  /** {@code [{"file", "line"}]}: where the edge (source, type, target) occurs, in source's file. */
  private static List<Map<String, Object>> sites(PointGraph g, int source, int type, int target) {
    int[] lines = g.sites(source, type, target);
    if (lines.length == 0) {
      return List.of();
    }
    String file = g.file(source);
    List<Map<String, Object>> out = new ArrayList<>(lines.length);
    for (int line : lines) {
      Map<String, Object> site = new LinkedHashMap<>();
      site.put("file", file);
      site.put("line", line);
      out.add(site);
    }
    return out;
  }
}
