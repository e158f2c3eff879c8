package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.query.NamePattern;
import io.graphsnap.reader.query.Query;
import io.graphsnap.reader.query.QueryEvaluator;
import io.graphsnap.reader.query.QueryParser;
import io.graphsnap.reader.query.QueryResult;
import io.graphsnap.reader.query.QuerySyntaxException;
import java.util.ArrayList;
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
 * {@code graphsnap query [QUERY...] [--kind K] [--effect E] [--prefix P] [--relation TYPE:TARGET] [--no-external]
 * [--exclude-tests] [--limit N] [--count]}: nodes matching the query (the syntax of {@link io.graphsnap.reader.query})
 * and every given filter, in name order. Parsing and evaluation live in the reader's query package; this class
 * turns options into query terms ({@code --no-external} is {@code -is:external}, {@code --exclude-tests} is
 * {@code -is:test}), rejects kinds, effects and edge types the snapshot does not have ({@link QueryVocabulary}),
 * and prints.
 */
@Command(name = "query", description = {
    "List symbols matching a query, in name order, e.g.",
    "  graphsnap query 'kind:method effect~:io -file:src/test/ (name:*Reader OR name:*Stream)'",
    "Qualifiers: kind:K, effect:E (declared), effect~:E (declared or inherited through calls), name:P (exact,",
    "P* prefix, glob with * and ?), file:P (prefix or glob), lang:L, meta:KEY=VALUE, meta:KEY, TYPE:X for any",
    "edge type (calls:X, covers:R-1), calledby:X, rel:TYPE>X, rel:TYPE<X, in>N, out.calls<=N, is:external,",
    "is:merged, is:test; a bare word matches names containing it. Terms combine with AND; OR, -term (NOT) and",
    "parentheses as usual; \"quotes\" make a value literal. The options below AND with the query; a kind, effect",
    "or edge type the snapshot does not have is an error (exit 2) that lists the valid ones."})
final class QueryCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;
  @Mixin NodeFilterOptions filter;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The query (several arguments are joined with spaces).")
  List<String> query = new ArrayList<>();

  @Option(names = "--kind", paramLabel = "K", description = "Only nodes of this kind (repeatable: any of them).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--effect", paramLabel = "E", description = "Only nodes declaring this effect (repeatable: all of them).")
  List<String> effects = new ArrayList<>();

  @Option(names = "--prefix", paramLabel = "P", description = "Only names starting with P.")
  String prefix;

  @Option(names = "--relation", paramLabel = "TYPE:TARGET",
      description = "Only nodes with an edge of TYPE to TARGET, e.g. covers:R-12 (repeatable: all of them).")
  List<String> relations = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: all).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--count", description = "Print only the number of matches.")
  boolean count;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw CliException.badInput("--limit must be >= 0, not " + limit);
    }
    try (GraphSnapshot g = snapshot.open()) {
      Object doc;
      try {
        doc = answer(g);
      } catch (QuerySyntaxException e) {
        TerminalText.printf(root.err(), "graphsnap: query: %s%n", e.getMessage());
        TerminalText.printf(root.err(), "  %s%n", e.query());
        root.err().printf("  %s^%n", " ".repeat(e.column() - 1));
        root.err().flush();
        return ExitCodes.BAD_INPUT;
      }
      if (!root.quiet()) {
        for (String warning : lastResult.warnings()) {
          TerminalText.printf(root.err(), "graphsnap: warning: %s%n", warning);
        }
        root.err().flush();
      }
      if (json) {
        Json.print(root.out(), doc);
        return ExitCodes.OK;
      }
      if (count) {
        root.out().println(lastResult.count());
        root.out().flush();
        return ExitCodes.OK;
      }
      @SuppressWarnings("unchecked")
      List<Map<String, String>> rows = (List<Map<String, String>>) doc;
      for (Map<String, String> row : rows) {
        TerminalText.printf(root.out(), root.color().column(12) + " %s%n", row.get("kind"), row.get("name"));
      }
      if (!root.quiet() && lastResult.count() > rows.size()) {
        root.err().printf("(%,d of %,d shown; raise --limit for more)%n", rows.size(), lastResult.count());
      }
      root.out().flush();
      return ExitCodes.OK;
    }
  }

  /** The last {@link #answer}'s result, for its warnings and count. */
  private QueryResult lastResult;

  /** A query may scan every node (globs, bare words). */
  @Override
  public boolean expensive() {
    return true;
  }

  /**
   * {@code [{"name", "kind"}]} (at most {@code --limit}), or {@code {"count": N}} with {@code --count}.
   *
   * @throws QuerySyntaxException for a query that does not parse (column and message)
   */
  @Override
  public Object answer(GraphSnapshot g) {
    if (limit < 0) {
      throw CliException.badInput("--limit must be >= 0, not " + limit);
    }
    Query q = query(g);
    QueryVocabulary.requireKnown(q, g);
    QueryResult result = new QueryEvaluator(g).evaluate(q);
    lastResult = result;
    if (count) {
      return Map.of("count", result.count());
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int id : result.first(limit)) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("name", g.name(id));
      row.put("kind", g.kind(id));
      rows.add(row);
    }
    return rows;
  }

  /** The query text AND the filter options. */
  private Query query(GraphSnapshot g) {
    List<Query> terms = new ArrayList<>();
    String text = String.join(" ", query);
    if (!text.isBlank()) {
      terms.add(new QueryParser(g.edgeTypes()).parse(text));
    }
    if (!kinds.isEmpty()) {
      List<Query> any = kinds.stream().<Query>map(Query.Kind::new).toList();
      terms.add(any.size() == 1 ? any.getFirst() : new Query.Or(any));
    }
    for (String effect : effects) {
      terms.add(new Query.Effect(effect, false));
    }
    if (prefix != null) {
      terms.add(new Query.Name(NamePattern.prefix(prefix)));
    }
    for (String relation : relations) {
      int colon = relation.indexOf(':');
      if (colon <= 0 || colon == relation.length() - 1) {
        throw CliException.badInput("--relation takes TYPE:TARGET, e.g. covers:R-12, not '" + relation + "'");
      }
      terms.add(new Query.Relation(relation.substring(0, colon), Query.Direction.OUT,
          NamePattern.exact(relation.substring(colon + 1))));
    }
    terms.addAll(filter.terms());
    if (terms.isEmpty()) {
      return new Query.All();
    }
    return terms.size() == 1 ? terms.getFirst() : new Query.And(terms);
  }
}
