package io.graphsnap.reader.analysis;


import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import java.util.Arrays;
import java.util.Objects;

/**
 * PageRank by power iteration, pull-based over the reverse CSR: each iteration every node gathers
 * {@code contrib[u] = rank[u] / outdeg(u)} from its in-neighbours, so the inner loop is a sequential read of
 * neighbour ids and a gather, with no writes shared between threads.
 *
 * <h2>Definition (NetworkX's {@code pagerank} and JGraphT's {@code PageRank} conventions)</h2>
 * With damping d, personalisation p (uniform 1/N unless given; normalised to sum 1) and
 * {@code D = Σ rank[u]} over dangling nodes (no out-edge of a selected type):
 * <pre>{@code
 * rank'[v] = d · (Σ_{u→v} rank[u] / outdeg(u)) + d · D · p[v] + (1 − d) · p[v]
 * }</pre>
 * so the mass of dangling nodes is spread like the teleport: uniformly over all nodes, or by the
 * personalisation vector when one is given (NetworkX's default {@code dangling=None}). The start vector is
 * uniform 1/N (NetworkX's default, also with a personalisation). The edges are the snapshot's distinct
 * (source, type, target) triples of the selected types: with a type filter only those exist, also for
 * out-degrees; a pair linked by k selected types counts as k parallel edges (a weight-k edge in JGraphT's
 * weighted PageRank, a {@code MultiDiGraph} in NetworkX); a self-loop counts in its node's out-degree and feeds
 * its own rank. Ranks sum to 1.
 *
 * <h2>Convergence</h2>
 * Iteration stops when the L1 change {@code Σ_v |rank'[v] − rank[v]|} falls below the tolerance, or after
 * the maximum number of iterations ({@link PageRankResult#converged()} then says false; NetworkX would
 * raise). Unlike NetworkX, which compares the L1 change with {@code N · tol}, the tolerance is not scaled by
 * N: ranks sum to 1, so the L1 change is already size-independent. Defaults: d = {@value #DEFAULT_DAMPING},
 * tolerance {@value #DEFAULT_TOLERANCE}, at most {@value #DEFAULT_MAX_ITERATIONS} iterations.
 *
 * <h2>Cost, memory, threads</h2>
 * O(N + E) per iteration (a type filter adds one byte read per edge), plus one O(N + E) pass for the
 * out-degrees when filtered. Each iteration reads the reverse CSR in bulk copies, a window of whole rows at a
 * time, so its inner loop is the plain heap loop over an {@code int[]} (see {@code PageRankGather}; measured
 * against that loop over heap arrays in bench/README.md, "PageRank access pattern"). Over a compact snapshot the
 * out-degrees come from the forward rows' heads (never decoded), and the in-edges are decoded once into the fixed
 * layout when that copy (8N + 5E bytes off-heap) is at most a quarter of the maximum heap, else read in place, each
 * iteration decoding the rows as it reads them (a cursor per thread: no copy at any size, about 5× the fixed
 * layout's time per iteration at the bench's medium scale). Memory: four N-entry {@code double}
 * arrays (32N bytes; 40N with a personalisation) and about 100 KiB of scratch per thread. Iterations run in parallel over node ranges balanced by in-edges (see {@link Chunks});
 * the partial sums are combined in a fixed order, so results are bit-identical for any number of threads.
 * This builder is mutable and for one thread; {@link #run()} may be called repeatedly; the graph is only read.
 */
public final class PageRank {
  /** The default damping factor. */
  public static final double DEFAULT_DAMPING = 0.85;
  /** The default L1 tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** The default iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  /** Called after each iteration on the thread that called {@link #run()}. */
  @FunctionalInterface
  public interface IterationListener {
    /**
     * @param iteration the iteration just completed, from 1
     * @param l1Change {@code Σ_v |rank'[v] − rank[v]|} of that iteration
     */
    void afterIteration(int iteration, double l1Change);
  }

  private final CsrGraph graph;
  private EdgeTypeMask types = EdgeTypeMask.all();
  private double damping = DEFAULT_DAMPING;
  private double tolerance = DEFAULT_TOLERANCE;
  private int maxIterations = DEFAULT_MAX_ITERATIONS;
  private double[] personalization;
  private boolean parallel = true;
  private long copyLimit = -1;
  private IterationListener listener = (i, delta) -> { };

  private PageRank(CsrGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
  }

  /** A computation over {@code graph} with the defaults. */
  public static PageRank on(CsrGraph graph) {
    return new PageRank(graph);
  }

  /** Only edges of these types ({@code null}: all, the default). */
  public PageRank types(EdgeTypeMask mask) {
    this.types = EdgeTypeMask.orAll(mask);
    return this;
  }

  /** The damping factor d, in [0, 1]. */
  public PageRank damping(double d) {
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException("damping must be in [0, 1], not " + d);
    }
    this.damping = d;
    return this;
  }

  /** The L1 tolerance, {@code >= 0} (0 runs every iteration). */
  public PageRank tolerance(double t) {
    if (!(t >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, not " + t);
    }
    this.tolerance = t;
    return this;
  }

  /** The most iterations, {@code >= 0}. */
  public PageRank maxIterations(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("maxIterations must be >= 0, not " + k);
    }
    this.maxIterations = k;
    return this;
  }

  /**
   * A personalisation vector: one non-negative weight per node, normalised to sum 1 (copied); {@code null}
   * for uniform.
   *
   * @throws IllegalArgumentException if its length is not N, a weight is negative or not finite, or all are 0
   */
  public PageRank personalization(double[] weights) {
    if (weights == null) {
      this.personalization = null;
      return this;
    }
    if (weights.length != graph.nodeCount()) {
      throw new IllegalArgumentException("personalization has " + weights.length + " weights for " + graph.nodeCount()
          + " nodes");
    }
    double sum = 0;
    for (int v = 0; v < weights.length; v++) {
      if (!(weights[v] >= 0) || Double.isInfinite(weights[v])) {
        throw new IllegalArgumentException("personalization weight of node " + v + " is " + weights[v]);
      }
      sum += weights[v];
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("personalization weights sum to " + sum + ", not > 0");
    }
    double[] p = new double[weights.length];
    for (int v = 0; v < p.length; v++) {
      p[v] = weights[v] / sum;
    }
    this.personalization = p;
    return this;
  }

  /** Personalised PageRank from seed nodes: the personalisation is uniform over the distinct {@code seeds}. */
  public PageRank seeds(int... seeds) {
    if (seeds.length == 0) {
      throw new IllegalArgumentException("give at least one seed");
    }
    double[] p = new double[graph.nodeCount()];
    for (int s : seeds) {
      p[Objects.checkIndex(s, p.length)] = 1;
    }
    return personalization(p);
  }

  /** Whether iterations may use several threads (default true). */
  public PageRank parallel(boolean enabled) {
    this.parallel = enabled;
    return this;
  }

  /**
   * The largest decoded copy of a compact snapshot's in-edges this computation makes, in bytes (8N + 5E); a larger
   * direction is read in place on every iteration. Default (-1): a quarter of the maximum heap. 0: always in place
   * (unless a copy was already made). No effect on a fixed snapshot, which is read as mapped.
   */
  public PageRank decodedCopyLimit(long bytes) {
    if (bytes < -1) {
      throw new IllegalArgumentException("decodedCopyLimit must be -1 (default) or >= 0, not " + bytes);
    }
    this.copyLimit = bytes;
    return this;
  }

  /** A callback after each iteration (for progress display). */
  public PageRank listener(IterationListener l) {
    this.listener = Objects.requireNonNull(l, "listener");
    return this;
  }

  /**
   * Iterates to convergence or the iteration limit.
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the snapshot's CSR is damaged
   */
  public PageRankResult run() {
    CsrView in = inEdges();
    try {
      return iterate(in);
    } catch (IllegalStateException e) {
      throw in.closed(e);
    }
  }

  /**
   * The in-edges to pull over: the fixed layout as mapped; a compact direction decoded once ({@link
   * CsrGraph#reverse()}) when the copy is small beside the process's memory (at most a quarter of the maximum heap,
   * which is also the JVM's default limit of direct memory; see {@link #decodedCopyLimit}) or already made, else its
   * rows read in place on every iteration (no copy at any size; each iteration then decodes every row, several times
   * the fixed layout's cost).
   */
  private CsrView inEdges() {
    return readsInEdgesInPlace() ? graph.storedReverse() : graph.reverse();
  }

  /**
   * Whether {@link #run()} will read a compact snapshot's in-edges in place on every iteration (their decoded copy,
   * {@link #inEdgesCopyBytes()}, being over {@link #decodedCopyLimit} and not made yet). O(1).
   */
  public boolean readsInEdgesInPlace() {
    CsrView stored = graph.storedReverse();
    long limit = copyLimit >= 0 ? copyLimit : Runtime.getRuntime().maxMemory() / 4;
    return stored.isCompact() && !stored.holdsDecodedCopy() && inEdgesCopyBytes() > limit;
  }

  /** The bytes a decoded copy of the graph's in-edges takes: 8(N + 1) + 5E ({@link CsrView#decodedCopyBytes()}). */
  public long inEdgesCopyBytes() {
    return graph.storedReverse().decodedCopyBytes();
  }

  private PageRankResult iterate(CsrView in) {
    int n = graph.nodeCount();
    if (n == 0) {
      return new PageRankResult(new double[0], 0, true, 0);
    }
    CsrView out = graph.storedForward(); // a compact direction is not decoded for its degrees, but a copy is used
    double[] inverseOutDegree = OutDegrees.inverse(out.holdsDecodedCopy() ? out.decodeFixed() : out, types, parallel);
    double[] rank = new double[n];
    double[] contrib = new double[n];
    double[] next = new double[n];
    Arrays.fill(rank, 1.0 / n);
    double dangling = 0;
    for (int v = 0; v < n; v++) {
      contrib[v] = rank[v] * inverseOutDegree[v];
      dangling += inverseOutDegree[v] == 0 ? rank[v] : 0;
    }
    int[] bounds = Chunks.balanced(in, 1);
    int chunks = bounds.length - 1;
    double[] chunkChange = new double[chunks];
    double[] chunkDangling = new double[chunks];
    double[] weights = types.isAll() ? null : types.weights();
    ThreadLocal<PageRankGather> scratch = ThreadLocal.withInitial(PageRankGather::new);
    double change = Double.NaN;
    int iteration = 0;
    boolean converged = false;
    while (iteration < maxIterations) {
      double teleport = damping * dangling + (1 - damping);
      PageRankGather.Iteration step = new PageRankGather.Iteration(in, weights, contrib, next, rank,
          inverseOutDegree, personalization, teleport / n, teleport, damping);
      Chunks.forEach(chunks, parallel, chunk -> {
        int from = bounds[chunk];
        int to = bounds[chunk + 1];
        double[] sums = new double[2];
        try {
          scratch.get().range(step, from, to, sums);
        } catch (IndexOutOfBoundsException e) {
          throw in.explain(from, to, e);
        }
        chunkChange[chunk] = sums[0];
        chunkDangling[chunk] = sums[1];
      });
      change = 0;
      dangling = 0;
      for (int c = 0; c < chunks; c++) {
        change += chunkChange[c];
        dangling += chunkDangling[c];
      }
      double[] swap = contrib;
      contrib = next;
      next = swap;
      iteration++;
      listener.afterIteration(iteration, change);
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    return new PageRankResult(rank, iteration, converged, change);
  }

  /** Out-degrees over selected types, as 1/outdeg (0 for dangling nodes). */
  static final class OutDegrees {
    private OutDegrees() {}

    /**
     * From the fixed layout's offsets (and types, when filtered), or from the compact rows through cursors: each row's
     * head gives its degree, and only with a type filter is the row decoded, so a compact forward direction is never
     * decoded whole. O(N + E) either way (O(N) unfiltered).
     *
     * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the compact rows' degrees do not add up to E
     */
    static double[] inverse(CsrView out, EdgeTypeMask types, boolean parallel) {
      return out.isCompact() ? inverseFromRows(out, types, parallel) : inverseFromOffsets(out, types, parallel);
    }

    private static double[] inverseFromRows(CsrView out, EdgeTypeMask types, boolean parallel) {
      int n = out.nodeCount();
      double[] inverse = new double[n];
      int[] bounds = Chunks.balanced(out, 1);
      long[] chunkEdges = new long[bounds.length - 1];
      boolean all = types.isAll();
      boolean[] sel = types.table();
      Chunks.forEach(bounds.length - 1, parallel, chunk -> {
        EdgeCursor cursor = out.cursor();
        long edges = 0;
        for (int u = bounds[chunk]; u < bounds[chunk + 1]; u++) {
          cursor.reset(u);
          edges += cursor.size();
          long degree = all ? cursor.size() : 0;
          if (!all) {
            while (cursor.next() != EdgeCursor.END) {
              degree += sel[cursor.type()] ? 1 : 0;
            }
          }
          inverse[u] = degree == 0 ? 0 : 1.0 / degree;
        }
        chunkEdges[chunk] = edges;
      });
      long total = 0;
      for (long edges : chunkEdges) {
        total += edges;
      }
      if (total != out.edgeCount()) {
        throw out.badEdgeCount(total);
      }
      return inverse;
    }

    private static double[] inverseFromOffsets(CsrView out, EdgeTypeMask types, boolean parallel) {
      int n = out.nodeCount();
      double[] inverse = new double[n];
      int[] bounds = Chunks.balanced(out, 1);
      boolean all = types.isAll();
      boolean[] sel = types.table();
      Chunks.forEach(bounds.length - 1, parallel, chunk -> {
        long[] o = new long[Blocks.NODE_BLOCK + 1];
        byte[] tys = all ? null : new byte[Blocks.EDGE_WINDOW];
        int to = bounds[chunk + 1];
        for (int u0 = bounds[chunk]; u0 < to; u0 += Blocks.NODE_BLOCK) {
          int m = Math.min(Blocks.NODE_BLOCK, to - u0);
          Blocks.offsets(out, u0, m, o);
          for (int k = 0; k < m; k++) {
            long degree = all ? o[k + 1] - o[k] : selectedDegree(out, sel, o[k], o[k + 1], tys);
            inverse[u0 + k] = degree == 0 ? 0 : 1.0 / degree;
          }
        }
      });
      return inverse;
    }

    /** The number of edges in [from, to) whose type is selected, reading the types a window at a time. */
    private static long selectedDegree(CsrView out, boolean[] sel, long from, long to, byte[] tys) {
      long degree = 0;
      for (long j = from; j < to; ) {
        int length = (int) Math.min(tys.length, to - j);
        Blocks.types(out, j, length, tys);
        for (int x = 0; x < length; x++) {
          degree += sel[tys[x] & 0xFF] ? 1 : 0;
        }
        j += length;
      }
      return degree;
    }
  }
}
