package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
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
 * {@code graphsnap reach NAME... [--type T,...] [--reverse] [--depth D] [--count]}: what the symbols reach (or
 * what reaches them), each with its BFS depth; the sources count, at depth 0. Output ordered by depth, then name.
 */
@Command(name = "reach",
    description = "List what a symbol reaches (or, with --reverse, what reaches it), with BFS depths.")
final class ReachCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", arity = "1..*", description = "Start symbol(s): in full, or a unique part of the name.")
  List<String> names;

  @Option(names = "--type", paramLabel = "T", split = ",", description = "Follow only these edge types (default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--reverse", description = "Follow edges backwards: who reaches NAME.")
  boolean reverse;

  @Option(names = "--depth", paramLabel = "D", description = "At most D edges from the start (default: no limit).")
  int depth = -1;

  @Option(names = "--count", description = "Print only the number of nodes reached.")
  boolean countOnly;

  @Option(names = "--json", description = "Print one JSON document: {\"count\", \"nodes\": [{\"name\", \"depth\"}]}.")
  boolean json;

  @Override
  public Integer call() {
    if (depth < -1) {
      GraphArgs.atLeast("--depth", depth, 0);
    }
    try (GraphSnapshot g = snapshot.open()) {
      print(answer(g));
      return ExitCodes.OK;
    }
  }

  /** Without a depth, a reach may visit the whole graph. */
  @Override
  public boolean expensive() {
    return depth < 0;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    if (depth < -1) {
      GraphArgs.atLeast("--depth", depth, 0);
    }
    int[] sources = GraphArgs.nodes(g, names);
    Reach reach = Reachability.reach(CsrGraph.of(g), sources, GraphArgs.types(g, types),
        reverse ? Direction.REVERSE : Direction.FORWARD, depth);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("count", reach.count());
    if (!countOnly) {
      InlineWork.check(reach.count(), "nodes reached");
      List<Map<String, Object>> nodes = new ArrayList<>(reach.count());
      for (int level = 0; level < reach.levels(); level++) {
        for (int v : reach.nodesAtDepth(level)) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", g.name(v));
          row.put("depth", level);
          nodes.add(row);
        }
      }
      doc.put("nodes", nodes);
    }
    return doc;
  }

  @SuppressWarnings("unchecked")
  private void print(Map<String, Object> doc) {
    if (json) {
      Json.print(root.out(), doc);
      return;
    }
    var out = root.out();
    if (countOnly) {
      out.println(doc.get("count"));
    } else {
      for (Map<String, Object> row : (List<Map<String, Object>>) doc.get("nodes")) {
        TerminalText.printf(out, "%d\t%s%n", (Integer) row.get("depth"), row.get("name"));
      }
    }
    out.flush();
  }
}
