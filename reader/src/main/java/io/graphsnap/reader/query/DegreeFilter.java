package io.graphsnap.reader.query;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.internal.BufferParts;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmapWriter;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * {@code in>N}, {@code out.calls<=N}: a degree test per candidate, read from the CSR's offsets (the total degree,
 * O(1); candidates come in ascending order, and a dense batch's offsets are copied in one read) and, for one edge
 * type, from the node's type bytes (edges are sorted by type: see {@link #typed}). The total decides alone
 * whenever it can: a typed degree is at most the total, so {@code >}/{@code >=} fail when the total fails and
 * {@code <}/{@code <=} pass when it passes. On a file whose edges are not sorted by type (which only
 * {@code verify} checks) a typed degree may be wrong, as a typed cursor may miss edges; reads stay in bounds.
 * Stateless.
 */
final class DegreeFilter {
  private static final int BATCH = 256;
  /** Copy a batch's offsets in bulk when its ids span fewer than this many nodes. */
  private static final int WINDOW = 4 * BATCH;

  private DegreeFilter() {}

  /** The compact adjacency: each candidate's row found and decoded by a cursor (O(stride + degree) each). */
  private static MutableRoaringBitmap filterRows(CsrView csr, Query.Comparison cmp, long bound, int typeId,
      ImmutableRoaringBitmap candidates) {
    RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
    io.graphsnap.reader.EdgeCursor cursor = csr.cursor();
    for (org.roaringbitmap.IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int v = it.next();
      long degree = (typeId < 0 ? cursor.reset(v) : cursor.reset(v, typeId)).size();
      if (cmp.test(degree, bound)) {
        out.add(v);
      }
    }
    return out.get();
  }

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
    if (csr.isCompact()) {
      return filterRows(csr, cmp, bound, typeId, candidates);
    }
    final LongBuffer[] offsets = csr.offsetParts();
    final long edges = csr.edgeCount();
    final int n = csr.nodeCount();
    final boolean upper = cmp == Query.Comparison.GT || cmp == Query.Comparison.GE;
    final boolean lower = cmp == Query.Comparison.LT || cmp == Query.Comparison.LE;
    final ByteBuffer[] types = csr.typeParts();
    RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
    int[] batch = new int[BATCH];
    // a dense batch's offsets are copied in one bulk read (the common case: a kind's or the whole graph's
    // nodes); a sparse one reads two offsets per node
    final LongBuffer single = offsets.length == 1 ? offsets[0] : null;
    long[] window = new long[WINDOW + 1];
    for (BatchIterator it = candidates.getBatchIterator(); it.hasNext(); ) {
      int count = it.nextBatch(batch);
      if (count == 0) {
        continue;
      }
      int base = batch[0];
      int last = batch[count - 1];
      if (Integer.compareUnsigned(last, n) >= 0) {
        throw new IndexOutOfBoundsException("node " + Integer.toUnsignedString(last) + " is not below " + n);
      }
      boolean dense = single != null && last - base < WINDOW;
      if (dense) {
        single.get(base, window, 0, last - base + 2);
      }
      for (int i = 0; i < count; i++) {
        int v = batch[i];
        long s = dense ? window[v - base] : BufferParts.get(offsets, v);
        long e = dense ? window[v - base + 1] : BufferParts.get(offsets, v + 1L);
        if (s < 0 || s > e || e > edges) {
          throw csr.badRange(v);
        }
        long total = e - s;
        boolean pass = cmp.test(total, bound);
        if (typeId >= 0 && total > 0 && !(upper && !pass || lower && pass)) { // the total cannot decide alone
          pass = typed(types, s, e, typeId, cmp, bound);
        }
        if (pass) {
          out.add(v);
        }
      }
    }
    return out.get();
  }

  /**
   * Whether the number c of edges of type {@code typeId} in {@code [s, e)} (sorted by type) passes
   * {@code cmp bound}, in O(1) reads once the type's first edge is known: {@code c >= k} exactly when the edge
   * {@code k - 1} places after that first one is still of the type. The first edge is {@code s} itself when the
   * type is the smallest the node has (as {@code calls}, type 0, mostly is), else a binary search.
   */
  private static boolean typed(ByteBuffer[] types, long s, long e, int typeId, Query.Comparison cmp, long bound) {
    long from = s < e && BufferParts.get(types, s) >= typeId ? s : firstTypeAtLeast(types, s, e, typeId);
    return switch (cmp) {
      case GT -> atLeast(types, from, e, typeId, bound + 1);
      case GE -> atLeast(types, from, e, typeId, bound);
      case LT -> !atLeast(types, from, e, typeId, bound);
      case LE -> !atLeast(types, from, e, typeId, bound + 1);
      case EQ -> atLeast(types, from, e, typeId, bound) && !atLeast(types, from, e, typeId, bound + 1);
    };
  }

  /** Whether at least {@code k} edges of type {@code typeId} start at {@code from} (the type's first edge). */
  private static boolean atLeast(ByteBuffer[] types, long from, long e, int typeId, long k) {
    if (k <= 0) {
      return true;
    }
    long at = from + k - 1;
    return at < e && BufferParts.get(types, at) == typeId;
  }

  private static long firstTypeAtLeast(ByteBuffer[] types, long from, long to, int type) {
    long lo = from;
    long hi = to;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (BufferParts.get(types, mid) < type) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
