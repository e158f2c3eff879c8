package io.graphsnap.bench.harness;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reader's point and whole-graph operations on one published snapshot, whatever its size, for the per-scale
 * rows of issue 20 ("lookup, neighbours, BFS and PageRank at 10 M files, side by side with the same figures at 100 k"):
 * the snapshot is opened as users open it (mapped), nothing is built in memory, so it runs on snapshots too large
 * for the JMH benchmarks' in-process builder. Run one JVM per snapshot, alternating, on an otherwise idle machine:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.ScaleProbe \
 *     STORE/snapshots/ID.gsnap [--rounds 7]
 * </pre>
 *
 * <p>Prints one line per measure with the median and the range over the rounds (each round after 2 warm-up rounds):
 * lookup by name (100,000 names of random nodes, sampled once: ns per lookup),
 * neighbours (the out-edges of 100,000 random nodes summed: ns per node and per edge), BFS forward over every edge
 * type from 20 random seeds (ms per BFS, reached nodes), and one PageRank iteration (the analysis API, parallel and
 * on one thread; ms per iteration over 5 iterations).
 */
public final class ScaleProbe {
  private static final int NAMES = 100_000;
  private static final int SEEDS = 20;
  private static final int WARMUP = 2;

  private ScaleProbe() {}

  /** {@code SNAPSHOT [--rounds N]}. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 2 && args[1].equals("--rounds") ? Integer.parseInt(args[2]) : 7;
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      int n = s.nodeCount();
      System.out.printf("snapshot %s: %,d nodes, %,d edges, %,d bytes%n", file, n, s.edgeCount(), s.byteSize());
      SplittableRandom random = new SplittableRandom(20261204L);
      int[] nodes = new int[NAMES];
      String[] names = new String[NAMES];
      for (int i = 0; i < NAMES; i++) {
        nodes[i] = random.nextInt(n);
        names[i] = s.name(nodes[i]);
      }
      report("lookup", "ns/lookup", measure(rounds, () -> {
        long found = 0;
        for (String name : names) {
          found += s.node(name);
        }
        blackhole(found);
        return NAMES;
      }));
      long[] edges = {0};
      double[] neighbours = measure(rounds, () -> {
        EdgeCursor cursor = null;
        long sum = 0;
        long count = 0;
        for (int v : nodes) {
          cursor = cursor == null ? s.out(v) : cursor.reset(v);
          for (int w = cursor.next(); w != EdgeCursor.END; w = cursor.next()) {
            sum += w;
            count++;
          }
        }
        edges[0] = count;
        blackhole(sum);
        return NAMES;
      });
      report("neighbours", "ns/node", neighbours);
      System.out.printf("  (%,d out-edges over the %,d nodes: %.1f ns per edge)%n", edges[0], NAMES,
          median(neighbours) * NAMES / Math.max(1, edges[0]));
      CsrGraph graph = CsrGraph.of(s);
      int[] seeds = new int[SEEDS];
      for (int i = 0; i < SEEDS; i++) {
        seeds[i] = random.nextInt(n);
      }
      long[] reached = {0};
      report("BFS", "ms/BFS", scale(measure(rounds, () -> {
        long total = 0;
        for (int seed : seeds) {
          Reach reach = Reachability.reach(graph, new int[] {seed}, EdgeTypeMask.all(), Direction.FORWARD,
              Integer.MAX_VALUE);
          total += reach.count();
        }
        reached[0] = total / SEEDS;
        return SEEDS;
      }), 1e-6));
      System.out.printf("  (%,d nodes reached per BFS on average)%n", reached[0]);
      for (boolean parallel : new boolean[] {true, false}) {
        report("PageRank iteration" + (parallel ? " (parallel)" : " (1 thread)"), "ms/iteration",
            scale(measure(Math.max(3, rounds / 2), () -> {
              PageRank.on(graph).maxIterations(5).tolerance(0).parallel(parallel).run();
              return 5;
            }), 1e-6));
      }
    }
  }

  /** A task that returns how many operations it did. */
  private interface Task {
    int run() throws Exception;
  }

  private static long sink;

  private static void blackhole(long value) {
    sink ^= value;
  }

  /** Nanoseconds per operation of each measured round, after the warm-up rounds. */
  private static double[] measure(int rounds, Task task) throws Exception {
    double[] perOp = new double[rounds];
    for (int r = -WARMUP; r < rounds; r++) {
      long t0 = System.nanoTime();
      int ops = task.run();
      double ns = (double) (System.nanoTime() - t0) / ops;
      if (r >= 0) {
        perOp[r] = ns;
      }
    }
    return perOp;
  }

  private static double[] scale(double[] values, double factor) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static void report(String what, String unit, double[] values) {
    double min = Arrays.stream(values).min().orElse(0);
    double max = Arrays.stream(values).max().orElse(0);
    System.out.printf("%-30s %12.2f %s  [%.2f–%.2f, %d rounds]%s%n", what, median(values), unit, min, max,
        values.length, sink == 42 ? " " : "");
  }
}
