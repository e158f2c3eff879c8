package io.graphsnap.cli;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import it.unimi.dsi.fastutil.ints.Int2LongRBTreeMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap degrees}: the degree distribution, how many symbols have each out-degree and each in-degree
 * (all edge types), for a log-log plot. {@code --json} prints {@code {"nodes", "out": [{"degree", "count"}],
 * "in": [...]}}, degrees ascending, only those that occur.
 *
 * <p>O(N log D) for N symbols and D distinct degrees: one read of each CSR's offsets; the answer has at most D
 * rows per direction (D ≤ √(2E) + 1 for E edges), never one row per symbol.
 */
@Command(name = "degrees", description = "Show the degree distribution: how many symbols have each out- and in-degree.")
final class DegreesCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--json", description = "Print one JSON document: {\"nodes\", \"out\": [{\"degree\", \"count\"}], \"in\": [...]}.")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      out.println("direction\tdegree\tsymbols");
      for (String direction : List.of("out", "in")) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get(direction);
        for (Map<String, Object> row : rows) {
          out.printf("%s\t%d\t%d%n", direction, (Integer) row.get("degree"), (Long) row.get("count"));
        }
      }
    });
  }

  /** Reads every symbol's offsets: linear in the number of symbols. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("nodes", g.nodeCount());
    doc.put("out", histogram(g.forward()));
    doc.put("in", histogram(g.reverse()));
    return doc;
  }

  private static List<Map<String, Object>> histogram(CsrView csr) {
    Int2LongRBTreeMap counts = new Int2LongRBTreeMap();
    int n = csr.nodeCount();
    for (int v = 0; v < n; v++) {
      counts.addTo(csr.degree(v), 1);
    }
    List<Map<String, Object>> rows = new ArrayList<>(counts.size());
    for (var e : counts.int2LongEntrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("degree", e.getIntKey());
      row.put("count", e.getLongValue());
      rows.add(row);
    }
    return rows;
  }
}
