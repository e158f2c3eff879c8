package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.query.Query;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rejects a query that names a kind, an effect or an edge type the snapshot does not have (a typo such as
 * {@code kind:methd} would otherwise match nothing, exit 0), with "did you mean" and the valid values, exit 2. The
 * reader's evaluator only warns about such terms (a library caller may mean them); the command line refuses them,
 * in the query text and in the options alike. O(terms + vocabulary); stateless.
 */
final class QueryVocabulary {
  private QueryVocabulary() {}

  /**
   * Throws a {@link CliException} (exit 2) naming the first unknown kind, effect or edge type of {@code q}.
   */
  static void requireKnown(Query q, GraphSnapshot g) {
    Set<String> kinds = new LinkedHashSet<>();
    Set<String> effects = new LinkedHashSet<>();
    Set<String> edgeTypes = new LinkedHashSet<>();
    collect(q, kinds, effects, edgeTypes);
    Suggestions.requireKnown("kind", kinds, g.kinds());
    Suggestions.requireKnown("effect", effects, g.effectNames());
    Suggestions.requireKnown("edge type", edgeTypes, g.edgeTypes());
  }

  private static void collect(Query q, Set<String> kinds, Set<String> effects, Set<String> edgeTypes) {
    switch (q) {
      case Query.And and -> and.operands().forEach(o -> collect(o, kinds, effects, edgeTypes));
      case Query.Or or -> or.operands().forEach(o -> collect(o, kinds, effects, edgeTypes));
      case Query.Not not -> collect(not.operand(), kinds, effects, edgeTypes);
      case Query.Kind kind -> kinds.add(kind.kind());
      case Query.Effect effect -> effects.add(effect.effect());
      case Query.Relation rel -> addType(rel.type(), edgeTypes);
      case Query.Degree degree -> addType(degree.type(), edgeTypes);
      case Query.All a -> { }
      case Query.Name n -> { }
      case Query.File f -> { }
      case Query.Language l -> { }
      case Query.Meta m -> { }
      case Query.Is i -> { }
    }
  }

  private static void addType(String type, Set<String> edgeTypes) {
    if (type != null) {
      edgeTypes.add(type);
    }
  }
}
