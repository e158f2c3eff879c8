package io.graphsnap.cli;

import java.util.Map;

/**
 * Which subcommand class a command line names, without reflecting over any of them: the names (and aliases) of
 * {@link GraphsnapCommand#SUBCOMMANDS} as plain strings. A test checks that this table matches the classes'
 * {@code @Command} annotations.
 */
final class SubcommandIndex {
  private SubcommandIndex() {}

  /** Command name (or alias) → position in {@link GraphsnapCommand#SUBCOMMANDS}. */
  static final Map<String, Integer> NAMES = Map.ofEntries(
      Map.entry("build", 0), Map.entry("ingest", 1), Map.entry("snapshot", 2), Map.entry("refs", 3),
      Map.entry("diff", 4), Map.entry("gc", 5), Map.entry("index", 6), Map.entry("info", 7),
      Map.entry("lookup", 8), Map.entry("symbols", 9), Map.entry("at", 10), Map.entry("neighbors", 11),
      Map.entry("neighbours", 11), Map.entry("query", 12), Map.entry("reach", 13), Map.entry("effects", 14),
      Map.entry("cycles", 15), Map.entry("path", 16), Map.entry("dead", 17), Map.entry("pagerank", 18),
      Map.entry("degree", 19), Map.entry("degrees", 20), Map.entry("sections", 21), Map.entry("verify", 22),
      Map.entry("export", 23), Map.entry("serve", 24), Map.entry("watch", 25), Map.entry("mcp", 26),
      Map.entry("ingest-scip", 27), Map.entry("search", 28), Map.entry("completion", 29));

  /**
   * The class of the subcommand {@code args} run, or null when they run none, {@code help}, or a name that is
   * not a subcommand ({@code completion} too: its script needs every command). The root's own options take no value
   * but {@code --color WHEN}, so the first other argument that does not start with {@code -} is the subcommand's name.
   */
  static Class<?> find(String[] args) {
    for (int k = 0; k < args.length; k++) {
      String a = args[k];
      if (a.startsWith("-")) {
        if (a.equals("--")) {
          return null;
        }
        if (a.equals("--color")) {
          k++; // its value
        }
        continue;
      }
      Integer i = NAMES.get(a);
      Class<?> command = i == null ? null : GraphsnapCommand.SUBCOMMANDS.get(i);
      return command == CompletionCommand.class ? null : command; // its script lists every command
    }
    return null;
  }
}
