package io.graphsnap.reader.analysis;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import java.util.Collection;
import java.util.Objects;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Dead code: candidate nodes (typically of some kinds, e.g. {@code method}) that no entry point reaches,
 * following edges forward (an entry point reaches what it calls, references, contains, ...). One
 * whole-graph {@link Reachability} search from all entry points at once, then a pass over the candidates.
 *
 * <p>Cost: one direction-optimising search plus O(candidates). Memory: the search's (about N/4 bytes plus 4
 * bytes per reached node) and the result bitmap. Thread safety: reentrant.
 */
public final class DeadCode {
  private DeadCode() {}

  /**
   * The {@code candidates} not reachable from any of {@code entries} over edges of {@code types}
   * ({@code null}: all). Entry points are reached (at depth 0), so they are never dead.
   *
   * @return a new bitmap, a subset of {@code candidates}
   */
  public static RoaringBitmap unreachable(CsrGraph graph, ImmutableRoaringBitmap candidates,
      ImmutableRoaringBitmap entries, EdgeTypeMask types) {
    Objects.requireNonNull(candidates, "candidates");
    Reach reach = Reachability.reach(graph, entries, types, Direction.FORWARD, -1);
    RoaringBitmap dead = new RoaringBitmap();
    int n = graph.nodeCount();
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int v = it.next();
      if (Integer.compareUnsigned(v, n) < 0 && !reach.contains(v)) {
        dead.add(v);
      }
    }
    return dead;
  }

  /** The nodes of any of {@code kinds} in {@code snapshot} (unknown kinds contribute none), as a new bitmap. */
  public static MutableRoaringBitmap ofKinds(GraphSnapshot snapshot, Collection<String> kinds) {
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    for (String kind : kinds) {
      result.or(snapshot.ofKind(kind));
    }
    return result;
  }

  /** The nodes whose names start with any of {@code prefixes}, as a new bitmap. O(prefixes · log N). */
  public static MutableRoaringBitmap withPrefixes(GraphSnapshot snapshot, Collection<String> prefixes) {
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    for (String prefix : prefixes) {
      IdRange range = snapshot.withPrefix(prefix);
      result.add((long) range.start(), (long) range.end());
    }
    return result;
  }
}
