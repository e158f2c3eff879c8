package io.graphsnap.reader.query;

import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
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
 * breadth-first search backwards over {@code calls} from E's bitmap, on bitsets and the CSRs read in place
 * (see {@link #callers}): O(levels · N/64 + the {@code calls} edges it reads), not the whole-graph closure of
 * every effect.
 *
 * <p>Memoised per snapshot and effect: the first query of an effect on a snapshot pays the search, later ones
 * (any evaluator, any thread) reuse its bitmap (heap memory, at most about N/8 bytes per effect; dropped when
 * the snapshot is garbage-collected). Thread-safe.
 */
final class InheritedEffects {
  private static final Map<GraphSnapshot, InheritedEffects> BY_SNAPSHOT =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Expand a level bottom-up when its frontier holds more than 1/BOTTOM_UP of the nodes. */
  private static final int BOTTOM_UP = 16;

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
      return callers(reverse, g.forward(), calls, declared);
    } catch (IllegalStateException e) {
      throw reverse.closed(e);
    }
  }

  /**
   * The nodes of {@code from} and every node with a path of {@code type} edges to one of them: a level-synchronous
   * breadth-first search on bitsets, direction-optimising as in Beamer, Asanović and Patterson (SC'12). A small
   * level is expanded top-down: the frontier, walked in ascending id order (so the reads sweep the CSR forwards
   * instead of jumping to each node's list in discovery order), reads the sources of its in-edges of the type
   * ({@code reverse}). A level whose frontier holds more than 1/{@value #BOTTOM_UP} of the nodes is expanded
   * bottom-up: every node not yet reached reads its out-edges of the type ({@code forward}) until one leads into
   * the reached set (on the medium graph the closure of {@code io} holds two thirds of the nodes, and its two
   * largest levels would otherwise read 4.8 M of the 5.7 M in-edges the search reads). Reads are in place, each
   * checked as {@link CsrView}'s are. O(levels · N/64 + edges read); three bitsets of N bits.
   */
  private static MutableRoaringBitmap callers(CsrView reverse, CsrView forward, int type, ImmutableRoaringBitmap from) {
    final int n = reverse.nodeCount();
    final int words = (n + 63) >>> 6;
    long[] visited = new long[words];
    long[] frontier = new long[words];
    long[] next = new long[words];
    long size = 0;
    for (IntIterator it = from.getIntIterator(); it.hasNext(); ) {
      int v = it.next();
      if (Integer.compareUnsigned(v, n) >= 0) {
        throw new IndexOutOfBoundsException("effect bitmap holds node " + Integer.toUnsignedString(v) + ", not below "
            + n);
      }
      visited[v >>> 6] |= 1L << v;
      frontier[v >>> 6] |= 1L << v;
      size++;
    }
    while (size > 0) {
      size = size > n / BOTTOM_UP ? bottomUp(forward, type, visited, next)
          : topDown(reverse, type, frontier, visited, next);
      long[] done = frontier;
      frontier = next;
      next = done;
      Arrays.fill(next, 0);
    }
    MutableRoaringBitmap reached = BufferBitSetUtil.bitmapOf(visited);
    reached.runOptimize();
    return reached;
  }

  /**
   * One level top-down: the sources of the frontier's in-edges of {@code type} not yet visited; returns their count.
   * The cursor finds each node's run of the type and checks every read.
   */
  private static long topDown(CsrView reverse, int type, long[] frontier, long[] visited, long[] next) {
    EdgeCursor in = reverse.cursor();
    long found = 0;
    for (int w = 0; w < frontier.length; w++) {
      long word = frontier[w];
      while (word != 0) {
        int v = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        in.reset(v, type);
        for (int u = in.next(); u != EdgeCursor.END; u = in.next()) {
          long bit = 1L << u;
          if ((visited[u >>> 6] & bit) == 0) {
            visited[u >>> 6] |= bit;
            next[u >>> 6] |= bit;
            found++;
          }
        }
      }
    }
    return found;
  }

  /**
   * One level bottom-up: every node not yet visited with an out-edge of {@code type} into the visited set (those
   * found earlier in this sweep count too: the search computes reachability, not depths); returns their count.
   */
  private static long bottomUp(CsrView forward, int type, long[] visited, long[] next) {
    EdgeCursor out = forward.cursor();
    final int n = forward.nodeCount();
    long found = 0;
    for (int w = 0; w < visited.length; w++) {
      long word = ~visited[w];
      if (w == visited.length - 1 && (n & 63) != 0) {
        word &= (1L << n) - 1; // no ids at or past N
      }
      while (word != 0) {
        int v = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        out.reset(v, type);
        for (int u = out.next(); u != EdgeCursor.END; u = out.next()) {
          if ((visited[u >>> 6] & (1L << u)) != 0) {
            visited[w] |= 1L << v;
            next[w] |= 1L << v;
            found++;
            break;
          }
        }
      }
    }
    return found;
  }
}
