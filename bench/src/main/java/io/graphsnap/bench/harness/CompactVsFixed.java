package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fixed and the compact adjacency of the same graph side by side: bytes per edge (whole file, adjacency
 * sections, names), then BFS over every node and pull PageRank iterations through the reader's {@link EdgeCursor}
 * (the same code on both files, each value checked), and the time to decode the compact adjacency into the fixed layout ({@link CsrGraph#of}, what the
 * whole-graph analyses do on a compact file). Times are thread CPU time, runs alternate (fixed, compact, compact,
 * fixed, …) so a loaded machine shifts both alike; each figure is the median of the rounds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.CompactVsFixed FIXED.gsnap COMPACT.gsnap [ROUNDS]
 * </pre>
 */
public final class CompactVsFixed {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CompactVsFixed() {}

  public static void main(String[] args) throws Exception {
    Path fixedPath = Path.of(args[0]);
    Path compactPath = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    sizes("fixed", fixedPath);
    sizes("compact", compactPath);
    try (GraphSnapshot fixed = GraphSnapshot.open(fixedPath); GraphSnapshot compact = GraphSnapshot.open(compactPath)) {
      if (fixed.edgeCount() != compact.edgeCount() || fixed.nodeCount() != compact.nodeCount()) {
        throw new IllegalArgumentException("not the same graph");
      }
      GraphSnapshot[] both = {fixed, compact};
      long[][] bfs = new long[2][rounds];
      long[][] pr = new long[2][rounds];
      long[] decode = new long[rounds];
      long check = 0;
      double rankCheck = 0;
      boolean checked = false;
      for (int r = -2; r < rounds; r++) { // two warm-up rounds
        for (int k = 0; k < 2; k++) {
          int which = (r & 1) == 0 ? k : 1 - k;
          long t0 = cpu();
          long visited = bfsAll(both[which].forward());
          long t1 = cpu();
          double rank = pageRankIteration(both[which].forward(), both[which].reverse());
          long t2 = cpu();
          if (checked && (visited != check || rank != rankCheck)) { // same ids in the same order: the same sums
            throw new IllegalStateException("the layouts disagree: BFS hash of the neighbour ids read " + visited
                + " vs " + check + ", PageRank total " + rank + " vs " + rankCheck);
          }
          check = visited;
          rankCheck = rank;
          checked = true;
          if (r >= 0) {
            bfs[which][r] = t1 - t0;
            pr[which][r] = t2 - t1;
          }
        }
        long t1;
        long t2;
        try (GraphSnapshot fresh = GraphSnapshot.open(compactPath)) { // the decoded copy is kept per open snapshot
          t1 = cpu();
          CsrGraph decoded = CsrGraph.of(fresh);
          t2 = cpu();
          if (decoded.edgeCount() != compact.edgeCount()) {
            throw new IllegalStateException();
          }
        }
        if (r >= 0) {
          decode[r] = t2 - t1;
        }
      }
      System.out.printf(Locale.ROOT, "nodes %d, edges %d, rounds %d (thread CPU ms, median; runs alternate)%n",
          fixed.nodeCount(), fixed.edgeCount(), rounds);
      System.out.printf(Locale.ROOT, "BFS over every node (cursor): fixed %.1f, compact %.1f, ratio %.2f%n",
          ms(median(bfs[0])), ms(median(bfs[1])), (double) median(bfs[1]) / median(bfs[0]));
      System.out.printf(Locale.ROOT, "PageRank iteration (pull, cursor): fixed %.1f, compact %.1f, ratio %.2f%n",
          ms(median(pr[0])), ms(median(pr[1])), (double) median(pr[1]) / median(pr[0]));
      System.out.printf(Locale.ROOT, "compact decoded to the fixed layout (CsrGraph.of, both directions): %.1f%n",
          ms(median(decode)));
    }
  }

  /**
   * Every node visited in BFS order (from node 0, then from each node not yet seen), every out-edge read; returns a
   * hash of every neighbour id in the order read, so the two layouts must agree on each value.
   */
  static long bfsAll(CsrView forward) {
    int n = forward.nodeCount();
    long[] seen = new long[(n + 63) >>> 6];
    int[] queue = new int[n];
    EdgeCursor c = forward.cursor();
    long edges = 0;
    int tail = 0;
    int head = 0;
    for (int root = 0; root < n; root++) {
      if ((seen[root >>> 6] & (1L << root)) != 0) {
        continue;
      }
      seen[root >>> 6] |= 1L << root;
      queue[tail++] = root;
      while (head < tail) {
        int v = queue[head++];
        for (int w = c.reset(v).next(); w >= 0; w = c.next()) {
          edges = edges * 31 + w + 1; // every neighbour id, in order
          if ((seen[w >>> 6] & (1L << w)) == 0) {
            seen[w >>> 6] |= 1L << w;
            queue[tail++] = w;
          }
        }
      }
    }
    return edges;
  }

  /** One pull iteration: each node sums its in-neighbours' rank over their out-degree. */
  static double pageRankIteration(CsrView forward, CsrView reverse) {
    int n = forward.nodeCount();
    double[] contribution = new double[n];
    double[] next = new double[n];
    EdgeCursor out = forward.cursor(); // degrees in node order: a scan of the rows
    for (int v = 0; v < n; v++) {
      long degree = out.reset(v).size();
      contribution[v] = degree == 0 ? 0 : 1.0 / n / degree;
    }
    EdgeCursor c = reverse.cursor();
    double total = 0;
    for (int v = 0; v < n; v++) {
      double sum = 0;
      for (int u = c.reset(v).next(); u >= 0; u = c.next()) {
        sum += contribution[u];
      }
      next[v] = 0.15 / n + 0.85 * sum;
      total += next[v];
    }
    return total;
  }

  private static void sizes(String label, Path file) throws Exception {
    try (SnapshotFile f = SnapshotFile.open(file); GraphSnapshot g = GraphSnapshot.open(file)) {
      long edges = g.edgeCount();
      long adjacency = 0;
      long names = 0;
      StringBuilder parts = new StringBuilder();
      CompactCsrFormat.Layout layout = CompactCsrFormat.layoutOf(f.header());
      for (SectionEntry e : f.header().sections()) {
        SectionId id = SectionId.byId(e.id());
        if (id != null && Arrays.asList(layout.sections()).contains(id)) {
          adjacency += e.length();
          parts.append(String.format(Locale.ROOT, " %s %.2f", id, (double) e.length() / edges));
        }
        if (id == SectionId.NODE_NAMES) {
          names = e.length();
        }
      }
      System.out.printf(Locale.ROOT, "%s: %d bytes, %.2f B/edge; adjacency %.2f B/edge (%s ); names %.2f B/edge%n",
          label, g.byteSize(), (double) g.byteSize() / edges, (double) adjacency / edges, parts.toString().strip(),
          (double) names / edges);
    }
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
