package io.graphsnap.bench.harness;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.PageRank;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's "same code" PageRank row in one JVM, side by side: the reader's {@code PageRank} with
 * {@code parallel(false)} over a mapped snapshot against {@link HeapCsr#pageRank} (the naive pull loop over heap
 * {@code int[]}) on the same graph with the same node ids, alternating, {@code reps} times; then the reader's
 * parallel PageRank for information. Prints each run's milliseconds per iteration, then the medians and the
 * median of the per-repetition ratios (heap ÷ mapped: at least 0.77 is "within 1.3×"), and checks that the
 * vectors agree within 1e-9 relative per node (exit 1 if not).
 *
 * <pre>
 * # once: a snapshot of the synthetic generator's graph of FILES files
 * java -Xmx12g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.PageRankSameCodeProbe build FILES OUT.gsnap
 * # then, in a fresh JVM:
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.PageRankSameCodeProbe run OUT.gsnap [REPS=5] [ITERATIONS=20]
 * </pre>
 */
public final class PageRankSameCodeProbe {
  private static final double DAMPING = 0.85;

  private PageRankSameCodeProbe() {}

  /** {@code build FILES OUT} or {@code run SNAPSHOT [REPS] [ITERATIONS]}. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("build")) {
      Path out = Path.of(args[2]);
      Files.createDirectories(out.toAbsolutePath().getParent());
      long t0 = System.nanoTime();
      var result = new SnapshotBuilder().build(SyntheticGraph.ofFiles(Integer.parseInt(args[1]),
          SyntheticGraph.DEFAULT_SEED), out);
      System.out.printf("built %s: %,d nodes, %,d edges, %,d bytes in %.1f s%n", out, result.nodeCount(),
          result.edgeCount(), result.bytes(), (System.nanoTime() - t0) / 1e9);
      return;
    }
    if (args.length < 2 || !args[0].equals("run")) {
      throw new IllegalArgumentException("usage: build FILES OUT | run SNAPSHOT [REPS] [ITERATIONS]");
    }
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    try (GraphSnapshot snapshot = GraphSnapshot.open(Path.of(args[1]))) {
      CsrGraph graph = CsrGraph.of(snapshot);
      HeapCsr heap = HeapCsr.of(resolved(snapshot.forward()));
      System.out.printf("%,d nodes, %,d edges; %d iterations per run%n", graph.nodeCount(), graph.edgeCount(),
          iterations);
      double[] expected = heap.pageRank(iterations, DAMPING);
      double[] mappedRanks = reader(graph, iterations, false);
      double[] parallelRanks = reader(graph, iterations, true);
      check("mapped 1 thread", expected, mappedRanks);
      check("mapped parallel", expected, parallelRanks);
      double[] heapMs = new double[reps];
      double[] mappedMs = new double[reps];
      double[] parallelMs = new double[reps];
      double[] ratio = new double[reps];
      double[] heapCpuMs = new double[reps];
      double[] mappedCpuMs = new double[reps];
      double[] cpuRatio = new double[reps];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int r = 0; r < reps; r++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        heap.pageRank(iterations, DAMPING);
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        reader(graph, iterations, false);
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        reader(graph, iterations, true);
        long t3 = System.nanoTime();
        heapMs[r] = (t1 - t0) / 1e6 / iterations;
        mappedMs[r] = (t2 - t1) / 1e6 / iterations;
        parallelMs[r] = (t3 - t2) / 1e6 / iterations;
        ratio[r] = heapMs[r] / mappedMs[r];
        heapCpuMs[r] = (c1 - c0) / 1e6 / iterations;
        mappedCpuMs[r] = (c2 - c1) / 1e6 / iterations;
        cpuRatio[r] = heapCpuMs[r] / mappedCpuMs[r];
        System.out.printf("rep %d: heap %.1f ms (cpu %.1f), mapped 1 thread %.1f ms (cpu %.1f), ratio %.2f (cpu %.2f),"
            + " mapped parallel %.1f ms%n", r, heapMs[r], heapCpuMs[r], mappedMs[r], mappedCpuMs[r], ratio[r],
            cpuRatio[r], parallelMs[r]);
      }
      System.out.printf("median ms per iteration: heap %.1f, mapped 1 thread %.1f, mapped parallel %.1f;"
          + " heap/mapped ratio median %.2f (min %.2f, max %.2f)%n", median(heapMs), median(mappedMs),
          median(parallelMs), median(ratio), Arrays.stream(ratio).min().orElse(0),
          Arrays.stream(ratio).max().orElse(0));
      System.out.printf("median thread CPU ms per iteration: heap %.1f, mapped 1 thread %.1f; ratio median %.2f"
          + " (min %.2f, max %.2f)%n", median(heapCpuMs), median(mappedCpuMs), median(cpuRatio),
          Arrays.stream(cpuRatio).min().orElse(0), Arrays.stream(cpuRatio).max().orElse(0));
    }
  }

  private static double[] reader(CsrGraph graph, int iterations, boolean parallel) {
    return PageRank.on(graph).parallel(parallel).damping(DAMPING).tolerance(0).maxIterations(iterations).run()
        .ranks();
  }

  /** The snapshot's forward CSR as a {@link ResolvedGraph} (names, kinds and effects left empty). */
  static ResolvedGraph resolved(CsrView forward) {
    int n = forward.nodeCount();
    long e = forward.edgeCount();
    if (e > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(e + " edges do not fit heap arrays");
    }
    long[] offsets = forward.offsets().toArray(LONG);
    int[] intOffsets = new int[n + 1];
    for (int v = 0; v <= n; v++) {
      intOffsets[v] = (int) offsets[v];
    }
    int[] targets = forward.neighbours().asSlice(0, e * Integer.BYTES).toArray(INT);
    byte[] types = forward.types().asSlice(0, e).toArray(BYTE);
    String[] names = new String[n];
    Arrays.fill(names, "");
    List<String> edgeTypes = new java.util.ArrayList<>();
    for (int t = 0; t < forward.edgeTypeCount(); t++) {
      edgeTypes.add("t" + t);
    }
    return new ResolvedGraph(names, List.of(), List.of(), edgeTypes, new short[n], new int[n], intOffsets, targets,
        types);
  }

  private static void check(String what, double[] expected, double[] actual) {
    for (int v = 0; v < expected.length; v++) {
      if (Math.abs(expected[v] - actual[v]) > 1e-9 * Math.abs(expected[v])) {
        System.out.printf("%s: node %d has %.17g, the heap loop %.17g%n", what, v, actual[v], expected[v]);
        System.exit(1);
      }
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
