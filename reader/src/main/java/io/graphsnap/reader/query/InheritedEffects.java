package io.graphsnap.reader.query;

import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.internal.BufferParts;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.BufferBitSetUtil;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * {@code effect~:E}: the nodes that declare effect E or reach a node that does through {@code calls} edges (the
 * set {@link io.graphsnap.reader.analysis.EffectClosure#nodesWith} gives), computed for one effect as a
 * breadth-first search backwards over {@code calls} from E's bitmap, on flat arrays and the reverse CSR read in
 * place: O(levels · N/64 + the in-edges of type {@code calls} of the nodes reached), not the whole-graph closure of every effect. (Top-down
 * only: {@link io.graphsnap.reader.analysis.Reachability}'s bottom-up levels re-read the edges of every node the
 * closure never reaches, which here is half the graph, at each level.)
 *
 * <p>Memoised per snapshot and effect: the first query of an effect on a snapshot pays the search, later ones
 * (any evaluator, any thread) reuse its bitmap (heap memory, about 2 bits per node at worst; dropped when the
 * snapshot is garbage-collected). Thread-safe.
 */
final class InheritedEffects {
  private static final Map<GraphSnapshot, InheritedEffects> BY_SNAPSHOT =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<Integer, ImmutableRoaringBitmap> byEffect = new ConcurrentHashMap<>();

  private InheritedEffects() {}

  /**
   * The nodes whose closure holds effect {@code effectId} of {@code g} (which must be open), shared and
   * read-only; with {@code memoise}, from (or into) the snapshot's memo.
   */
  static ImmutableRoaringBitmap nodesWith(GraphSnapshot g, int effectId, boolean memoise) {
    if (!memoise) {
      return compute(g, effectId);
    }
    InheritedEffects memo = BY_SNAPSHOT.computeIfAbsent(g, s -> new InheritedEffects());
    ImmutableRoaringBitmap hit = memo.byEffect.get(effectId);
    if (hit == null) { // computed outside the map's lock: two racing threads may both search, one result is kept
      hit = compute(g, effectId);
      ImmutableRoaringBitmap raced = memo.byEffect.putIfAbsent(effectId, hit);
      hit = raced == null ? hit : raced;
    }
    return hit;
  }

  private static ImmutableRoaringBitmap compute(GraphSnapshot g, int effectId) {
    ImmutableRoaringBitmap declared = g.withEffect(g.effectNames().get(effectId));
    int calls = g.edgeTypeId(EdgeTypes.CALLS);
    if (calls < 0 || declared.isEmpty()) {
      return declared.toMutableRoaringBitmap();
    }
    CsrView reverse = g.reverse();
    try {
      return callers(reverse, calls, declared);
    } catch (IllegalStateException e) {
      throw reverse.closed(e);
    }
  }

  /**
   * The nodes of {@code from} and every node with a path of {@code type} edges to one of them: a level-synchronous
   * breadth-first search over the in-edges ({@code reverse}), each reached node's edges read once, in place. Each
   * level's frontier is a bitset walked in ascending id order, so the reads sweep the CSR forwards instead of
   * jumping to each node's list in discovery order (on the medium graph, where the closure of {@code io} holds
   * every method, that was 3 to 4 times slower: a cache miss per reached node per array). O(levels · N/64 + the
   * in-edges of the reached nodes); three bitsets of N bits.
   */
  private static MutableRoaringBitmap callers(CsrView reverse, int type, ImmutableRoaringBitmap from) {
    final LongBuffer[] offsets = reverse.offsetParts();
    final IntBuffer[] sources = reverse.neighbourParts();
    final ByteBuffer[] types = reverse.typeParts();
    final int n = reverse.nodeCount();
    final long edges = reverse.edgeCount();
    final int words = (n + 63) >>> 6;
    long[] visited = new long[words];
    long[] frontier = new long[words];
    long[] next = new long[words];
    for (IntIterator it = from.getIntIterator(); it.hasNext(); ) {
      int v = it.next();
      if (Integer.compareUnsigned(v, n) >= 0) {
        throw new IndexOutOfBoundsException("effect bitmap holds node " + Integer.toUnsignedString(v) + ", not below "
            + n);
      }
      visited[v >>> 6] |= 1L << v;
      frontier[v >>> 6] |= 1L << v;
    }
    boolean more = true;
    while (more) {
      more = false;
      for (int w = 0; w < words; w++) {
        long word = frontier[w];
        while (word != 0) {
          int v = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          long s = BufferParts.get(offsets, v);
          long e = BufferParts.get(offsets, v + 1L);
          if (s < 0 || s > e || e > edges) {
            throw reverse.badRange(v);
          }
          // a node's edges are sorted by (type, source): find the run of the type, then read only its sources
          s = firstTypeAtLeast(types, s, e, type);
          for (long j = s; j < e && BufferParts.get(types, j) == type; j++) {
            int u = BufferParts.get(sources, j);
            if (Integer.compareUnsigned(u, n) >= 0) {
              throw reverse.badNeighbour(j, u);
            }
            long bit = 1L << u;
            if ((visited[u >>> 6] & bit) == 0) {
              visited[u >>> 6] |= bit;
              next[u >>> 6] |= bit;
              more = true;
            }
          }
        }
      }
      long[] done = frontier;
      frontier = next;
      next = done;
      Arrays.fill(next, 0);
    }
    MutableRoaringBitmap reached = BufferBitSetUtil.bitmapOf(visited);
    reached.runOptimize();
    return reached;
  }

  /** The first edge index in [from, to) whose type is at least {@code type} (types sorted there), or to. */
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
