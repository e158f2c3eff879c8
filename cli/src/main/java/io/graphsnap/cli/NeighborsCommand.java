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
final class NeighborsCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", description = "Symbol name: in full, or a unique part (StringUtils, StringUtils#isBlank, isBlank).")
  String name;

  @Option(names = "--type", paramLabel = "T", description = "Only edges of this type (calls, references, ...).")
  String type;

  @Option(names = "--reverse", description = "Incoming edges: who calls/references/contains NAME.")
  boolean reverse;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    try (GraphSnapshot g = snapshot.open()) {
      int id = GraphArgs.node(g, name);
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
      for (int n = c.next(); n >= 0; n = c.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", g.name(n));
        row.put("type", types.get(c.type()));
        rows.add(row);
      }
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
}
