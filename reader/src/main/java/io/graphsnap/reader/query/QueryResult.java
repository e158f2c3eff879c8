package io.graphsnap.reader.query;

import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * What a query matched: node ids in ascending order (= name order) as a heap bitmap that owns its memory,
 * and the warnings evaluation raised (an unknown kind, effect, edge type, language or relation target: the
 * query is valid but that term matches nothing). Immutable.
 */
public final class QueryResult {
  private final MutableRoaringBitmap nodes;
  private final List<String> warnings;

  QueryResult(MutableRoaringBitmap nodes, List<String> warnings) {
    this.nodes = nodes;
    this.warnings = List.copyOf(warnings);
  }

  /** The matching node ids (a read-only view; heap memory, valid after the snapshot closes). */
  public ImmutableRoaringBitmap nodes() {
    return nodes;
  }

  /** The number of matches. O(1)-ish (Roaring cardinality). */
  public long count() {
    return nodes.getLongCardinality();
  }

  /** The first {@code limit} matching ids, ascending. */
  public int[] first(int limit) {
    int size = (int) Math.min(limit, count());
    int[] ids = new int[size];
    IntIterator it = nodes.getIntIterator();
    for (int i = 0; i < size; i++) {
      ids[i] = it.next();
    }
    return ids;
  }

  /** Warnings about terms that name nothing in the snapshot, in the order met. */
  public List<String> warnings() {
    return warnings;
  }
}
