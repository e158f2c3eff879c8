package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
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
 * {@code graphsnap pagerank [--type T,...] [--top 20] [--damping 0.85] [--iterations N] [--tolerance T]
 * [--seed NAME...]}: the highest-ranked symbols, by descending rank; with {@code --seed}, personalised
 * PageRank ("what matters to these symbols"). Conventions in {@link PageRank}'s Javadoc.
 */
@Command(name = "pagerank", description = "Rank symbols by PageRank (personalised with --seed), highest first.")
final class PagerankCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;
  @Mixin NodeFilterOptions filter;

  @Option(names = "--type", paramLabel = "T", split = ",", description = "Only these edge types (default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--top", paramLabel = "K", description = "Print the K best (default: ${DEFAULT-VALUE}).")
  int top = 20;

  @Option(names = "--damping", paramLabel = "D", description = "Damping factor in [0, 1] (default: ${DEFAULT-VALUE}).")
  double damping = PageRank.DEFAULT_DAMPING;

  @Option(names = "--iterations", paramLabel = "N", description = "At most N iterations (default: ${DEFAULT-VALUE}).")
  int iterations = PageRank.DEFAULT_MAX_ITERATIONS;

  @Option(names = "--tolerance", paramLabel = "T",
      description = "Stop when the L1 change of an iteration is below T (default: ${DEFAULT-VALUE}).")
  double tolerance = PageRank.DEFAULT_TOLERANCE;

  @Option(names = "--seed", paramLabel = "NAME", description = "Personalise on this symbol (repeatable).")
  List<String> seeds = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON document: [{\"name\", \"rank\"}] in descending rank.")
  boolean json;

  /**
   * The {@code k} best-ranked nodes not in {@code excluded}, best first (ties: lower id first). Ranks are computed
   * on the whole graph; the filter only chooses what is shown. O(N log k).
   */
  static int[] topExcept(PageRankResult result, org.roaringbitmap.RoaringBitmap excluded, int k) {
    io.graphsnap.reader.analysis.SmallestK best = new io.graphsnap.reader.analysis.SmallestK(k);
    for (int v = 0; v < result.nodeCount(); v++) {
      if (!excluded.contains(v)) {
        best.offer(io.graphsnap.reader.analysis.SmallestK.descending(result.rank(v)), v);
      }
    }
    return best.drain();
  }

  @Override
  public Integer call() {
    GraphArgs.atLeast("--top", top, 0);
    GraphArgs.atLeast("--iterations", iterations, 0);
    try (GraphSnapshot g = snapshot.open()) {
      noteInPlace(g);
      Progress progress = root.progress();
      List<Map<String, Object>> rows;
      try {
        rows = answer(g, (i, change) -> progress.status(String.format("pagerank: iteration %d, L1 change %.3g", i, change)));
      } finally {
        progress.done();
      }
      if (!lastResult.converged() && !root.quiet() && iterations > 0) {
        root.err().printf("graphsnap: pagerank did not converge in %d iterations (L1 change %.3g, tolerance %.3g)%n",
            lastResult.iterations(), lastResult.lastChange(), tolerance);
        root.err().flush();
      }
      if (json) {
        Json.print(root.out(), rows);
      } else {
        var out = root.out();
        for (Map<String, Object> row : rows) {
          TerminalText.printf(out, "%.6e  %s%n", (Double) row.get("rank"), row.get("name"));
        }
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  /** Says on stderr (unless quiet) when a compact snapshot's in-edges are too large to decode and are read in place. */
  private void noteInPlace(GraphSnapshot g) {
    PageRank probe = PageRank.on(CsrGraph.of(g));
    if (root.quiet() || !probe.readsInEdgesInPlace()) {
      return;
    }
    long copy = probe.inEdgesCopyBytes();
    long heapGiB = (4 * copy + (1L << 30) - 1) >> 30;
    root.err().printf("graphsnap: pagerank reads the compact snapshot's in-edges in place, decoding them on every "
        + "iteration (slower), because their decoded copy would take %.1f GB, more than a quarter of the %.1f GB heap; "
        + "for the faster iterations give the JVM a larger heap (GRAPHSNAP_JAVA_OPTS=-Xmx%dg) or build with --format "
        + "fixed%n", copy / 1e9, Runtime.getRuntime().maxMemory() / 1e9, heapGiB);
    root.err().flush();
  }

  /** The last {@link #answer}'s result, for the convergence warning. */
  private PageRankResult lastResult;

  /** Iterates over the whole graph. */
  @Override
  public boolean expensive() {
    return true;
  }

  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g) {
    return answer(g, (PageRank.IterationListener) null);
  }

  /** Calls {@code checkpoint} after every iteration. */
  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g, Runnable checkpoint) {
    return answer(g, (i, change) -> checkpoint.run());
  }

  private List<Map<String, Object>> answer(GraphSnapshot g, PageRank.IterationListener listener) {
    GraphArgs.atLeast("--top", top, 0);
    GraphArgs.atLeast("--iterations", iterations, 0);
    PageRank pageRank;
    try {
      pageRank = PageRank.on(CsrGraph.of(g)).damping(damping).tolerance(tolerance).maxIterations(iterations);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    pageRank.types(GraphArgs.types(g, types));
    if (!seeds.isEmpty()) {
      pageRank.seeds(GraphArgs.nodes(g, seeds));
    }
    if (listener != null) {
      pageRank.listener(listener);
    }
    PageRankResult result = pageRank.run();
    lastResult = result;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int v : filter.any() ? topExcept(result, filter.excluded(g), top) : result.top(top)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", g.name(v));
      row.put("rank", result.rank(v));
      rows.add(row);
    }
    return rows;
  }
}
