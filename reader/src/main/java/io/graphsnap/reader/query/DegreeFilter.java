package io.graphsnap.reader.query;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.internal.BufferParts;
import java.nio.LongBuffer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmapWriter;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * {@code in>N}, {@code out.calls<=N}: a degree test per candidate, read from the CSR's offsets (the total degree,
 * O(1), candidates in ascending order so the offsets are read forwards) and, for one edge type, from the node's
 * type bytes by binary search (edges are sorted by type), with one reused cursor. The total decides alone
 * whenever it can: a typed degree is at most the total, so {@code >}/{@code >=} fail when the total fails and
 * {@code <}/{@code <=} pass when it passes; only the rest pay the O(log degree) search. Stateless.
 */
final class DegreeFilter {
  private static final int BATCH = 256;

  private DegreeFilter() {}

  /** The candidates whose degree passes {@code d}; {@code typeId} -1 for all types. */
  static MutableRoaringBitmap filter(GraphSnapshot g, Query.Degree d, int typeId, ImmutableRoaringBitmap candidates) {
    CsrView csr = d.direction() == Query.Direction.IN ? g.reverse() : g.forward();
    try {
      return filter(csr, d.comparison(), d.bound(), typeId, candidates);
    } catch (IllegalStateException e) {
      throw csr.closed(e);
    }
  }

  private static MutableRoaringBitmap filter(CsrView csr, Query.Comparison cmp, long bound, int typeId,
      ImmutableRoaringBitmap candidates) {
    final LongBuffer[] offsets = csr.offsetParts();
    final long edges = csr.edgeCount();
    final int n = csr.nodeCount();
    final boolean upper = cmp == Query.Comparison.GT || cmp == Query.Comparison.GE;
    final boolean lower = cmp == Query.Comparison.LT || cmp == Query.Comparison.LE;
    EdgeCursor cursor = typeId < 0 ? null : csr.cursor();
    RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
    int[] batch = new int[BATCH];
    for (BatchIterator it = candidates.getBatchIterator(); it.hasNext(); ) {
      int count = it.nextBatch(batch);
      for (int i = 0; i < count; i++) {
        int v = batch[i];
        if (Integer.compareUnsigned(v, n) >= 0) {
          throw new IndexOutOfBoundsException("node " + Integer.toUnsignedString(v) + " is not below " + n);
        }
        long s = BufferParts.get(offsets, v);
        long e = BufferParts.get(offsets, v + 1L);
        if (s < 0 || s > e || e > edges) {
          throw csr.badRange(v);
        }
        long total = e - s;
        boolean pass = cmp.test(total, bound);
        if (cursor != null && total > 0 && !(upper && !pass || lower && pass)) {
          // the total alone cannot decide: count the type's edges
          pass = !(cmp == Query.Comparison.EQ && total < bound) && cmp.test(cursor.reset(v, typeId).size(), bound);
        } else if (cursor != null && total == 0) {
          pass = cmp.test(0, bound);
        }
        if (pass) {
          out.add(v);
        }
      }
    }
    return out.get();
  }
}
