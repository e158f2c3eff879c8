package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import java.util.List;

/** Turns the analysis commands' arguments into ids and masks, with the exit codes of docs/DESIGN.md §5. */
final class GraphArgs {
  private GraphArgs() {}

  /**
   * The id of the node {@code name} names, exactly or forgivingly ({@link NameResolver}); exit 1 with "not found:
   * NAME" and suggestions when there is none, or with the candidates when there are several.
   */
  static int node(GraphSnapshot g, String name) {
    return new NameResolver(NameSearch.of(g)).resolve(name);
  }

  /** The ids of {@code names}, in order; exit 1 naming the first unknown one. */
  static int[] nodes(GraphSnapshot g, List<String> names) {
    int[] ids = new int[names.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = node(g, names.get(i));
    }
    return ids;
  }

  /** The edge types named (all when none are); exit 2 for an unknown type. */
  static EdgeTypeMask types(GraphSnapshot g, List<String> names) {
    try {
      return EdgeTypeMask.of(g, names);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /** Exit 2 unless {@code value >= min}. */
  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw CliException.badInput(option + " must be >= " + min + ", not " + value);
    }
  }
}
