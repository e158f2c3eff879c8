package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order of search results: the name whose simple name (last segment, without parameters) equals the query
 * first, then declared before external symbols, then shorter names, then more incoming edges, then name order.
 */
final class NameRanking {
  private NameRanking() {}

  /** A comparator of node ids for {@code query} over {@code g}; it reads names and degrees as it compares. */
  static Comparator<Integer> of(GraphSnapshot g, String query) {
    String simpleQuery = NameMatch.lastSegment(query).toLowerCase(Locale.ROOT);
    return Comparator.<Integer>comparingInt(id -> NameMatch.lastSegment(g.name(id)).toLowerCase(Locale.ROOT).equals(simpleQuery) ? 0 : 1)
        .thenComparingInt(id -> g.isExternal(id) ? 1 : 0)
        .thenComparingInt(id -> g.name(id).length())
        .thenComparingInt(id -> -g.inDegree(id))
        .thenComparingInt(id -> id);
  }
}
