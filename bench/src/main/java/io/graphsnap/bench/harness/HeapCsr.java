package io.graphsnap.bench.harness;

/**
 * A bare heap CSR of a {@link ResolvedGraph}: {@code int[]} forward offsets and targets, {@code byte[]} types,
 * and a reverse CSR ({@code int[]} in-offsets and sources, built by counting sort) for pull PageRank. The
 * practical limit the mapped snapshot is held against: {@link #bfs} and {@link #pageRank} are line for line the
 * algorithms of {@link MappedCsr}, over arrays instead of mapped memory. Immutable; thread-safe for readers.
 */
public final class HeapCsr {
  private final int n;
  private final int[] offsets;
  private final int[] targets;
  private final byte[] types;
  private final int[] inOffsets;
  private final int[] inSources;

  private HeapCsr(int n, int[] offsets, int[] targets, byte[] types, int[] inOffsets, int[] inSources) {
    this.n = n;
    this.offsets = offsets;
    this.targets = targets;
    this.types = types;
    this.inOffsets = inOffsets;
    this.inSources = inSources;
  }

  /** Shares {@code g}'s forward arrays and builds the reverse CSR in O(N + E). */
  public static HeapCsr of(ResolvedGraph g) {
    int n = g.nodeCount();
    int[] offsets = g.offsets();
    int[] targets = g.targets();
    int[] inOffsets = new int[n + 1];
    for (int t : targets) {
      inOffsets[t + 1]++;
    }
    for (int v = 0; v < n; v++) {
      inOffsets[v + 1] += inOffsets[v];
    }
    int[] fill = inOffsets.clone();
    int[] inSources = new int[targets.length];
    for (int v = 0; v < n; v++) {
      for (int i = offsets[v], end = offsets[v + 1]; i < end; i++) {
        inSources[fill[targets[i]]++] = v;
      }
    }
    return new HeapCsr(n, offsets, targets, g.types(), inOffsets, inSources);
  }

  /** N. */
  public int nodeCount() {
    return n;
  }

  /** E. */
  public long edgeCount() {
    return targets.length;
  }

  /** See {@link GraphSystem#neighbours}: binary search for the type's range, then a loop. O(log d + k). */
  public long neighbours(int v, int typeId) {
    int hi = offsets[v + 1];
    int from = lowerBound(offsets[v], hi, typeId);
    int to = lowerBound(from, hi, typeId + 1);
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += targets[i];
    }
    return sum + ((long) (to - from) << 40);
  }

  private int lowerBound(int lo, int hi, int type) {
    final byte[] t = types;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((t[mid] & 0xFF) < type) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Top-down BFS from {@code source} over all out-edges; see {@link GraphSystem#bfs}. O(N/64 + reached edges). */
  public long[] bfs(int source) {
    final int[] off = offsets;
    final int[] tgt = targets;
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
      int start = off[v];
      int end = off[v + 1];
      examined += end - start;
      for (int i = start; i < end; i++) {
        int w = tgt[i];
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

  /**
   * Strongly connected components by iterative Tarjan (no recursion: a 10 M-node chain does not overflow the
   * stack); see {@link GraphSystem#scc}. O(N + E) time, about 25 bytes per node.
   */
  public long[] scc() {
    final int[] off = offsets;
    final int[] tgt = targets;
    final int[] index = new int[n];
    final int[] low = new int[n];
    final int[] frames = new int[n];
    final int[] next = new int[n];
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
      next[0] = off[root];
      index[root] = low[root] = counter++;
      stack[stackTop++] = root;
      onStack[root >>> 6] |= 1L << root;
      while (top >= 0) {
        int v = frames[top];
        int pos = next[top];
        if (pos < off[v + 1]) {
          next[top] = pos + 1;
          int w = tgt[pos];
          if (index[w] < 0) {
            top++;
            frames[top] = w;
            next[top] = off[w];
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

  /** Pull PageRank over the reverse CSR; see {@link GraphSystem#pageRank}. O(iterations · (N + E)). */
  public double[] pageRank(int iterations, double damping) {
    final int[] off = offsets;
    final int[] inOff = inOffsets;
    final int[] src = inSources;
    double[] rank = new double[n];
    double[] next = new double[n];
    double[] contribution = new double[n];
    java.util.Arrays.fill(rank, 1.0 / n);
    for (int it = 0; it < iterations; it++) {
      double total = 0;
      double dangling = 0;
      for (int v = 0; v < n; v++) {
        double r = rank[v];
        int degree = off[v + 1] - off[v];
        total += r;
        if (degree == 0) {
          dangling += r;
          contribution[v] = 0;
        } else {
          contribution[v] = r / degree;
        }
      }
      double base = ((1 - damping) * total + damping * dangling) / n;
      int i = inOff[0];
      for (int v = 0; v < n; v++) {
        double sum = 0;
        int end = inOff[v + 1];
        for (; i < end; i++) {
          sum += contribution[src[i]];
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
