package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.NodePath;
import io.graphsnap.reader.analysis.ShortestPaths;
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
 * {@code graphsnap path FROM TO [--type T,...]}: one shortest path along edges (fewest steps); exit 1 when
 * there is none.
 */
@Command(name = "path", description = "Print one shortest path from FROM to TO, or exit 1 if none exists.")
final class PathCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(index = "0", paramLabel = "FROM", description = "Start symbol.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "End symbol.")
  String to;

  @Option(names = "--type", paramLabel = "T", split = ",", description = "Follow only these edge types (default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON document: {\"length\", \"nodes\": [{\"name\", \"type\"}]}"
      + " (\"type\": the edge that leads to the node; absent on FROM).")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> nodes = (List<Map<String, Object>>) doc.get("nodes");
      for (Map<String, Object> row : nodes) {
        out.println(row.containsKey("type")
            ? TerminalText.format("  -%s-> %s", row.get("type"), row.get("name"))
            : TerminalText.escape(row.get("name")));
      }
    });
  }

  /** A breadth-first search: may visit the whole graph. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    int source = GraphArgs.node(g, from);
    int target = GraphArgs.node(g, to);
    NodePath path = ShortestPaths.between(CsrGraph.of(g), source, target, GraphArgs.types(g, types), Direction.FORWARD);
    if (path.isEmpty()) {
      throw CliException.notFound("no path from " + from + " to " + to);
    }
    List<String> typeNames = g.edgeTypes();
    List<Map<String, Object>> nodes = new ArrayList<>();
    int[] ids = path.nodes();
    for (int i = 0; i < ids.length; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", g.name(ids[i]));
      if (i > 0) {
        row.put("type", typeNames.get(path.edgeTypes()[i - 1]));
      }
      nodes.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("length", path.length());
    doc.put("nodes", nodes);
    return doc;
  }
}
