package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.DeadCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap dead --kind K,... [--entry NAME...] [--entry-kind K,...] [--entry-prefix P...] [--type T,...]}:
 * symbols of the given kinds that no entry point reaches, in name order.
 */
@Command(name = "dead", description = "List symbols of the given kinds that no entry point reaches.")
final class DeadCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;
  @Mixin NodeFilterOptions filter;

  @Option(names = "--kind", paramLabel = "K", split = ",", required = true,
      description = "Candidate kinds, e.g. method,fn (unreached symbols of these kinds are reported).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--entry", paramLabel = "NAME", description = "An entry point by name (repeatable).")
  List<String> entries = new ArrayList<>();

  @Option(names = "--entry-kind", paramLabel = "K", split = ",", description = "Entry points by kind, e.g. test.")
  List<String> entryKinds = new ArrayList<>();

  @Option(names = "--entry-prefix", paramLabel = "P", description = "Entry points by name prefix, e.g. a public API package (repeatable).")
  List<String> entryPrefixes = new ArrayList<>();

  @Option(names = "--entry-main", description = "static main(String[]) methods are entry points.")
  boolean entryMain;

  @Option(names = "--entry-frameworks", description = "Methods frameworks call are entry points: JUnit lifecycle and "
      + "template methods (@BeforeEach, @AfterAll, @ParameterizedTest, ...), @MethodSource providers (static methods "
      + "without parameters of such a class), JMH @Benchmark/@Setup/@TearDown, and overrides of library methods.")
  boolean entryFrameworks;

  @Option(names = "--type", paramLabel = "T", split = ",", description = "Follow only these edge types (default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: all).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--json", description = "Print one JSON document: [{\"name\", \"kind\"}].")
  boolean json;

  @Override
  public Integer call() {
    checkParameters(); // before opening the snapshot: a bad command line is reported first
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, rows, g) -> {
      for (Map<String, String> row : rows) {
        TerminalText.printf(out, root.color().column(12) + " %s%n", row.get("kind"), row.get("name"));
      }
      if (!root.quiet()) {
        root.err().printf("%,d unreachable of %,d candidates from %,d entry points%s%n", deadCount,
            candidateCount, entryCount, rows.size() < deadCount ? " (raise --limit to see all)" : "");
      }
    });
  }

  /** What the last {@link #answer} counted, for the summary on stderr. */
  private long deadCount;
  private long candidateCount;
  private long entryCount;

  /** A reachability pass over the whole graph. */
  @Override
  public boolean expensive() {
    return true;
  }

  /** The checks that need no snapshot; the server calls {@link #answer} without {@link #call}. */
  private void checkParameters() {
    GraphArgs.atLeast("--limit", limit, 0);
    if (entries.isEmpty() && entryKinds.isEmpty() && entryPrefixes.isEmpty() && !entryMain && !entryFrameworks) {
      throw CliException.badInput("give at least one entry point: --entry NAME, --entry-kind K, --entry-prefix P, "
          + "--entry-main or --entry-frameworks");
    }
  }

  @Override
  public List<Map<String, String>> answer(GraphSnapshot g) {
    checkParameters();
    Suggestions.requireKnown("kind", kinds, g.kinds());
    Suggestions.requireKnown("entry kind", entryKinds, g.kinds());
    MutableRoaringBitmap entryPoints = DeadCode.ofKinds(g, entryKinds);
    entryPoints.or(DeadCode.withPrefixes(g, entryPrefixes));
    if (entryMain) {
      entryPoints.or(EntryPoints.mainMethods(g));
    }
    if (entryFrameworks) {
      entryPoints.or(EntryPoints.frameworkMethods(g));
    }
    for (int id : GraphArgs.nodes(g, entries)) {
      entryPoints.add(id);
    }
    MutableRoaringBitmap candidates = DeadCode.ofKinds(g, kinds);
    if (filter.any()) {
      candidates.andNot(filter.excluded(g).toMutableRoaringBitmap());
    }
    RoaringBitmap dead = DeadCode.unreachable(CsrGraph.of(g), candidates, entryPoints,
        GraphArgs.types(g, types));
    List<Map<String, String>> rows = new ArrayList<>();
    for (IntIterator it = dead.getIntIterator(); it.hasNext() && rows.size() < limit; ) {
      int v = it.next();
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", g.name(v));
      row.put("kind", g.kind(v));
      rows.add(row);
    }
    deadCount = dead.getLongCardinality();
    candidateCount = candidates.getLongCardinality();
    entryCount = entryPoints.getLongCardinality();
    return rows;
  }
}
