package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
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
 * {@code graphsnap degree NAME}: how many edges leave and enter one symbol, in all and per edge type, so that a
 * client can show a hub's neighbours by type with their counts and page through them ({@code neighbors --type T
 * --offset N --limit K}) instead of loading them all. {@code --json} prints {@code {"name", "out": {"total",
 * "types": {TYPE: count}}, "in": {...}}} (types with no edge left out, in the snapshot's type order).
 *
 * <p>O(out-degree + in-degree): one pass over the symbol's two CSR rows, counting into an array per type.
 */
@Command(name = "degree", description = "Count a symbol's outgoing and incoming edges, in all and per edge type.")
final class DegreeCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", description = "Fully qualified symbol name.")
  String name;

  @Option(names = "--json", description = "Print one JSON document: {\"name\", \"out\": {\"total\", \"types\"}, \"in\": {...}}.")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      for (String direction : List.of("out", "in")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> side = (Map<String, Object>) doc.get(direction);
        TerminalText.printf(out, "%-4s %,d %s%n", direction, (Long) side.get("total"), side.get("types"));
      }
    });
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    return answer(PointGraph.of(g));
  }

  @Override
  public Map<String, Object> answer(LayeredSnapshot g, String id) {
    return answer(PointGraph.of(g));
  }

  private Map<String, Object> answer(PointGraph g) {
    int id = g.resolve(name);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", g.name(id));
    doc.put("out", side(g, g.out(id, -1)));
    doc.put("in", side(g, g.in(id, -1)));
    return doc;
  }

  private static Map<String, Object> side(PointGraph g, PointGraph.Row c) {
    List<String> typeNames = g.edgeTypes();
    long[] counts = new long[typeNames.size()];
    long total = 0;
    for (int n = c.next(); n >= 0; n = c.next()) {
      counts[c.type()]++;
      total++;
    }
    Map<String, Long> types = new LinkedHashMap<>();
    for (int t = 0; t < counts.length; t++) {
      if (counts[t] > 0) {
        types.put(typeNames.get(t), counts[t]);
      }
    }
    Map<String, Object> side = new LinkedHashMap<>();
    side.put("total", total);
    side.put("types", types);
    return side;
  }
}
