package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.query.Query;
import io.graphsnap.reader.query.QueryEvaluator;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import picocli.CommandLine.Option;

/**
 * {@code --no-external} and {@code --exclude-tests}, for the commands whose results external nodes and tests
 * would otherwise dominate ({@code query}, {@code dead}, {@code pagerank}). They are the query terms
 * {@code -is:external} and {@code -is:test} (tests: kind {@code test}, and every symbol of a file under a
 * {@code test} or {@code tests} folder, {@code src/test/java/...}), evaluated by the reader's query evaluator.
 */
final class NodeFilterOptions {
  @Option(names = "--no-external", description = "Leave out external nodes (targets no file declares, such as java.lang.String); the query term -is:external.")
  boolean noExternal;

  @Option(names = "--exclude-tests", description = "Leave out tests: kind test, and every symbol of a file under a test/ or tests/ folder; the query term -is:test.")
  boolean excludeTests;

  /** Whether any filter is on. */
  boolean any() {
    return noExternal || excludeTests;
  }

  /** The query terms of the options, each a NOT: none when no option is on. */
  List<Query> terms() {
    List<Query> terms = new ArrayList<>();
    if (noExternal) {
      terms.add(new Query.Not(new Query.Is("external")));
    }
    if (excludeTests) {
      terms.add(new Query.Not(new Query.Is("test")));
    }
    return terms;
  }

  /**
   * The nodes the options leave out: {@code is:external} and/or {@code is:test}. O(N) at most (one check per
   * node, one path match per file); the caller owns the bitmap.
   */
  RoaringBitmap excluded(GraphSnapshot g) {
    List<Query> excluded = new ArrayList<>();
    if (noExternal) {
      excluded.add(new Query.Is("external"));
    }
    if (excludeTests) {
      excluded.add(new Query.Is("test"));
    }
    if (excluded.isEmpty()) {
      return new RoaringBitmap();
    }
    Query q = excluded.size() == 1 ? excluded.getFirst() : new Query.Or(excluded);
    return new QueryEvaluator(g).evaluate(q).nodes().toRoaringBitmap();
  }
}
