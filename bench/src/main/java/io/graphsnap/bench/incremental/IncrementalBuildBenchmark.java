package io.graphsnap.bench.incremental;

import io.graphsnap.bench.BenchData;
import io.graphsnap.bench.Scale;
import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.BuildMode;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Kinds;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Build time of a store's snapshot on a synthetic repository ({@link SyntheticGraph}; {@link Scale#MEDIUM} is
 * 100 000 files, about 1.3 M nodes and 11 M edges): a full build ({@link BuildMode#FULL}: every object read,
 * decoded and compiled), an incremental build after {@code changedFiles} files changed (each invocation first
 * ingests that many edited files, untimed: lines shifted, a content hash changed, a call added, and in every
 * other file a new method, so names are inserted and every id after them moves), and a build with nothing
 * changed (the last build is republished). The baseline is the floor of any build that writes a new file: a
 * sequential copy of the current snapshot, forced to disk. Goals (issue 4): incremental at most 5 % of full,
 * no-change at most 1 %.
 *
 * <p>Every build goes through {@link StoreSnapshots#build} exactly as {@code graphsnap snapshot} does (objects
 * read from the store and verified, snapshot written, forced, hashed, renamed and published); a build that does
 * not run the way its benchmark says (e.g. an incremental build falling back to full) throws.
 *
 * <p>The store is created once per scale and seed under {@link BenchData#dataDir()} ({@code
 * incremental-<scale>-<seed>-g<generator>}; creating the medium one ingests 100 000 objects and takes minutes)
 * and reused by later runs; each trial collects garbage first, so it holds one snapshot and the objects of the
 * current files.
 *
 * <p>Run (after {@code mvn -B -pl bench -am package -DskipTests}):
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar IncrementalBuildBenchmark -p scale=medium
 * </pre>
 * Smoke run: {@code … IncrementalBuildBenchmark -p scale=tiny -f 1 -wi 1 -i 2}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--enable-native-access=ALL-UNNAMED"})
public class IncrementalBuildBenchmark {

  /** The store of the synthetic repository, created or reused once per trial. */
  @State(Scope.Benchmark)
  public static class Repo {
    /** The synthetic repository's scale: tiny, small, medium or large. */
    @Param({"medium"})
    public String scale;

    /** Files changed before each incremental build. */
    @Param({"10"})
    public int changedFiles;

    Store store;
    SyntheticGraph graph;
    SplittableRandom random;
    int serial;

    /** Opens (creating and fully building it the first time) the store and settles any pending change. */
    @Setup(Level.Trial)
    public void open() throws IOException {
      graph = SyntheticGraph.of(Scale.parse(scale), SyntheticGraph.DEFAULT_SEED);
      random = new SplittableRandom(SyntheticGraph.DEFAULT_SEED ^ 0x1DEA);
      // The store outlives the run, so edits must differ from every earlier run's to be changes at all.
      serial = (int) (System.nanoTime() >>> 8) & 0x3FFF_FFFF;
      Path dir = BenchData.dataDir().resolve("incremental-" + scale + "-" + SyntheticGraph.DEFAULT_SEED + "-g"
          + BenchData.GENERATOR_VERSION);
      Path complete = dir.resolve("complete");
      if (Files.isDirectory(dir) && !Files.exists(complete)) {
        deleteTree(dir);
      }
      boolean create = !Files.isDirectory(dir);
      store = Store.open(dir, true);
      if (create) {
        long start = System.nanoTime();
        ingestAll(store, graph);
        System.err.printf("[bench] ingested %,d files into %s in %.1f s%n", graph.fileCount(), dir,
            (System.nanoTime() - start) / 1e9);
      }
      StoreBuild settled = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.AUTO, List.of());
      store.collectGarbage(1);
      Files.writeString(complete, "ingested and built\n");
      System.err.printf("[bench] %s: %,d files, %,d nodes, %,d edges, %,d bytes (%s)%n", dir,
          settled.result().fileCount(), settled.result().nodeCount(), settled.result().edgeCount(),
          settled.result().bytes(), settled.how());
    }

    /** Releases the store lock. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
    }

    /** Ingests {@link #changedFiles} edited files (a new edit every call, so every build has work to do). */
    void change() throws IOException {
      try (IndexUpdate update = store.beginUpdate()) {
        for (int k = 0; k < changedFiles; k++) {
          int file = random.nextInt(graph.fileCount());
          FileSummary other = graph.file(random.nextInt(graph.fileCount()));
          String callee = other.symbols().get(other.symbols().size() - 1).name();
          update.put(edited(graph.file(file), ++serial, callee));
        }
        update.commit();
      }
    }
  }

  /** Changes {@link Repo#changedFiles} files before every invocation of {@link #incrementalBuild}. */
  @State(Scope.Thread)
  public static class Changed {
    /** Ingests the changes (not timed). */
    @Setup(Level.Invocation)
    public void change(Repo repo) throws IOException {
      repo.change();
    }
  }

  /** Baseline: a sequential copy of the current snapshot, forced to disk (the floor of writing a new one). */
  @Benchmark
  public long baselineCopySnapshot(Repo repo) throws IOException {
    Path head = repo.store.headSnapshot().orElseThrow();
    Path copy = repo.store.newTempFile("copy-", ".gsnap");
    try {
      Files.copy(head, copy, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        channel.force(true);
        return channel.size();
      }
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Every object read from the store and compiled. */
  @Benchmark
  public StoreBuild fullBuild(Repo repo) throws IOException {
    return expect(StoreSnapshots.build(repo.store, BuildOptions.defaults(), BuildMode.FULL, List.of()),
        StoreBuild.How.FULL);
  }

  /** The last build plus {@link Repo#changedFiles} changed files (cheap: more warm-up for the JIT). */
  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public StoreBuild incrementalBuild(Repo repo, Changed changed) throws IOException {
    return expect(StoreSnapshots.build(repo.store, BuildOptions.defaults(), BuildMode.AUTO, List.of()),
        StoreBuild.How.INCREMENTAL);
  }

  /** Nothing changed: the last build is republished. */
  @Benchmark
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public StoreBuild noChangeBuild(Repo repo) throws IOException {
    return expect(StoreSnapshots.build(repo.store, BuildOptions.defaults(), BuildMode.AUTO, List.of()),
        StoreBuild.How.UNCHANGED);
  }

  private static StoreBuild expect(StoreBuild built, StoreBuild.How how) {
    if (built.how() != how) {
      throw new IllegalStateException("expected a " + how + " build, got " + built.how() + " ("
          + built.note().orElse("no note") + ")");
    }
    return built;
  }

  /**
   * {@code file} as after a small commit: every line moved down by one, the first declared type's content hash
   * changed, one more call from its first method (or its first symbol) to {@code callee}, and on odd edits a new
   * method that calls it too.
   */
  static FileSummary edited(FileSummary file, int serial, String callee) {
    List<SymbolSummary> symbols = new ArrayList<>(file.symbols().size() + 1);
    byte[] hash = new byte[32];
    new SplittableRandom(serial).nextBytes(hash);
    for (int i = 0; i < file.symbols().size(); i++) {
      SymbolSummary s = file.symbols().get(i);
      boolean rehash = i == Math.min(1, file.symbols().size() - 1);
      symbols.add(new SymbolSummary(s.name(), s.kind(), s.effects(), s.lineStart() + 1, s.lineEnd() + 1,
          rehash ? hash : s.contentHash(), s.notes(), s.metadata()));
    }
    List<EdgeSummary> edges = new ArrayList<>(file.edges());
    int caller = Math.min(2, symbols.size() - 1);
    edges.add(new EdgeSummary(caller, EdgeTypes.CALLS, callee));
    if (serial % 2 == 1) {
      String name = symbols.get(caller).name() + "$edit" + serial;
      symbols.add(new SymbolSummary(name, Kinds.METHOD, List.of(), 900_000, 900_010, hash, List.of(), null));
      edges.add(new EdgeSummary(symbols.size() - 1, EdgeTypes.CALLS, callee));
    }
    return new FileSummary(file.path(), file.language(), file.sourceSha256(), symbols, edges);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Puts every file of {@code graph} into {@code store} in one index update. */
  static void ingestAll(Store store, SyntheticGraph graph) throws IOException {
    try (IndexUpdate update = store.beginUpdate()) {
      for (int i = 0; i < graph.fileCount(); i++) {
        update.put(graph.file(i));
      }
      update.commit();
    }
  }
}
