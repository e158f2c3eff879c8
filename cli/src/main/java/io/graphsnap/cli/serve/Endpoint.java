package io.graphsnap.cli.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One endpoint {@code /api/NAME}: the command it answers with and how query parameters become that command's
 * arguments. Options keep their command-line names ({@code ?type=calls&reverse} is {@code --type calls
 * --reverse}); the command's positional arguments are named here ({@code ?name=...}).
 *
 * @param command the subcommand's name
 * @param positionals the query parameters that give the positional arguments, in order
 * @param variadic true if the last positional may repeat ({@code reach ?name=A&name=B})
 * @param point true if its answers are point look-ups (microseconds to a few milliseconds, whatever the graph),
 *     answered on the event loop that read the request; the others run on the server's pool
 */
record Endpoint(String command, List<String> positionals, boolean variadic, boolean point) {
  /**
   * Options no endpoint takes: what picks the snapshot or store (the server serves its own), the output mode,
   * and what would write or take the store's writer lock ({@code refs --delete}). A new option that writes must be added here.
   */
  static final Set<String> REFUSED = Set.of("store", "snapshot", "at", "follow-store-link", "json", "stdin", "wait",
      "delete", "help", "version", "quiet", "verbose", "exit-code");

  /** The endpoints by name ({@code /api/NAME}). */
  static final Map<String, Endpoint> ALL = Map.ofEntries(
      Map.entry("lookup", new Endpoint("lookup", List.of("name"), false, true)),
      Map.entry("neighbors", new Endpoint("neighbors", List.of("name"), false, true)),
      Map.entry("neighbours", new Endpoint("neighbors", List.of("name"), false, true)),
      Map.entry("query", new Endpoint("query", List.of("q"), false, false)),
      Map.entry("search", new Endpoint("search", List.of("q"), false, false)),
      Map.entry("reach", new Endpoint("reach", List.of("name"), true, true)),
      Map.entry("path", new Endpoint("path", List.of("from", "to"), false, false)),
      Map.entry("effects", new Endpoint("effects", List.of("name"), false, false)),
      Map.entry("cycles", new Endpoint("cycles", List.of(), false, false)),
      Map.entry("dead", new Endpoint("dead", List.of(), false, false)),
      Map.entry("pagerank", new Endpoint("pagerank", List.of(), false, false)),
      Map.entry("info", new Endpoint("info", List.of(), false, true)),
      Map.entry("symbols", new Endpoint("symbols", List.of("file"), false, true)),
      Map.entry("at", new Endpoint("at", List.of("position"), false, true)),
      Map.entry("refs", new Endpoint("refs", List.of(), false, true)),
      Map.entry("diff", new Endpoint("diff", List.of("from", "to"), false, false)),
      // for the explorer (issue 18): counts by edge type, the degree distribution, bytes by section
      Map.entry("degree", new Endpoint("degree", List.of("name"), false, true)),
      Map.entry("degrees", new Endpoint("degrees", List.of(), false, false)),
      Map.entry("sections", new Endpoint("sections", List.of(), false, true)));
}
