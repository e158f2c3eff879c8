package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.SmallestK;
import java.util.Locale;
import org.roaringbitmap.IntIterator;

/**
 * The order of search results: the name whose simple name (last segment, without parameters) equals the query
 * first, then declared before external symbols, then shorter names, then more incoming edges, then name order.
 *
 * <p>{@link #best} ranks each candidate once, into one {@code long} key, and keeps the best {@code k} in a bounded
 * heap ({@link SmallestK}): O(n log k) for n candidates, each name read once, where sorting with a comparator
 * re-read each name at every comparison. Stateless.
 */
final class NameRanking {
  private static final int LENGTH_BITS = 20;
  private static final int DEGREE_BITS = 31;

  private NameRanking() {}

  /** The best {@code k} of {@code ids} for {@code query} over {@code g}, best first. */
  static int[] best(GraphSnapshot g, String query, IntIterator ids, int k) {
    String simpleQuery = NameMatch.lastSegment(query).toLowerCase(Locale.ROOT);
    SmallestK top = new SmallestK(k);
    while (ids.hasNext()) {
      int id = ids.next();
      top.offer(key(g, id, simpleQuery), id);
    }
    return top.drain();
  }

  /**
   * The rank of {@code id} as one number, smaller is better (ties are broken by id): bit 62 set unless its simple
   * name is {@code simpleQuery}, bit 61 set if external, then its name's length (capped at 2^20 - 1), then
   * {@code 2^31 - 1 - inDegree}.
   */
  static long key(GraphSnapshot g, int id, String simpleQuery) {
    String name = g.name(id);
    long exact = NameMatch.lastSegment(name).toLowerCase(Locale.ROOT).equals(simpleQuery) ? 0 : 1;
    long external = g.isExternal(id) ? 1 : 0;
    long length = Math.min(name.length(), (1 << LENGTH_BITS) - 1);
    long degree = Integer.MAX_VALUE - (long) Math.max(0, g.inDegree(id));
    return exact << (LENGTH_BITS + DEGREE_BITS + 1) | external << (LENGTH_BITS + DEGREE_BITS)
        | length << DEGREE_BITS | degree;
  }
}
