package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
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

/** {@code graphsnap neighbors NAME [--type T] [--reverse]}: what a symbol points to, or what points to it. */
@Command(name = "neighbors", aliases = "neighbours",
    description = "List a symbol's out-neighbours (or in-neighbours with --reverse), optionally of one edge type.")
final class NeighborsCommand implements Callable<Integer>, SnapshotAnswer {
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

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(names = "--stdin", description = "Read names from standard input, one per line; print one JSON line per name.")
  boolean stdin;

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
      List<Map<String, String>> rows = answer(g);
      if (json) {
        Json.print(root.out(), rows);
      } else {
        for (Map<String, String> row : rows) {
          TerminalText.printf(root.out(), root.color().column(12) + " %s%n", row.get("type"), row.get("name"));
        }
        root.out().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Override
  public List<Map<String, String>> answer(GraphSnapshot g) {
    return rows(g, name);
  }

  /**
   * {@code [{"name", "type"}]}: the neighbours of {@code nodeName} along the selected edges, in CSR order (by type,
   * then id), from {@code --offset} on, at most {@code --limit} of them. O(offset + limit) cursor steps.
   */
  private List<Map<String, String>> rows(GraphSnapshot g, String nodeName) {
    GraphArgs.atLeast("--offset", offset, 0);
    GraphArgs.atLeast("--limit", limit, 0);
    int id = GraphArgs.node(g, nodeName);
    List<Map<String, String>> rows = new ArrayList<>();
    int typeId = -1;
    if (type != null) {
      typeId = g.edgeTypeId(type);
      if (typeId < 0) {
        throw CliException.badInput("unknown edge type '" + type + "' (this snapshot has " + g.edgeTypes() + ")");
      }
    }
    EdgeCursor c = typeId < 0 ? (reverse ? g.in(id) : g.out(id)) : (reverse ? g.in(id, typeId) : g.out(id, typeId));
    List<String> types = g.edgeTypes();
    for (long skip = offset; skip > 0 && c.next() >= 0; skip--) {
      // paging: skip the first --offset neighbours
    }
    for (int n = limit > 0 ? c.next() : -1; n >= 0; n = rows.size() < limit ? c.next() : -1) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", g.name(n));
      row.put("type", types.get(c.type()));
      rows.add(row);
    }
    return rows;
  }
}
