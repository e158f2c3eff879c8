package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.reader.CsrView;
import java.lang.foreign.MemorySegment;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * BFS, strongly connected components and PageRank over a snapshot's mapped CSR sections ({@link CsrView#offsets()},
 * {@link CsrView#neighbours()}), line for line the algorithms of {@link HeapCsr} so that the two compare the
 * memory, not the code. Reads the raw segments without the reader's per-edge checks (run
 * {@link io.graphsnap.reader.GraphSnapshot#verify()} on files you did not write); long loop indices throughout.
 * Stateless; the segments belong to the snapshot and must not be used after it is closed.
 */
public final class MappedCsr {
  private MappedCsr() {}

  private static LongBuffer longs(MemorySegment segment) {
    return segment.asByteBuffer().order(LittleEndian.ORDER).asLongBuffer();
  }

  private static IntBuffer ints(MemorySegment segment) {
    return segment.asByteBuffer().order(LittleEndian.ORDER).asIntBuffer();
  }

  /** Top-down BFS from {@code source} over all out-edges; see {@link GraphSystem#bfs}. */
  public static long[] bfs(CsrView forward, int source) {
    final int n = forward.nodeCount();
    final LongBuffer off = longs(forward.offsets());
    final IntBuffer tgt = ints(forward.neighbours());
    final long[] seen = new long[(n + 63) >>> 6];
    final int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    queue[tail++] = source;
    seen[source >>> 6] |= 1L << source;
    long sum = source;
    long examined = 0;
    while (head < tail) {
      int v = queue[head++];
      long start = off.get(v);
      long end = off.get(v + 1);
      examined += end - start;
      for (long i = start; i < end; i++) {
        int w = tgt.get((int) i);
        long bit = 1L << w;
        int word = w >>> 6;
        if ((seen[word] & bit) == 0) {
          seen[word] |= bit;
          queue[tail++] = w;
          sum += w;
        }
      }
    }
    return new long[] {tail, sum, examined};
  }

  /** Strongly connected components by iterative Tarjan over the mapped forward CSR; see {@link HeapCsr#scc()}. */
  public static long[] scc(CsrView forward) {
    final int n = forward.nodeCount();
    final LongBuffer off = longs(forward.offsets());
    final IntBuffer tgt = ints(forward.neighbours());
    final int[] index = new int[n];
    final int[] low = new int[n];
    final int[] frames = new int[n];
    final long[] next = new long[n];
    final int[] stack = new int[n];
    final long[] onStack = new long[(n + 63) >>> 6];
    java.util.Arrays.fill(index, -1);
    int counter = 0;
    int stackTop = 0;
    long components = 0;
    long largest = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int top = 0;
      frames[0] = root;
      next[0] = off.get(root);
      index[root] = low[root] = counter++;
      stack[stackTop++] = root;
      onStack[root >>> 6] |= 1L << root;
      while (top >= 0) {
        int v = frames[top];
        long pos = next[top];
        if (pos < off.get(v + 1)) {
          next[top] = pos + 1;
          int w = tgt.get((int) pos);
          if (index[w] < 0) {
            top++;
            frames[top] = w;
            next[top] = off.get(w);
            index[w] = low[w] = counter++;
            stack[stackTop++] = w;
            onStack[w >>> 6] |= 1L << w;
          } else if ((onStack[w >>> 6] & (1L << w)) != 0 && index[w] < low[v]) {
            low[v] = index[w];
          }
        } else {
          if (low[v] == index[v]) {
            int size = 0;
            int w;
            do {
              w = stack[--stackTop];
              onStack[w >>> 6] &= ~(1L << w);
              size++;
            } while (w != v);
            components++;
            largest = Math.max(largest, size);
          }
          top--;
          if (top >= 0 && low[v] < low[frames[top]]) {
            low[frames[top]] = low[v];
          }
        }
      }
    }
    return new long[] {components, largest};
  }

  /** Pull PageRank over the reverse CSR, out-degrees from the forward one; see {@link GraphSystem#pageRank}. */
  public static double[] pageRank(CsrView forward, CsrView reverse, int iterations, double damping) {
    final int n = forward.nodeCount();
    final LongBuffer off = longs(forward.offsets());
    final LongBuffer inOff = longs(reverse.offsets());
    final IntBuffer src = ints(reverse.neighbours());
    double[] rank = new double[n];
    double[] next = new double[n];
    double[] contribution = new double[n];
    java.util.Arrays.fill(rank, 1.0 / n);
    for (int it = 0; it < iterations; it++) {
      double total = 0;
      double dangling = 0;
      for (int v = 0; v < n; v++) {
        double r = rank[v];
        long degree = off.get(v + 1) - off.get(v);
        total += r;
        if (degree == 0) {
          dangling += r;
          contribution[v] = 0;
        } else {
          contribution[v] = r / degree;
        }
      }
      double base = ((1 - damping) * total + damping * dangling) / n;
      long i = inOff.get(0);
      for (int v = 0; v < n; v++) {
        double sum = 0;
        long end = inOff.get(v + 1);
        for (; i < end; i++) {
          sum += contribution[src.get((int) i)];
        }
        next[v] = base + damping * sum;
      }
      double[] swap = rank;
      rank = next;
      next = swap;
    }
    return rank;
  }
}
