package io.graphsnap.bench;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.util.Locale;
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
 * Substring search over node names, {@link GraphSnapshot#namesContaining(String)}, on a synthetic graph
 * ({@link Scale#MEDIUM}: about 1.2 M names), through the NAME_TRIGRAMS index: intersect the postings of the text's
 * trigrams, then compare the candidates' names. Texts are 8 characters cut from the simple part (after the last
 * {@code .} or {@code #}) of names drawn uniformly (seeded), 4 k of them, cycled. Sample time, so that the median is
 * reported. The baseline, {@code scanHeapNames}, is what an index spares: {@code contains} over a heap
 * {@code String[]} of every name, lower-cased once in setup.
 *
 * <p>Run (after {@code mvn -B -pl bench -am package -DskipTests}; the snapshot is built once into
 * {@code bench/target/bench-data}):
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar SearchBenchmark -p scale=medium
 * </pre>
 * Smoke run: {@code … SearchBenchmark -p scale=tiny -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class SearchBenchmark {
  private static final int SAMPLES = 1 << 12;

  /** The synthetic graph's scale: tiny, small, medium or large. */
  @Param({"medium"})
  public String scale;

  private GraphSnapshot snapshot;
  private String[] texts;
  private String[] lowerNames;
  private int cursor;

  /** Builds or reuses the cached snapshot, opens it and cuts the search texts. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    snapshot = GraphSnapshot.open(BenchData.snapshot(Scale.parse(scale), SyntheticGraph.DEFAULT_SEED));
    if (!snapshot.hasSearchIndex()) {
      throw new IllegalStateException("the benchmark snapshot has no search index: rebuild bench-data");
    }
    int n = snapshot.nodeCount();
    lowerNames = new String[n];
    for (int id = 0; id < n; id++) {
      lowerNames[id] = snapshot.name(id).toLowerCase(Locale.ROOT);
    }
    SplittableRandom random = new SplittableRandom(SyntheticGraph.DEFAULT_SEED);
    texts = new String[SAMPLES];
    for (int i = 0; i < SAMPLES; ) {
      String name = snapshot.name(random.nextInt(n));
      int tail = Math.max(name.lastIndexOf('.'), name.lastIndexOf('#')) + 1;
      int paren = name.indexOf('(', tail);
      String simple = name.substring(tail, paren < 0 ? name.length() : paren);
      if (simple.length() >= 8 && simple.chars().allMatch(c -> c < 128)) {
        int at = random.nextInt(simple.length() - 7);
        texts[i++] = simple.substring(at, at + 8);
      }
    }
    for (int i = 0; i < 64; i++) { // the index and the scan agree
      String t = texts[i].toLowerCase(Locale.ROOT);
      long scanned = java.util.Arrays.stream(lowerNames).filter(s -> s.contains(t)).count();
      if (snapshot.namesContaining(texts[i]).getLongCardinality() != scanned) {
        throw new IllegalStateException("search for " + texts[i] + " disagrees with a scan");
      }
    }
  }

  /** Closes the snapshot. */
  @TearDown(Level.Trial)
  public void tearDown() {
    snapshot.close();
  }

  private String next() {
    return texts[cursor++ & (SAMPLES - 1)];
  }

  /** The indexed search: how many names contain the text. */
  @Benchmark
  public long substringIndexed() {
    return snapshot.namesContaining(next()).getLongCardinality();
  }

  /** Baseline: {@code contains} over every lower-cased heap name. */
  @Benchmark
  public long scanHeapNames() {
    String t = next().toLowerCase(Locale.ROOT);
    long count = 0;
    for (String name : lowerNames) {
      if (name.contains(t)) {
        count++;
      }
    }
    return count;
  }
}
