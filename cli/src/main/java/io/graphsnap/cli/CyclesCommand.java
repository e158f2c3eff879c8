package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.Components;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.StronglyConnectedComponents;
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
 * {@code graphsnap cycles [--type T,...] [--min-size 2] [--limit N]}: the cyclic strongly connected components,
 * largest first (ties by first member's name), members in name order. With {@code --min-size 1} a single
 * symbol with an edge to itself counts as a cycle.
 */
@Command(name = "cycles", description = "List dependency cycles (strongly connected components), largest first.")
final class CyclesCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--type", paramLabel = "T", split = ",", description = "Only these edge types (default: calls, when the snapshot has "
      + "calls edges, else all; 'all' for every type: contains/references loops make one giant component).")
  List<String> types = new ArrayList<>();

  @Option(names = "--min-size", paramLabel = "K",
      description = "Only components of at least K symbols (default: ${DEFAULT-VALUE}; 1 adds self-loops).")
  int minSize = 2;

  @Option(names = "--limit", paramLabel = "N", description = "At most N cycles (default: all).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--members", paramLabel = "M",
      description = "At most M member names per cycle (\"size\" still counts all; default: all).")
  int members = Integer.MAX_VALUE;

  @Option(names = "--json", description = "Print one JSON document: [{\"size\", \"nodes\": [names]}].")
  boolean json;

  @Override
  public Integer call() {
    checkParameters(); // before opening the snapshot: a bad command line is reported first
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, rows, g) -> {
      for (Map<String, Object> row : rows) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) row.get("nodes");
        TerminalText.printf(out, "%d\t%s%n", (Integer) row.get("size"), String.join(" ", names));
      }
      if (!root.quiet() && cyclicCount > rows.size()) {
        root.err().printf("(%,d of %,d cycles shown; raise --limit for more)%n", rows.size(), cyclicCount);
      }
    });
  }

  /** How many cycles the last {@link #answer} found (before {@code --limit}). */
  private int cyclicCount;

  /** Strongly connected components of the whole graph. */
  @Override
  public boolean expensive() {
    return true;
  }

  /** The checks that need no snapshot; the server calls {@link #answer} without {@link #call}. */
  private void checkParameters() {
    GraphArgs.atLeast("--min-size", minSize, 1);
    GraphArgs.atLeast("--limit", limit, 0);
    GraphArgs.atLeast("--members", members, 0);
  }

  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g) {
    return answer(g, (Runnable) null);
  }

  /** Calls {@code checkpoint} now and then while finding the components ({@link StronglyConnectedComponents}). */
  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g, Runnable checkpoint) {
    checkParameters();
    List<String> selected = types.isEmpty() ? (g.edgeTypeId("calls") >= 0 ? List.of("calls") : List.of())
        : types.equals(List.of("all")) ? List.of() : types;
    Components components = StronglyConnectedComponents.of(CsrGraph.of(g), GraphArgs.types(g, selected), checkpoint);
    int[] cyclic = components.cyclic(minSize);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < cyclic.length && i < limit; i++) {
      int[] memberIds = components.members(cyclic[i]);
      List<String> names = new ArrayList<>(Math.min(memberIds.length, members));
      for (int m = 0; m < memberIds.length && m < members; m++) {
        names.add(g.name(memberIds[m]));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("size", memberIds.length);
      row.put("nodes", names);
      rows.add(row);
    }
    cyclicCount = cyclic.length;
    return rows;
  }
}
