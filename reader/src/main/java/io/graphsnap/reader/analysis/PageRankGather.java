package io.graphsnap.reader.analysis;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;

/**
 * One PageRank iteration's pull over a range of nodes of the reverse CSR: for each node, the sum of its
 * in-neighbours' contributions, then its new rank, its contribution to the next iteration and its share of the
 * L1 change and of the dangling mass.
 *
 * <p>Access pattern. Nodes go in blocks of {@value Blocks#NODE_BLOCK} (their offsets one bulk copy), and each
 * block in runs of consecutive nodes whose in-edges fit one window of {@value Blocks#EDGE_WINDOW} ids, copied
 * with one {@link java.lang.foreign.MemorySegment#copy}. Over a run the inner loop is the plain heap loop: a
 * sequential read of an {@code int[]} and a gather from the contributions into one accumulator (the shape
 * the JIT unrolls best: two accumulators measured 15 % slower), with no per-node window test; the
 * sums go to a block-sized array, and the per-node arithmetic (rank, change, next contribution, dangling) runs
 * afterwards as its own sequential pass over the block, so the gather's loop carries nothing else. A node with
 * more in-edges than a window is summed window by window.
 *
 * <p>Over the compact adjacency each node's row is decoded by a cursor and summed from a window of its ids (the
 * same inner loop); nothing of the direction is copied beyond one row, so the iteration needs no memory beyond its
 * vectors, and pays the rows' decoding on every iteration.
 *
 * <p>Checks: offsets per block ({@link Blocks#offsets}); a bad neighbour id fails the array bounds check of the
 * contributions, which the caller turns into a {@code CorruptSnapshotException} ({@link CsrView#explain}); a compact
 * row is checked as it is decoded.
 *
 * <p>An instance holds the scratch arrays of one thread (about 100 KiB): not thread-safe, reusable across
 * ranges and iterations.
 */
final class PageRankGather {
  private final long[] offsets = new long[Blocks.NODE_BLOCK + 1];
  private final int[] ids = new int[Blocks.EDGE_WINDOW];
  private final byte[] types = new byte[Blocks.EDGE_WINDOW];
  private final double[] sums = new double[Blocks.NODE_BLOCK];
  /** Over compact rows: this thread's cursor and the direction it reads. */
  private EdgeCursor cursor;
  private CsrView cursorView;

  /** The inputs of one iteration, shared by every range; {@code weights} null when every type counts 1. */
  record Iteration(CsrView in, double[] weights, double[] contrib, double[] next, double[] rank, double[] inverse,
      double[] personalization, double uniformTeleport, double teleport, double damping) {}

  /**
   * Nodes [from, to): writes their rank and next contribution; returns {change, dangling} in {@code out}.
   *
   * @throws IndexOutOfBoundsException on a neighbour id outside [0, N) (see {@link CsrView#explain})
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException on bad offsets
   */
  void range(Iteration it, int from, int to, double[] out) {
    double change = 0;
    double dangling = 0;
    final long[] o = offsets;
    final double[] s = sums;
    boolean compact = it.in().isCompact();
    for (int v0 = from; v0 < to; v0 += Blocks.NODE_BLOCK) {
      int m = Math.min(Blocks.NODE_BLOCK, to - v0);
      if (compact) {
        sumCompactRows(it, v0, m, s);
      } else {
        sumFixedRows(it, v0, m, o, s);
      }
      final double[] rank = it.rank();
      final double[] next = it.next();
      final double[] inverse = it.inverse();
      final double[] p = it.personalization();
      final double d = it.damping();
      for (int k = 0; k < m; k++) {
        int v = v0 + k;
        double r = (p == null ? it.uniformTeleport() : it.teleport() * p[v]) + d * s[k];
        change += Math.abs(r - rank[v]);
        rank[v] = r;
        double inv = inverse[v];
        next[v] = r * inv;
        dangling += inv == 0 ? r : 0;
      }
    }
    out[0] = change;
    out[1] = dangling;
  }

  /** Sums of the fixed-layout rows of nodes [v0, v0 + m) into {@code s[0 .. m)}, their offsets read into {@code o}. */
  private void sumFixedRows(Iteration it, int v0, int m, long[] o, double[] s) {
    Blocks.offsets(it.in(), v0, m, o);
    for (int k = 0; k < m; ) {
      int k2 = fitting(o, k, m);
      if (k2 == k) {
        s[k] = longRow(it, o[k], o[k + 1]);
        k2 = k + 1;
      } else if (it.weights() == null) {
        Blocks.neighbours(it.in(), o[k], (int) (o[k2] - o[k]), ids);
        sumRows(it.contrib(), ids, o, k, k2, s);
      } else {
        Blocks.neighbours(it.in(), o[k], (int) (o[k2] - o[k]), ids);
        Blocks.types(it.in(), o[k], (int) (o[k2] - o[k]), types);
        sumWeightedRows(it.contrib(), it.weights(), ids, types, o, k, k2, s);
      }
      k = k2;
    }
  }

  /**
   * Sums of the compact rows of nodes [v0, v0 + m) into {@code s[0 .. m)}: each row decoded once by this thread's
   * cursor (found after the previous node's, O(1), in a scan in node order) and summed by the heap loop from a window
   * of its ids; no decoded copy of the direction is kept.
   */
  private void sumCompactRows(Iteration it, int v0, int m, double[] s) {
    if (cursorView != it.in()) {
      cursor = it.in().cursor();
      cursorView = it.in();
    }
    final double[] c = it.contrib();
    final double[] w = it.weights();
    final int[] window = ids;
    final byte[] tys = w == null ? null : types;
    for (int k = 0; k < m; k++) {
      cursor.reset(v0 + k);
      double sum = 0;
      for (int n = cursor.next(window, tys); n > 0; n = cursor.next(window, tys)) {
        if (w == null) {
          for (int x = 0; x < n; x++) {
            sum += c[window[x]];
          }
        } else {
          for (int x = 0; x < n; x++) {
            sum += w[tys[x] & 0xFF] * c[window[x]];
          }
        }
      }
      s[k] = sum;
    }
  }

  /**
   * The end {@code k2} of the run of nodes from {@code k} whose edges fit one window: the largest
   * {@code k2 <= m} with {@code o[k2] - o[k] <= EDGE_WINDOW}; {@code k} itself if node {@code k} alone has more.
   * O(log m).
   */
  static int fitting(long[] o, int k, int m) {
    long limit = o[k] + Blocks.EDGE_WINDOW;
    if (o[k + 1] > limit) {
      return k;
    }
    if (o[m] <= limit) {
      return m;
    }
    int lo = k + 1;
    int hi = m;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (o[mid] <= limit) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Sums of rows [k, k2) whose ids are {@code ids[0 .. o[k2] - o[k])}, into {@code s[k .. k2)}. */
  private static void sumRows(double[] c, int[] ids, long[] o, int k, int k2, double[] s) {
    final long base = o[k];
    int i = 0;
    for (int r = k; r < k2; r++) {
      int end = (int) (o[r + 1] - base);
      double sum = 0;
      for (; i < end; i++) {
        sum += c[ids[i]];
      }
      s[r] = sum;
    }
  }

  /** {@link #sumRows} with each edge weighted by its type. */
  private static void sumWeightedRows(double[] c, double[] w, int[] ids, byte[] tys, long[] o, int k, int k2,
      double[] s) {
    final long base = o[k];
    int i = 0;
    for (int r = k; r < k2; r++) {
      int end = (int) (o[r + 1] - base);
      double sum = 0;
      for (; i < end; i++) {
        sum += w[tys[i] & 0xFF] * c[ids[i]];
      }
      s[r] = sum;
    }
  }

  /** The sum of one row [from, to) longer than a window, a window at a time. */
  private double longRow(Iteration it, long from, long to) {
    final double[] c = it.contrib();
    final double[] w = it.weights();
    double sum = 0;
    for (long j = from; j < to; ) {
      int length = (int) Math.min(Blocks.EDGE_WINDOW, to - j);
      Blocks.neighbours(it.in(), j, length, ids);
      if (w == null) {
        for (int x = 0; x < length; x++) {
          sum += c[ids[x]];
        }
      } else {
        Blocks.types(it.in(), j, length, types);
        for (int x = 0; x < length; x++) {
          sum += w[types[x] & 0xFF] * c[ids[x]];
        }
      }
      j += length;
    }
    return sum;
  }
}
