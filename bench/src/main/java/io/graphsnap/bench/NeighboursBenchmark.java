package io.graphsnap.bench;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link GraphSnapshot#out(int, int)}: iterate one random node's out-edges of one type and sum the neighbour
 * ids, on a synthetic graph ({@link Scale#MEDIUM}: about 1.2 M nodes and 10.6 M edges). Variants: a new cursor
 * per call (the API as documented), one reused cursor, and the baseline, a bare heap CSR ({@code int[]}
 * offsets and targets, {@code byte[]} types, copied from the same snapshot) walked the same way (binary search
 * for the type's range, then a loop). Nodes are drawn uniformly from all nodes (seeded, 64 k, cycled); many
 * have no edge of the type, as in a real graph.
 *
 * <p>Run (after {@code mvn -B -pl bench -am package -DskipTests}):
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar NeighboursBenchmark -p scale=medium
 * </pre>
 * Smoke run: {@code … NeighboursBenchmark -p scale=tiny -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class NeighboursBenchmark {
  private static final int SAMPLES = 1 << 16;

  /** The synthetic graph's scale: tiny, small, medium or large. */
  @Param({"medium"})
  public String scale;

  /** The edge type walked. */
  @Param({"calls"})
  public String type;

  private GraphSnapshot snapshot;
  private int typeId;
  private int[] nodes;
  private EdgeCursor reused;
  private int[] heapOffsets;
  private int[] heapTargets;
  private byte[] heapTypes;
  private int cursor;

  /** Builds or reuses the cached snapshot, opens it, copies its forward CSR to the heap and draws the nodes. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    snapshot = GraphSnapshot.open(BenchData.snapshot(Scale.parse(scale), SyntheticGraph.DEFAULT_SEED));
    typeId = snapshot.edgeTypeId(type);
    if (typeId < 0) {
      throw new IllegalArgumentException("no edge type " + type + " in " + snapshot.edgeTypes());
    }
    int n = snapshot.nodeCount();
    long e = snapshot.edgeCount();
    if (e > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(e + " edges do not fit the heap baseline's int[]");
    }
    CsrView forward = snapshot.forward();
    heapOffsets = new int[n + 1];
    for (int v = 0; v <= n; v++) {
      heapOffsets[v] = (int) forward.offset(v);
    }
    heapTargets = new int[(int) e];
    heapTypes = new byte[(int) e];
    for (int i = 0; i < e; i++) {
      heapTargets[i] = forward.neighbour(i);
      heapTypes[i] = (byte) forward.type(i);
    }
    SplittableRandom random = new SplittableRandom(SyntheticGraph.DEFAULT_SEED);
    nodes = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      nodes[i] = random.nextInt(n);
    }
    reused = snapshot.forward().cursor();
    for (int i = 0; i < 1000; i++) {
      if (sum(snapshot.out(nodes[i], typeId)) != heapSum(nodes[i])) {
        throw new IllegalStateException("the mapped and heap CSR disagree on node " + nodes[i]);
      }
    }
  }

  /** Unmaps the snapshot. */
  @TearDown(Level.Trial)
  public void tearDown() {
    snapshot.close();
  }

  private int next() {
    int i = cursor;
    cursor = (i + 1) & (SAMPLES - 1);
    return nodes[i];
  }

  /** {@code snapshot.out(v, type)}: a new cursor per call. */
  @Benchmark
  public long newCursor() {
    return sum(snapshot.out(next(), typeId));
  }

  /** One cursor, repositioned with {@code reset(v, type)}. */
  @Benchmark
  public long reusedCursor() {
    return sum(reused.reset(next(), typeId));
  }

  /** Baseline: the same walk over a bare heap CSR. */
  @Benchmark
  public long baselineHeapCsr() {
    return heapSum(next());
  }

  private static long sum(EdgeCursor c) {
    long sum = 0;
    for (int w = c.next(); w >= 0; w = c.next()) {
      sum += w;
    }
    return sum;
  }

  private long heapSum(int v) {
    final int[] targets = heapTargets;
    final byte[] types = heapTypes;
    final int t = typeId;
    int lo = heapOffsets[v];
    int hi = heapOffsets[v + 1];
    int from = lowerBound(types, lo, hi, t);
    int to = lowerBound(types, from, hi, t + 1);
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += targets[i];
    }
    return sum;
  }

  private static int lowerBound(byte[] types, int lo, int hi, int type) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((types[mid] & 0xFF) < type) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
