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
 *   <li>{@code inherited}: {@code kind:method effect~:io} — the effect closure through {@code calls}, as every
 *       query after the first on an open snapshot sees it (the evaluator memoises it per snapshot and effect);
 *   <li>{@code inheritedCold}: the same with the memo off ({@link QueryEvaluator#memoise}), as a one-shot
 *       {@code graphsnap query} pays it: one backward search over {@code calls} per query;
 *   <li>{@code degree}: {@code kind:method in.calls>50} — a degree filter over the kind's nodes;
 *   <li>{@code word}: a bare word, the simple name of a random method's class ({@code C4711}, which is
 *       {@code name:*C4711*}: the class, its members, and those of {@code C47110}…) — the search index;
 *   <li>{@code calledBy}: {@code calledby:X} for a random method X — one node's out-edge list;
 *   <li>{@code calls}: {@code calls:X} for a random method X — one node's in-edge list;
 *   <li>{@code globs}: {@code name:*Reader OR name:*Stream} — two suffix globs (no synthetic name ends so: the
 *       search index answers "none" from its trigrams);
 *   <li>{@code globsHit}: {@code kind:class (name:*1 OR name:*7)} — suffix globs that match (a tenth of the
 *       classes each; their literal is shorter than a trigram, so the kind's names are read);
 *   <li>{@code mixed}: {@code kind:method effect:io -file:src/test/ (in>10 OR effect:db)};
 *   <li>{@code example}: {@code kind:method effect~:io -file:src/test/ (name:*Reader OR name:*Stream)}, the
 *       issue's example.
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
  @Param({"bitmaps", "notTests", "inherited", "inheritedCold", "degree", "word", "calledBy", "calls", "globs",
      "globsHit", "mixed", "example"})
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
    for (int i = 0, tries = 0; i < SAMPLES; tries++) {
      if (tries > 100 * SAMPLES) {
        throw new IllegalStateException("query " + query + ": no usable method name among " + tries + " drawn");
      }
      String method = snapshot.name(methods[random.nextInt(methods.length)]);
      String text = switch (query) {
        case "bitmaps" -> "kind:method effect:io";
        case "notTests" -> "kind:method effect:io -file:src/test/";
        case "inherited", "inheritedCold" -> "kind:method effect~:io";
        case "degree" -> "kind:method in.calls>50";
        case "word" -> word(method);
        case "calledBy" -> "calledby:\"" + method + "\"";
        case "calls" -> "calls:\"" + method + "\"";
        case "globs" -> "name:*Reader OR name:*Stream";
        case "globsHit" -> "kind:class (name:*1 OR name:*7)";
        case "mixed" -> "kind:method effect:io -file:src/test/ (in>10 OR effect:db)";
        case "example" -> "kind:method effect~:io -file:src/test/ (name:*Reader OR name:*Stream)";
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

  /**
   * The simple name of the class that declares method {@code name} ({@code C4711} for
   * {@code org.acme.m1.p2.C4711#m3}), or null if it has no class part of at least three letters or digits.
   */
  static String word(String name) {
    int hash = name.indexOf('#');
    String owner = hash < 0 ? name : name.substring(0, hash);
    String simple = owner.substring(owner.lastIndexOf('.') + 1);
    return simple.length() >= 3 && simple.chars().allMatch(Character::isLetterOrDigit) ? simple : null;
  }

  /** Closes the snapshot. */
  @TearDown(Level.Trial)
  public void tearDown() {
    snapshot.close();
  }

  private long evaluate(String text) {
    Query q = parser.parse(text);
    return new QueryEvaluator(snapshot).memoise(!query.equals("inheritedCold")).evaluate(q).count();
  }

  /** Parse, evaluate, count. */
  @Benchmark
  public long parseAndEvaluate() {
    return evaluate(texts[cursor++ & (SAMPLES - 1)]);
  }
}
