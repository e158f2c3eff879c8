package io.graphsnap.bench.harness;

import io.graphsnap.bench.Scale;
import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.bench.SyntheticJsonl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side-by-side harness of issue 7: one command that puts graphsnap beside SQLite, MapDB, JGraphT and a bare
 * heap CSR on the same synthetic graph, checks they all give the same answers, and writes
 * {@code bench/results/<scale>.md} and {@code <scale>.png} ({@code <scale>-<N>-files.*} when {@code --files N}
 * overrides the scale's file count).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.BenchHarness --scale medium
 * </pre>
 * Options: {@code --scale tiny|small|medium|large} (required), {@code --seed N}, {@code --files N} (overrides the
 * scale's file count), {@code --systems a,b} (default all), {@code --work DIR} (default
 * {@code bench/target/harness/<scale>-<seed>}), {@code --results DIR} (default {@code bench/results}),
 * {@code --xmx SIZE} (heap of each system's process, default 12g), {@code --in-process} (no child processes:
 * {@code System.gc()} between systems instead), {@code --quick} (few repetitions: tests and smoke runs),
 * {@code --jfr} (each system's process records a JFR profile to {@code <work>/<system>.jfr}, to explain a missed
 * goal), {@code --report-only} (run nothing: check and report the results the last run stored in the work
 * directory again, e.g. after editing {@code <scale>.reasons.tsv}).
 *
 * <p>Steps: (1) generate the graph's JSON Lines and gzip'd JSON Lines (sizes only; files deleted), resolve the
 * graph independently of the builder ({@link GraphResolver}) into the file the peers load, draw the questions;
 * (2) run the bandwidth probe and then each system in its own JVM ({@link SystemRunner}, same class path); (3)
 * check the answers ({@link AnswerCheck}): on any disagreement print them and write no report (exit 1); (4)
 * write the markdown and the chart. A system that fails (say, out of memory at large scale) is reported as
 * such; the others still run.
 */
public final class BenchHarness {
  /**
   * What a run produced.
   *
   * @param results the first repetition's results by system
   * @param repetitions every repetition's results, in order
   */
  public record Outcome(Map<String, SystemResult> results, List<Map<String, SystemResult>> repetitions,
      List<String> disagreements, Path markdown, Path chart) {}

  /** Parsed command line. */
  public record Options(Scale scale, long seed, int files, List<String> systems, Path work, Path results,
      String xmx, boolean inProcess, boolean quick, boolean jfr, boolean reportOnly, int repetitions,
      String neo4jJava, double expectedBandwidth) {}

  private BenchHarness() {}

  /** Runs the harness; exit 0 when the report was written, 1 when answers disagree, 2 on bad usage. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: BenchHarness --scale tiny|small|medium|large [--seed N] [--files N] [--systems a,b]"
          + " [--work DIR] [--results DIR] [--xmx 12g] [--repetitions 3] [--neo4j-java PATH] [--expect-bandwidth GB/s] [--in-process] [--quick]"
          + " [--jfr] [--report-only]");
      System.exit(2);
      return;
    }
    String command = "java -cp bench/target/benchmarks.jar " + BenchHarness.class.getName() + " "
        + String.join(" ", java.util.Arrays.stream(args).filter(a -> !a.equals("--report-only")).toList());
    Outcome outcome = run(options, command, System.out);
    if (!outcome.disagreements().isEmpty()) {
      System.err.println("ANSWERS DISAGREE: no report written. " + outcome.disagreements().size() + " disagreements:");
      outcome.disagreements().forEach(d -> System.err.println("  " + d));
      System.exit(1);
    }
    System.out.println("wrote " + outcome.markdown() + " and " + outcome.chart());
  }

  /** Parses the command line. */
  public static Options parse(String[] args) {
    Scale scale = null;
    long seed = SyntheticGraph.DEFAULT_SEED;
    int files = -1;
    List<String> systems = SystemRunner.SYSTEMS;
    Path work = null;
    Path results = null;
    String xmx = "12g";
    boolean inProcess = false;
    boolean quick = false;
    boolean jfr = false;
    boolean reportOnly = false;
    int repetitions = -1;
    String neo4jJava = null;
    double expectedBandwidth = Double.NaN;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scale" -> scale = Scale.parse(value(args, ++i, a));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--files" -> files = Integer.parseInt(value(args, ++i, a));
        case "--systems" -> systems = List.of(value(args, ++i, a).split(","));
        case "--work" -> work = Path.of(value(args, ++i, a));
        case "--results" -> results = Path.of(value(args, ++i, a));
        case "--xmx" -> xmx = value(args, ++i, a);
        case "--in-process" -> inProcess = true;
        case "--quick" -> quick = true;
        case "--jfr" -> jfr = true;
        case "--report-only" -> reportOnly = true;
        case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i, a));
        case "--neo4j-java" -> neo4jJava = value(args, ++i, a);
        case "--expect-bandwidth" -> expectedBandwidth = Double.parseDouble(value(args, ++i, a)) * 1e9;
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (scale == null) {
      throw new IllegalArgumentException("--scale is required");
    }
    for (String s : systems) {
      if (!s.equals(SystemRunner.NEO4J)) {
        SystemRunner.create(s);
      }
    }
    if (repetitions < 0) {
      repetitions = quick ? 1 : 3;
    }
    if (repetitions < 1) {
      throw new IllegalArgumentException("--repetitions must be at least 1");
    }
    Path benchDir = Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench") : Path.of(".");
    if (work == null) {
      work = benchDir.resolve("target").resolve("harness").resolve(scale.label() + "-" + seed);
    }
    if (results == null) {
      results = benchDir.resolve("results");
    }
    return new Options(scale, seed, files > 0 ? files : scale.files(), systems, work, results, xmx, inProcess,
        quick, jfr, reportOnly, repetitions, neo4jJava, expectedBandwidth);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** Runs every step; writes the report only when every answer agrees. */
  public static Outcome run(Options o, String command, PrintStream log) throws Exception {
    Workload workload = new Workload(o.work().toAbsolutePath(), o.scale(), o.files(), o.seed(),
        Settings.of(o.scale(), o.quick()));
    Files.createDirectories(workload.dir());
    if (o.reportOnly()) {
      return report(o, workload, command, log);
    }
    deleteResults(workload);
    SystemResult prepared = prepare(workload, o.systems(), log);
    Timing.settle(); // the resolved graph is garbage now: let the heap shrink before the systems' JVMs start
    prepared.put("mode", mode(o));
    prepared.put("commit", Commit.describe());
    prepared.put("repetitions", o.repetitions());
    prepared.write(workload.dir().resolve("prepared.properties"));
    Queries queries = Queries.read(workload.queries());
    int typeId = Integer.parseInt(Files.readString(workload.dir().resolve("neighbour-type-id")).trim());
    List<Map<String, SystemResult>> reps = new ArrayList<>();
    for (int rep = 1; rep <= o.repetitions(); rep++) {
      Workload w = workload.repetition(rep);
      Map<String, SystemResult> results = new LinkedHashMap<>();
      for (String system : order(o)) {
        log.printf("== repetition %d of %d: %s%n", rep, o.repetitions(), system);
        if (system.equals(SystemRunner.NEO4J)) {
          results.put(system, runNeo4j(o, w, log));
        } else if (o.inProcess()) {
          Timing.settle();
          results.put(system, SystemRunner.run(system, w, queries, typeId, log));
        } else {
          results.put(system, runProcess(system, o, w, log));
        }
      }
      reps.add(results);
    }
    return check(o, workload, command, prepared, queries, reps);
  }

  private static SystemResult runNeo4j(Options o, Workload w, PrintStream log) throws IOException, InterruptedException {
    SystemResult failed = new SystemResult();
    failed.put("system", SystemRunner.NEO4J);
    try {
      double load = MachineNoise.loadAverage();
      MachineNoise noise = MachineNoise.startWithChildren(); // Neo4j's JVM is this one's child: its CPU is not foreign
      int exit = Neo4jProcess.run(w, o.neo4jJava(), o.xmx(), log);
      Path file = w.resultFile(SystemRunner.NEO4J);
      if (exit == 0 && Files.isRegularFile(file)) {
        SystemResult r = SystemResult.read(file);
        r.put("noise.loadavg", load);
        SystemRunner.putNoise(r, noise);
        r.write(file); // so that --report-only sees the same flags
        return r;
      }
      failed.put("error.process", "exit code " + exit + (Files.isRegularFile(file) ? "" : ", no result file"));
    } catch (IOException e) {
      failed.put("error.process", e.getMessage());
    }
    return failed;
  }

  /** {@code --report-only}: the stored results of the last run in the work directory, checked and reported again. */
  private static Outcome report(Options o, Workload workload, String command, PrintStream log) throws Exception {
    SystemResult prepared = SystemResult.read(workload.dir().resolve("prepared.properties"));
    prepared.put("mode", mode(o));
    prepared.put("reportedBy", Commit.describe());
    List<Map<String, SystemResult>> reps = new ArrayList<>();
    for (int rep = 1; Files.isDirectory(workload.repetition(rep).resultsDir()); rep++) {
      Map<String, SystemResult> results = new LinkedHashMap<>();
      for (String system : order(o)) {
        Path file = workload.repetition(rep).resultFile(system);
        if (Files.isRegularFile(file)) {
          results.put(system, SystemResult.read(file));
        } else {
          log.printf("== %s: no stored result in %s%n", system, file);
        }
      }
      reps.add(results);
    }
    if (reps.isEmpty()) {
      throw new IOException("no stored results under " + workload.dir().resolve("results"));
    }
    return check(o, workload, command, prepared, Queries.read(workload.queries()), reps);
  }

  /** Step 3 and 4: checks every repetition's answers, writes the report and the chart only when they agree. */
  private static Outcome check(Options o, Workload workload, String command, SystemResult prepared, Queries queries,
      List<Map<String, SystemResult>> reps) throws IOException {
    List<String> disagreements = new ArrayList<>();
    for (int rep = 1; rep <= reps.size(); rep++) {
      for (String d : AnswerCheck.disagreements(reps.get(rep - 1), queries, workload.repetition(rep))) {
        disagreements.add(reps.size() == 1 ? d : "repetition " + rep + ": " + d);
      }
    }
    String name = reportName(o);
    Path md = o.results().resolve(name + ".md");
    Path png = o.results().resolve(name + ".png");
    if (disagreements.isEmpty()) {
      Noise noise = Noise.of(reps, o.expectedBandwidth());
      List<Repeated> rows = Repeated.of(reps.stream().map(r -> Report.rows(r, prepared)).toList(), noise);
      MarkdownReport.write(md, command, workload, rows, reps, prepared, noise);
      RatioChart.write(png, "graphsnap vs peers, " + o.scale().label() + " scale (" + String.format("%,d",
          (long) prepared.number("edges")) + " edges), median of " + reps.size() + " repetitions", rows);
    }
    return new Outcome(reps.getFirst(), reps, disagreements, md, png);
  }

  /** How the systems ran, for the report's header. */
  private static String mode(Options o) {
    return o.inProcess() ? "all systems in one JVM (System.gc() between)" : "one JVM per system, -Xmx" + o.xmx();
  }

  /** The bandwidth probe, then the chosen systems, in the order they run and are reported. */
  private static List<String> order(Options o) {
    List<String> order = new ArrayList<>();
    order.add(SystemRunner.BANDWIDTH);
    order.addAll(o.systems());
    return order;
  }

  /** {@code <scale>}, or {@code <scale>-<files>-files} when {@code --files} changed the scale's file count. */
  static String reportName(Options o) {
    return o.files() == o.scale().files() ? o.scale().label() : o.scale().label() + "-" + o.files() + "-files";
  }

  private static void deleteResults(Workload workload) throws IOException {
    Path dir = workload.resultsDir();
    if (Files.isDirectory(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Step 1: JSONL sizes, the resolved graph file, the questions; the Parquet export when a system loads it. */
  static SystemResult prepare(Workload workload, List<String> systems, PrintStream log) throws IOException {
    SystemResult prepared = new SystemResult();
    SyntheticGraph graph = SyntheticGraph.ofFiles(workload.files(), workload.seed());
    log.printf("== prepare: %,d files, seed %d%n", workload.files(), workload.seed());
    Path jsonl = workload.dir().resolve("graph.jsonl");
    Path gz = workload.dir().resolve("graph.jsonl.gz");
    SyntheticJsonl.Sizes sizes = SyntheticJsonl.write(graph, jsonl, gz);
    Files.deleteIfExists(jsonl);
    Files.deleteIfExists(gz);
    prepared.put("jsonl.bytes", sizes.jsonlBytes());
    prepared.put("gzip.bytes", sizes.gzipBytes());
    long start = System.nanoTime();
    ResolvedGraph resolved = GraphResolver.resolve(graph);
    prepared.put("resolve.seconds", (System.nanoTime() - start) / 1e9);
    prepared.put("nodes", resolved.nodeCount());
    prepared.put("edges", resolved.edgeCount());
    log.printf("   resolved: %,d nodes, %,d edges; JSONL %,d bytes, gzip'd %,d bytes%n", resolved.nodeCount(),
        resolved.edgeCount(), sizes.jsonlBytes(), sizes.gzipBytes());
    ResolvedGraphFile.write(resolved, workload.resolvedGraph());
    Queries queries = Queries.draw(resolved, workload.seed(), workload.settings().samples(),
        workload.settings().bfsSources());
    queries.write(workload.queries());
    int typeId = resolved.edgeTypes().indexOf(queries.neighbourType());
    if (typeId < 0) {
      throw new IllegalStateException("the graph has no " + queries.neighbourType() + " edges");
    }
    Files.writeString(workload.dir().resolve("neighbour-type-id"), Integer.toString(typeId));
    if (systems.contains("duckdb") || systems.contains("kuzu")) {
      log.printf("   Parquet export (graphsnap export --format parquet) for DuckDB and Kuzu%n");
      ParquetInput.write(workload);
    }
    prepared.write(workload.dir().resolve("prepared.properties"));
    return prepared;
  }

  private static SystemResult runProcess(String system, Options o, Workload workload, PrintStream log)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + o.xmx(), "-Xss4m",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
    if (o.jfr()) {
      command.add("-XX:StartFlightRecording=settings=profile,filename="
          + workload.dir().resolve(system + "-" + workload.repetition() + ".jfr"));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SystemRunner.class.getName(),
        "--system", system, "--work", workload.dir().toString(), "--scale", o.scale().label(),
        "--files", Integer.toString(o.files()), "--seed", Long.toString(o.seed()),
        "--repetition", Integer.toString(workload.repetition())));
    if (o.quick()) {
      command.add("--quick");
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var reader = process.inputReader()) {
      reader.lines().forEach(line -> log.println("   " + line));
    }
    int exit = process.waitFor();
    Path file = workload.resultFile(system);
    if (exit != 0 || !Files.isRegularFile(file)) {
      SystemResult failed = new SystemResult();
      failed.put("system", system);
      failed.put("error.process", "exit code " + exit + (Files.isRegularFile(file) ? "" : ", no result file"));
      return failed;
    }
    return SystemResult.read(file);
  }
}
