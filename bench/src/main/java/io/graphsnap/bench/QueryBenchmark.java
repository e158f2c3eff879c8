package io.graphsnap.bench;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.query.Query;
import io.graphsnap.reader.query.QueryEvaluator;
import io.graphsnap.reader.query.QueryParser;
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
 * Typical queries of the query syntax ({@link io.graphsnap.reader.query}), parsed and evaluated as
 * {@code graphsnap query … --count} does (parse, then {@link QueryEvaluator#evaluate}, then the count), on a
 * synthetic graph ({@link Scale#MEDIUM}: about 1.2 M nodes, 10.6 M edges). Sample time, so that the median is
 * reported. The queries, one per {@code query} parameter value:
 * <ul>
 *   <li>{@code bitmaps}: {@code kind:method effect:io} — two Roaring bitmaps ANDed;
 *   <li>{@code notTests}: {@code kind:method effect:io -file:src/test/} — plus a file prefix, negated;
 *   <li>{@code inherited}: {@code kind:method effect~:io} — the effect closure through {@code calls};
 *   <li>{@code degree}: {@code kind:method in.calls>50} — a degree filter over the kind's nodes;
 *   <li>{@code word}: a bare word (8 characters of a random method's simple name) — the name index;
 *   <li>{@code calledBy}: {@code calledby:X} for a random method X — one node's edge list;
 *   <li>{@code mixed}: {@code kind:method effect:io -file:src/test/ (in>10 OR effect:db)}.
 * </ul>
 * Random names are drawn (seeded) once per trial and cycled, 1 k of them.
 *
 * <p>Run (after {@code mvn -B -pl bench -am package -DskipTests}; the snapshot is built once into
 * {@code bench/target/bench-data}):
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar QueryBenchmark -p scale=medium
 * </pre>
 * Smoke run: {@code … QueryBenchmark -p scale=tiny -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class QueryBenchmark {
  private static final int SAMPLES = 1 << 10;

  /** The synthetic graph's scale: tiny, small, medium or large. */
  @Param({"medium"})
  public String scale;

  /** Which query (see the class comment). */
  @Param({"bitmaps", "notTests", "inherited", "degree", "word", "calledBy", "mixed"})
  public String query;

  private GraphSnapshot snapshot;
  private QueryParser parser;
  private String[] texts;
  private int cursor;

  /** Builds or reuses the cached snapshot, opens it and writes the query texts. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    snapshot = GraphSnapshot.open(BenchData.snapshot(Scale.parse(scale), SyntheticGraph.DEFAULT_SEED));
    parser = new QueryParser(snapshot.edgeTypes());
    SplittableRandom random = new SplittableRandom(SyntheticGraph.DEFAULT_SEED);
    int[] methods = snapshot.ofKind("method").toArray();
    texts = new String[SAMPLES];
    for (int i = 0; i < SAMPLES; ) {
      String method = snapshot.name(methods[random.nextInt(methods.length)]);
      String text = switch (query) {
        case "bitmaps" -> "kind:method effect:io";
        case "notTests" -> "kind:method effect:io -file:src/test/";
        case "inherited" -> "kind:method effect~:io";
        case "degree" -> "kind:method in.calls>50";
        case "word" -> word(method);
        case "calledBy" -> "calledby:\"" + method + "\"";
        case "mixed" -> "kind:method effect:io -file:src/test/ (in>10 OR effect:db)";
        default -> throw new IllegalArgumentException("no query named " + query);
      };
      if (text != null) {
        texts[i++] = text;
      }
    }
    for (int i = 0; i < 8; i++) { // each parses and answers
      evaluate(texts[i]);
    }
  }

  /** 8 characters of the simple name of {@code name}, or null if it is shorter. */
  private static String word(String name) {
    int tail = Math.max(name.lastIndexOf('.'), name.lastIndexOf('#')) + 1;
    int paren = name.indexOf('(', tail);
    String simple = name.substring(tail, paren < 0 ? name.length() : paren);
    return simple.length() >= 8 && simple.chars().allMatch(Character::isLetterOrDigit) ? simple.substring(0, 8) : null;
  }

  /** Closes the snapshot. */
  @TearDown(Level.Trial)
  public void tearDown() {
    snapshot.close();
  }

  private long evaluate(String text) {
    Query q = parser.parse(text);
    return new QueryEvaluator(snapshot).evaluate(q).count();
  }

  /** Parse, evaluate, count. */
  @Benchmark
  public long parseAndEvaluate() {
    return evaluate(texts[cursor++ & (SAMPLES - 1)]);
  }
}
