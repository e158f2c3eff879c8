package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One loop, four ways of reading a snapshot's mapped reverse CSR: the naive pull PageRank of {@link HeapCsr}
 * over heap copies ({@code heap}), over {@code IntBuffer}/{@code LongBuffer} views of the mapping
 * ({@code buffer}), through {@code MemorySegment.get} per element ({@code segment}), and through bulk copies into
 * small heap blocks ({@code blocks}, the reader's {@code PageRank} before issue 19 item 5; it now copies whole
 * rows per window, see {@link PageRankSameCodeProbe}). Run each mode in its own JVM, one
 * after the other, on an idle machine; it prints the per-iteration time of each repetition (5 iterations each).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Xmx12g -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.PageRankAccessProbe FILE.gsnap heap|buffer|segment|blocks
 * </pre>
 */
public final class PageRankAccessProbe {
  private static final ValueLayout.OfLong LONG = LittleEndian.LONG;
  private static final ValueLayout.OfInt INT = LittleEndian.INT;
  private static final double D = 0.85;
  private static final int BLOCK = 8192;

  private PageRankAccessProbe() {}

  /** {@code FILE MODE}: prints 4 repetitions' ms per iteration. */
  public static void main(String[] args) throws Exception {
    String mode = args[1];
    try (GraphSnapshot s = GraphSnapshot.open(Path.of(args[0]))) {
      CsrView f = s.forward();
      CsrView r = s.reverse();
      int n = f.nodeCount();
      MemorySegment off = f.offsets();
      MemorySegment inOff = r.offsets();
      MemorySegment src = r.neighbours();
      long[] hOff = mode.equals("heap") ? off.toArray(LONG) : null;
      long[] hIn = mode.equals("heap") ? inOff.toArray(LONG) : null;
      int[] hSrc = mode.equals("heap") ? src.toArray(INT) : null;
      for (int rep = 0; rep < 4; rep++) {
        long t0 = System.nanoTime();
        double[] rank = switch (mode) {
          case "heap" -> heap(n, hOff, hIn, hSrc);
          case "buffer" -> buffer(n, longs(off), longs(inOff), src.asByteBuffer().order(LittleEndian.ORDER)
              .asIntBuffer());
          case "segment" -> segment(n, off, inOff, src);
          case "blocks" -> blocks(n, off, inOff, src);
          default -> throw new IllegalArgumentException("mode: heap, buffer, segment or blocks");
        };
        System.out.printf("%s rep %d: %.1f ms per iteration (rank[0] = %.6g)%n", mode, rep,
            (System.nanoTime() - t0) / 5e6, rank[0]);
      }
    }
  }

  private static LongBuffer longs(MemorySegment s) {
    return s.asByteBuffer().order(LittleEndian.ORDER).asLongBuffer();
  }

  private static double[] heap(int n, long[] off, long[] inOff, int[] src) {
    double[] rank = start(n);
    double[] next = new double[n];
    double[] c = new double[n];
    for (int it = 0; it < 5; it++) {
      double base = contributions(n, rank, c, v -> off[v + 1] - off[v]);
      int i = (int) inOff[0];
      for (int v = 0; v < n; v++) {
        double sum = 0;
        int end = (int) inOff[v + 1];
        for (; i < end; i++) {
          sum += c[src[i]];
        }
        next[v] = base + D * sum;
      }
      double[] t = rank;
      rank = next;
      next = t;
    }
    return rank;
  }

  private static double[] buffer(int n, LongBuffer off, LongBuffer inOff, IntBuffer src) {
    double[] rank = start(n);
    double[] next = new double[n];
    double[] c = new double[n];
    for (int it = 0; it < 5; it++) {
      double base = contributions(n, rank, c, v -> off.get(v + 1) - off.get(v));
      int i = (int) inOff.get(0);
      for (int v = 0; v < n; v++) {
        double sum = 0;
        int end = (int) inOff.get(v + 1);
        for (; i < end; i++) {
          sum += c[src.get(i)];
        }
        next[v] = base + D * sum;
      }
      double[] t = rank;
      rank = next;
      next = t;
    }
    return rank;
  }

  private static double[] segment(int n, MemorySegment off, MemorySegment inOff, MemorySegment src) {
    double[] rank = start(n);
    double[] next = new double[n];
    double[] c = new double[n];
    for (int it = 0; it < 5; it++) {
      double base = contributions(n, rank, c, v -> CsrFormat.offset(off, v + 1L) - CsrFormat.offset(off, v));
      long i = CsrFormat.offset(inOff, 0);
      for (int v = 0; v < n; v++) {
        double sum = 0;
        long end = CsrFormat.offset(inOff, v + 1L);
        for (; i < end; i++) {
          sum += c[CsrFormat.neighbour(src, i)];
        }
        next[v] = base + D * sum;
      }
      double[] t = rank;
      rank = next;
      next = t;
    }
    return rank;
  }

  private static double[] blocks(int n, MemorySegment off, MemorySegment inOff, MemorySegment src) {
    double[] rank = start(n);
    double[] next = new double[n];
    double[] c = new double[n];
    long[] o = new long[BLOCK + 1];
    int[] ids = new int[BLOCK];
    long edges = CsrFormat.offset(inOff, n);
    for (int it = 0; it < 5; it++) {
      double base = contributions(n, rank, c, v -> CsrFormat.offset(off, v + 1L) - CsrFormat.offset(off, v));
      long windowStart = 0;
      long windowEnd = 0;
      for (int v0 = 0; v0 < n; v0 += BLOCK) {
        int m = Math.min(BLOCK, n - v0);
        MemorySegment.copy(inOff, LONG, CsrFormat.offsetAt(v0), o, 0, m + 1);
        for (int k = 0; k < m; k++) {
          double sum = 0;
          long j = o[k];
          long e = o[k + 1];
          while (j < e) {
            if (j >= windowEnd) {
              int length = (int) Math.min(BLOCK, edges - j);
              MemorySegment.copy(src, INT, CsrFormat.neighbourAt(j), ids, 0, length);
              windowStart = j;
              windowEnd = j + length;
            }
            int limit = (int) (Math.min(e, windowEnd) - windowStart);
            for (int x = (int) (j - windowStart); x < limit; x++) {
              sum += c[ids[x]];
            }
            j = windowStart + limit;
          }
          next[v0 + k] = base + D * sum;
        }
      }
      double[] t = rank;
      rank = next;
      next = t;
    }
    return rank;
  }

  private interface Degree {
    long of(int v);
  }

  private static double[] start(int n) {
    double[] rank = new double[n];
    Arrays.fill(rank, 1.0 / n);
    return rank;
  }

  /** Fills c[v] = rank[v] / outdeg(v) and returns the teleport-plus-dangling base of the next ranks. */
  private static double contributions(int n, double[] rank, double[] c, Degree degree) {
    double total = 0;
    double dangling = 0;
    for (int v = 0; v < n; v++) {
      long d = degree.of(v);
      total += rank[v];
      if (d == 0) {
        dangling += rank[v];
        c[v] = 0;
      } else {
        c[v] = rank[v] / d;
      }
    }
    return ((1 - D) * total + D * dangling) / n;
  }
}
