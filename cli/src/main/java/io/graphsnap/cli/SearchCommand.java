package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.NodeDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.roaringbitmap.RoaringBitmap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap search TEXT [--kind K] [--limit N] [--notes] [--json]}: symbols whose name contains TEXT
 * (ignoring case) or matches it as a camel-hump pattern ({@code SU#iB}), or, when nothing does, whose name is
 * nearest to it by edit distance; ranked by {@link NameRanking}. {@code --json} prints
 * {@code [{"name", "kind", "file", "lines"}]} ({@code file} and {@code lines} only for declared symbols).
 */
@Command(name = "search", description = "Find symbols by part of their name (case-insensitive), camel humps (SU#iB) "
    + "or, when nothing matches, by similarity; best first.")
final class SearchCommand implements Callable<Integer>, SnapshotAnswer, QuickOptions {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "TEXT", arity = "0..1", description = "Part of a name, a camel-hump pattern (SU#iB for StringUtils#isBlank), or a misspelled name.")
  String text;

  @Option(names = "--kind", paramLabel = "K", split = ",", description = "Only symbols of these kinds.")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: ${DEFAULT-VALUE}).")
  int limit = 20;

  @Option(names = "--notes", description = "Also search note text and metadata values (slower: reads every symbol's details).")
  boolean notes;

  @Option(names = "--stdin", description = "Read texts from standard input, one per line; print one JSON line per text.")
  boolean stdin;

  @Option(names = "--json", description = "Print one JSON document: [{\"name\", \"kind\", \"file\", \"lines\"}].")
  boolean json;

  // QuickOptions: the options above, for QuickCommandLine

  @Override
  public void prepare(GraphsnapCommand parent) {
    root = parent;
    snapshot = SnapshotOptions.defaults();
  }

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public boolean flag(String option) {
    switch (option) {
      case "--notes" -> notes = true;
      case "--stdin" -> stdin = true;
      case "--json" -> json = true;
      default -> {
        return snapshot.quickFlag(option);
      }
    }
    return true;
  }

  @Override
  public boolean option(String option, String value) {
    switch (option) {
      case "--limit" -> {
        limit = QuickOptions.plainInt(value);
        return limit >= 0;
      }
      case "--kind" -> {
        // split = ",": only plain lists (no quotes, no empty item), which every way of splitting reads alike
        if (value.indexOf('"') >= 0 || value.indexOf('\'') >= 0 || value.startsWith(",") || value.endsWith(",")
            || value.contains(",,")) {
          return false;
        }
        kinds.addAll(List.of(value.split(",")));
      }
      default -> {
        return snapshot.quickOption(option, value);
      }
    }
    return true;
  }

  @Override
  public boolean parameter(String value) {
    if (text != null) {
      return false;
    }
    text = value;
    return true;
  }

  @Override
  public Integer call() {
    if (stdin != (text == null)) {
      throw CliException.badInput(stdin ? "--stdin reads the texts from standard input: give no TEXT" : "give some text to search for (or --stdin)");
    }
    if (stdin) {
      return StdinBatch.run(snapshot, root.out(), (g, line) -> {
        text = line;
        return answer(g);
      });
    }
    try (GraphSnapshot g = snapshot.open()) {
      List<Map<String, Object>> rows = answer(g);
      print(rows);
      return rows.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
    }
  }

  /** Whether the last {@link #answer} fell back to similar names, and how many names matched before the limit. */
  private boolean fuzzy;
  private long total;

  /** {@code [{"name", "kind", "file", "lines"}]}, best first; the same for {@code --json} and {@code /api/search}. */
  @Override
  public List<Map<String, Object>> answer(GraphSnapshot g) {
    GraphArgs.atLeast("--limit", limit, 0);
    if (text == null || text.isBlank()) {
      throw CliException.badInput("give some text to search for");
    }
    Suggestions.requireKnown("kind", kinds, g.kinds());
    NameSearch search = NameSearch.of(g);
    String query = NameMatch.normalise(text);
    RoaringBitmap found = search.containing(query);
    CamelHump hump = CamelHump.of(query);
    if (hump != null) {
      found.or(search.camelHump(hump));
    }
    if (notes) {
      found.or(inDetails(g, query));
    }
    found.and(ofKinds(g));
    fuzzy = found.isEmpty();
    total = found.getLongCardinality();
    List<Integer> ranked = new ArrayList<>();
    if (fuzzy) {
      for (int id : search.similar(query, Math.max(limit, 1) * 4)) {
        if (kinds.isEmpty() || kinds.contains(g.kind(id))) {
          ranked.add(id);
        }
      }
      ranked = ranked.subList(0, Math.min(limit, ranked.size())); // similar() ranks by distance
    } else {
      for (int id : NameRanking.best(g, query, found.getIntIterator(), limit)) {
        ranked.add(id);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int id : ranked) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", g.name(id));
      row.put("kind", g.kind(id));
      if (!g.isExternal(id)) {
        row.put("file", g.file(id));
        row.put("lines", List.of(g.lineStart(id), g.lineEnd(id)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** {@code --notes} reads every node's details. */
  @Override
  public boolean expensive() {
    return notes;
  }

  private RoaringBitmap ofKinds(GraphSnapshot g) {
    if (kinds.isEmpty()) {
      return RoaringBitmap.bitmapOfRange(0, g.nodeCount());
    }
    RoaringBitmap any = new RoaringBitmap();
    kinds.forEach(k -> any.or(g.ofKind(k).toRoaringBitmap()));
    return any;
  }

  /** Nodes whose note text or metadata values contain {@code query}, ignoring case. O(N) detail reads. */
  private static RoaringBitmap inDetails(GraphSnapshot g, String query) {
    String needle = query.toLowerCase(Locale.ROOT);
    RoaringBitmap result = new RoaringBitmap();
    for (int id = 0; id < g.nodeCount(); id++) {
      NodeDetails d = g.details(id);
      boolean hit = d.notes().stream().anyMatch(n -> n.text().toLowerCase(Locale.ROOT).contains(needle))
          || d.metadata().values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle));
      if (hit) {
        result.add(id);
      }
    }
    return result;
  }

  private void print(List<Map<String, Object>> rows) {
    if (json) {
      Json.print(root.out(), rows);
      return;
    }
    var out = root.out();
    for (Map<String, Object> row : rows) {
      Object lines = row.get("lines");
      TerminalText.printf(out, root.color().column(12) + " %s%s%n", row.get("kind"), row.get("name"),
          row.containsKey("file") ? "  " + row.get("file") + ":" + ((List<?>) lines).getFirst() : "");
    }
    out.flush();
    if (!root.quiet()) {
      if (rows.isEmpty()) {
        root.err().println("nothing matches '" + TerminalText.escape(text) + "'");
      } else if (fuzzy) {
        root.err().println("(no name contains '" + TerminalText.escape(text) + "'; these are the nearest)");
      } else if (total > rows.size()) {
        root.err().printf("(%,d of %,d shown; raise --limit for more)%n", rows.size(), total);
      }
      root.err().flush();
    }
  }
}
