package io.graphsnap.bench;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@link GraphSnapshot#node(String)} on a synthetic graph ({@link Scale#MEDIUM}: about 1.2 M nodes and 10.6 M
 * edges): a hit (from a {@code String}, and from UTF-8 bytes), a miss the Bloom filter rejects, and a miss that
 * passes the filter (a false positive, so the binary search runs and fails); baselines are a heap {@code HashMap<String, Integer>} and a binary search over a
 * heap {@code String[]} of the same names. Names are drawn uniformly from all nodes (seeded) and cycled, 64 k of
 * each, so that the caches see a realistic spread.
 *
 * <p>Run (after {@code mvn -B -pl bench -am package -DskipTests}; the snapshot is built once into
 * {@code bench/target/bench-data}):
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar LookupBenchmark -p scale=medium
 * </pre>
 * Smoke run: {@code … LookupBenchmark -p scale=tiny -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class LookupBenchmark {
  private static final int SAMPLES = 1 << 16;

  /** The synthetic graph's scale: tiny, small, medium or large. */
  @Param({"medium"})
  public String scale;

  private GraphSnapshot snapshot;
  private String[] hits;
  private byte[][] hitsUtf8;
  private String[] bloomMisses;
  private String[] falsePositives;
  private String[] sortedNames;
  private Map<String, Integer> heapIndex;
  private int cursor;

  /** Builds or reuses the cached snapshot, opens it and draws the names. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    var file = BenchData.snapshot(Scale.parse(scale), SyntheticGraph.DEFAULT_SEED);
    snapshot = GraphSnapshot.open(file);
    int n = snapshot.nodeCount();
    sortedNames = new String[n];
    heapIndex = new HashMap<>(n * 2);
    for (int id = 0; id < n; id++) {
      sortedNames[id] = snapshot.name(id);
      heapIndex.put(sortedNames[id], id);
    }
    SplittableRandom random = new SplittableRandom(SyntheticGraph.DEFAULT_SEED);
    hits = new String[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      hits[i] = sortedNames[random.nextInt(n)];
    }
    hitsUtf8 = new byte[SAMPLES][];
    for (int i = 0; i < SAMPLES; i++) {
      hitsUtf8[i] = hits[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    List<String> rejected = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    try (SnapshotBloom bloom = SnapshotBloom.open(file)) {
      for (long k = 0; rejected.size() < SAMPLES || passed.size() < SAMPLES / 16; k++) {
        // Absent names that look like present ones: a real name with a suffix no generated name has.
        String candidate = sortedNames[random.nextInt(n)] + "$absent" + k;
        boolean maybe = bloom.mightContain(candidate);
        if (maybe && passed.size() < SAMPLES / 16) {
          passed.add(candidate);
        } else if (!maybe && rejected.size() < SAMPLES) {
          rejected.add(candidate);
        }
        if (k > 1_000L * SAMPLES) {
          throw new IllegalStateException("the Bloom filter let " + passed.size() + " of " + k
              + " absent names through; expected about 1 %");
        }
      }
    }
    bloomMisses = rejected.toArray(String[]::new);
    falsePositives = fill(passed);
    check();
  }

  private static String[] fill(List<String> few) {
    String[] out = new String[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      out[i] = few.get(i % few.size());
    }
    return out;
  }

  private void check() {
    for (int i = 0; i < 1000; i++) {
      if (snapshot.node(hits[i]) != heapIndex.get(hits[i])) {
        throw new IllegalStateException("lookup of " + hits[i] + " disagrees with the heap index");
      }
      if (snapshot.node(bloomMisses[i]) != -1 || snapshot.node(falsePositives[i]) != -1) {
        throw new IllegalStateException("an absent name was found");
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
    return i;
  }

  /** A name that exists: Bloom filter, then binary search over the mapped names. */
  @Benchmark
  public int hit() {
    return snapshot.node(hits[next()]);
  }

  /** A name that exists, already UTF-8 ({@link GraphSnapshot#node(byte[])}): the hit without the encoding. */
  @Benchmark
  public int hitUtf8() {
    return snapshot.node(hitsUtf8[next()]);
  }

  /** An absent name the Bloom filter rejects: no access to the names. */
  @Benchmark
  public int missBloom() {
    return snapshot.node(bloomMisses[next()]);
  }

  /** An absent name the Bloom filter lets through: the full binary search, then -1. */
  @Benchmark
  public int missFalsePositive() {
    return snapshot.node(falsePositives[next()]);
  }

  /**
   * Baseline: a heap {@code HashMap<String, Integer>} hit. The sampled Strings cache their hash after the first
   * round, as a literal's would, so this is the best case for the map.
   */
  @Benchmark
  public Integer baselineHashMapHit() {
    return heapIndex.get(hits[next()]);
  }

  /** Baseline: binary search over a heap {@code String[]} of the sorted names. */
  @Benchmark
  public int baselineHeapBinarySearchHit() {
    return Arrays.binarySearch(sortedNames, hits[next()]);
  }
}
