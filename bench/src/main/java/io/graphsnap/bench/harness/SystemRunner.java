package io.graphsnap.bench.harness;

import io.graphsnap.bench.Scale;
import io.graphsnap.bench.harness.GraphSystem.Capability;
import io.graphsnap.bench.harness.systems.GraphsnapSystem;
import io.graphsnap.bench.harness.systems.HeapCsrSystem;
import io.graphsnap.bench.harness.systems.JGraphTSystem;
import io.graphsnap.bench.harness.systems.MapDbSystem;
import io.graphsnap.bench.harness.systems.SqliteSystem;
import io.graphsnap.bench.harness.systems.DuckDbSystem;
import io.graphsnap.bench.harness.systems.JGraphTSparseSystem;
import io.graphsnap.bench.harness.systems.KuzuSystem;
import io.graphsnap.bench.harness.systems.WebGraphSystem;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs one system of the harness from load to answers to timings and writes its {@link SystemResult}: the body
 * of each system's own process ({@link #main}), or called in-process by tests. A failure in one phase is
 * recorded as {@code error.<phase>} and ends the run of that system (later phases depend on it); the result is
 * written either way.
 *
 * <p>Phases: load (median of repeated loads after warm-up) → heap in use and bytes on disk → open (median of
 * batches of reopenings) → answers to every question (lookups, neighbours, kind+effect counts, BFS, PageRank
 * vector, SCC counts) → JMH latencies of the sub-millisecond questions → BFS, SCC and PageRank timings (the
 * answering pass is their warm-up) → for graphsnap, the same three through the reader's analysis API.
 */
public final class SystemRunner {
  /** The systems, in the order the harness runs them. */
  public static final List<String> SYSTEMS = List.of("graphsnap", "heap-csr", "sqlite", "mapdb", "jgrapht",
      "jgrapht-sparse", "duckdb", "kuzu", "webgraph", "neo4j");
  /** The system that runs in its own JVM on a JDK 17/21 ({@link Neo4jProcess}), never in this one. */
  public static final String NEO4J = "neo4j";
  /** The pseudo-system that measures memory bandwidth. */
  public static final String BANDWIDTH = "bandwidth";

  private final GraphSystem system;
  private final Workload workload;
  private final Settings settings;
  private final Queries queries;
  private final int typeId;
  private final PrintStream log;
  private final SystemResult result = new SystemResult();

  private SystemRunner(GraphSystem system, Workload workload, Queries queries, int typeId, PrintStream log) {
    this.system = system;
    this.workload = workload;
    this.settings = workload.settings();
    this.queries = queries;
    this.typeId = typeId;
    this.log = log;
  }

  /** A new instance of the system named {@code name}. */
  public static GraphSystem create(String name) {
    return switch (name) {
      case "graphsnap" -> new GraphsnapSystem();
      case "heap-csr" -> new HeapCsrSystem();
      case "sqlite" -> new SqliteSystem();
      case "mapdb" -> new MapDbSystem();
      case "jgrapht" -> new JGraphTSystem();
      case "jgrapht-sparse" -> new JGraphTSparseSystem();
      case "duckdb" -> new DuckDbSystem();
      case "kuzu" -> new KuzuSystem();
      case "webgraph" -> new WebGraphSystem();
      case NEO4J -> throw new IllegalArgumentException("neo4j runs in its own JDK 17/21 process: see Neo4jProcess");
      default -> throw new IllegalArgumentException("unknown system '" + name + "': expected one of " + SYSTEMS
          + " or " + BANDWIDTH);
    };
  }

  /** Other processes' CPU share while this system ran, in total and by part ({@link MachineNoise.Shares}). */
  static void putNoise(SystemResult r, MachineNoise noise) {
    MachineNoise.Shares shares = noise.shares();
    r.put("noise.foreignCpu", shares.total());
    r.put("noise.foreignUser", shares.user());
    r.put("noise.foreignKernel", shares.kernel());
    r.put("noise.steal", shares.steal());
  }

  /**
   * Runs system {@code name} (or the bandwidth probe) on {@code workload} in this JVM and writes its result to
   * {@link Workload#resultFile}.
   *
   * @param neighbourTypeId the id of {@link Queries#neighbourType()} in the resolved graph's edge types
   */
  public static SystemResult run(String name, Workload workload, Queries queries, int neighbourTypeId,
      PrintStream log) throws IOException {
    if (name.equals(BANDWIDTH)) {
      SystemResult r = new SystemResult();
      r.put("system", name);
      r.put("noise.loadavg", MachineNoise.loadAverage());
      MachineNoise noise = MachineNoise.start();
      try {
        BandwidthProbe.run(workload, r);
        putNoise(r, noise);
      } catch (Exception | OutOfMemoryError e) {
        r.put("error.bandwidth", String.valueOf(e));
      }
      r.write(workload.resultFile(name));
      return r;
    }
    try (GraphSystem system = create(name)) {
      SystemRunner runner = new SystemRunner(system, workload, queries, neighbourTypeId, log);
      runner.result.put("system", name);
      runner.result.put("noise.loadavg", MachineNoise.loadAverage());
      MachineNoise noise = MachineNoise.start();
      runner.runPhases();
      putNoise(runner.result, noise);
      runner.result.write(workload.resultFile(name));
      return runner.result;
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("closing " + name + " failed", e);
    }
  }

  private void runPhases() {
    String phase = "load";
    try {
      log.printf("[%s] load%n", system.name());
      Timing.settle();
      long heapBefore = Timing.usedHeap();
      result.put("load.seconds", Timing.median(settings.loadWarmups(), settings.loadRepeats(),
          settings.budgetSeconds() * 5, () -> system.load(workload)));
      result.put("heap.bytes", Math.max(0, Timing.usedHeap() - heapBefore));
      result.put("disk.bytes", system.diskBytes());
      for (var part : system.diskBreakdown().entrySet()) {
        result.put("disk.part." + part.getKey(), part.getValue());
      }
      for (var figure : system.extraFigures().entrySet()) {
        result.put(figure.getKey(), figure.getValue());
      }
      result.put("nodes", system.nodeCount());
      result.put("edges", system.edgeCount());
      if (system.capabilities().contains(Capability.OPEN)) {
        phase = "open";
        log.printf("[%s] open%n", system.name());
        measureOpen();
      }
      phase = "answers";
      log.printf("[%s] answers%n", system.name());
      double[] bfsTimes = answer();
      phase = "latency";
      log.printf("[%s] latencies (JMH)%n", system.name());
      latency(Capability.LOOKUP, "lookup.hit.ns", "lookupHit");
      latency(Capability.LOOKUP, "lookup.miss.ns", "lookupMiss");
      latency(Capability.NEIGHBOURS, "neighbours.ns", "neighbours");
      if (!queries.kindEffects().isEmpty()) {
        latency(Capability.QUERY, "query.ns", "query");
      }
      if (system.capabilities().contains(Capability.BFS)) {
        phase = "bfs";
        log.printf("[%s] bfs%n", system.name());
        timeBfs(bfsTimes);
      }
      if (system.capabilities().contains(Capability.SCC)) {
        phase = "scc";
        log.printf("[%s] scc%n", system.name());
        result.put("scc.seconds", Timing.median(1, settings.repeats(), settings.budgetSeconds(), system::scc));
      }
      if (system.capabilities().contains(Capability.PAGERANK)) {
        phase = "pagerank";
        log.printf("[%s] pagerank%n", system.name());
        timePageRank();
      }
      if (system instanceof GraphsnapSystem graphsnap) {
        phase = "analysis";
        log.printf("[%s] analysis API%n", system.name());
        analysisApi(graphsnap);
        phase = "reader-pagerank";
        log.printf("[%s] reader PageRank, 1 thread%n", system.name());
        readerPageRank(graphsnap::pageRankReader, system.name() + "-reader");
        phase = "cold";
        log.printf("[%s] cold PageRank jobs%n", system.name());
        coldGraphsnap(graphsnap);
      } else if (system instanceof HeapCsrSystem heap) {
        phase = "reader-pagerank";
        log.printf("[%s] reader PageRank over an in-memory CSR, 1 thread%n", system.name());
        readerPageRank(heap::pageRankReader, system.name() + "-reader");
      }
      if (system.capabilities().contains(Capability.PAGERANK) && !(system instanceof GraphsnapSystem)) {
        phase = "cold";
        log.printf("[%s] cold PageRank job%n", system.name());
        coldJob();
      }
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      result.put("error." + phase, String.valueOf(e));
      log.printf("[%s] failed in %s: %s%n", system.name(), phase, e);
    }
  }

  private void measureOpen() throws Exception {
    long start = System.nanoTime();
    system.reopen();
    double once = (System.nanoTime() - start) / 1e9;
    int batch = (int) Math.max(1, Math.min(10_000, 0.02 / Math.max(once, 1e-7)));
    double[] perOpen = new double[7];
    for (int round = -2; round < perOpen.length; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        system.reopen();
      }
      if (round >= 0) {
        perOpen[round] = (System.nanoTime() - t0) / 1e9 / batch;
      }
    }
    result.put("open.seconds", Timing.median(perOpen));
    result.put("open.runs", perOpen.length * batch);
  }

  private double[] answer() throws Exception {
    if (system.countsTypedEdges()) {
      result.put("answer.counts", system.nodeCount() + ":" + system.edgeCount());
    }
    if (system.capabilities().contains(Capability.LOOKUP)) {
      StringJoiner hits = new StringJoiner(",");
      for (String name : queries.hits()) {
        hits.add(Integer.toString(system.lookup(name)));
      }
      result.put("answer.lookup.hit", hits.toString());
      StringJoiner misses = new StringJoiner(",");
      for (String name : queries.misses()) {
        misses.add(Integer.toString(system.lookup(name)));
      }
      result.put("answer.lookup.miss", misses.toString());
    }
    if (system.capabilities().contains(Capability.NEIGHBOURS)) {
      StringJoiner sums = new StringJoiner(",");
      for (int v : queries.neighbourNodes()) {
        sums.add(Long.toString(system.neighbours(v, typeId)));
      }
      result.put("answer.neighbours", sums.toString());
    }
    if (system.capabilities().contains(Capability.QUERY)) {
      StringJoiner counts = new StringJoiner(",");
      for (String[] pair : queries.kindEffects()) {
        counts.add(Long.toString(system.countKindEffect(pair[0], pair[1])));
      }
      result.put("answer.query", counts.toString());
    }
    double[] times = new double[queries.bfsSources().length];
    if (system.capabilities().contains(Capability.BFS)) {
      StringJoiner reached = new StringJoiner(",");
      long examined = 0;
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        long[] r = system.bfs(queries.bfsSources()[i]);
        times[i] = (System.nanoTime() - t0) / 1e9;
        reached.add(r[0] + ":" + r[1]);
        examined = r[2] < 0 || examined < 0 ? -1 : examined + r[2];
      }
      result.put("answer.bfs", reached.toString());
      if (examined >= 0) {
        result.put("bfs.edges", (double) examined / times.length);
      }
    }
    if (system.capabilities().contains(Capability.SCC)) {
      long[] components = system.scc();
      result.put("answer.scc", components[0] + ":" + components[1]);
    }
    if (system.capabilities().contains(Capability.PAGERANK)) {
      double[] rank = system.pageRank(settings.pageRankIterations(), Settings.DAMPING);
      writeVector(workload.pageRankFile(system.name()), rank);
    }
    return times;
  }

  private void latency(Capability capability, String key, String operation) throws Exception {
    if (system.capabilities().contains(capability)) {
      result.put(key, LatencyProbe.measure(system, queries, typeId, settings, operation));
    }
  }

  private void timeBfs(double[] answeringPass) throws Exception {
    int[] sources = queries.bfsSources();
    double spent = 0;
    for (double t : answeringPass) {
      spent += t;
    }
    if (spent >= settings.budgetSeconds()) {
      result.put("bfs.seconds", new Timing.Sample(Timing.median(answeringPass.clone()), sources.length));
      return;
    }
    long warmStart = System.nanoTime();
    for (int i = 0; i < 3 && System.nanoTime() - warmStart < 2_000_000_000L; i++) {
      system.bfs(sources[0]);
    }
    double[] times = new double[settings.repeats() * sources.length];
    int runs = 0;
    spent = 0;
    for (int pass = 0; pass < settings.repeats() && (pass == 0 || spent < settings.budgetSeconds()); pass++) {
      for (int source : sources) {
        long t0 = System.nanoTime();
        system.bfs(source);
        double t = (System.nanoTime() - t0) / 1e9;
        times[runs++] = t;
        spent += t;
      }
    }
    result.put("bfs.seconds", new Timing.Sample(Timing.median(java.util.Arrays.copyOf(times, runs)), runs));
  }

  /** graphsnap's BFS, SCC and PageRank through the reader's analysis API: answers, then timings. */
  private void analysisApi(GraphsnapSystem graphsnap) throws Exception {
    int[] sources = queries.bfsSources();
    StringJoiner reached = new StringJoiner(",");
    for (int source : sources) {
      long[] r = graphsnap.bfsApi(source);
      reached.add(r[0] + ":" + r[1]);
    }
    result.put("answer.bfs.api", reached.toString());
    long[] components = graphsnap.sccApi();
    result.put("answer.scc.api", components[0] + ":" + components[1]);
    int iterations = settings.pageRankIterations();
    writeVector(workload.pageRankFile(system.name() + "-api"), graphsnap.pageRankApi(iterations, Settings.DAMPING));
    result.put("analysis.threads", Runtime.getRuntime().availableProcessors());
    for (int i = 0; i < 3; i++) {
      graphsnap.bfsApi(sources[0]);
    }
    double[] times = new double[settings.repeats() * sources.length];
    int runs = 0;
    double spent = 0;
    for (int pass = 0; pass < settings.repeats() && (pass == 0 || spent < settings.budgetSeconds()); pass++) {
      for (int source : sources) {
        long t0 = System.nanoTime();
        graphsnap.bfsApi(source);
        double t = (System.nanoTime() - t0) / 1e9;
        times[runs++] = t;
        spent += t;
      }
    }
    result.put("bfs.api.seconds", new Timing.Sample(Timing.median(java.util.Arrays.copyOf(times, runs)), runs));
    result.put("scc.api.seconds", Timing.median(1, settings.repeats(), settings.budgetSeconds(), graphsnap::sccApi));
    Timing.Sample pr = Timing.median(1, settings.repeats(), settings.budgetSeconds(),
        () -> graphsnap.pageRankApi(iterations, Settings.DAMPING));
    result.put("pagerank.api.seconds", pr);
    result.put("pagerank.api.iteration.seconds", pr.seconds() / iterations);
  }

  /** A PageRank of the reader's code, 1 thread: answer written as {@code <file>.pagerank}, then timed. */
  private void readerPageRank(PageRankTask task, String file) throws Exception {
    int iterations = settings.pageRankIterations();
    writeVector(workload.pageRankFile(file), task.run(iterations, Settings.DAMPING));
    Timing.Sample full = Timing.median(0, settings.repeats(), settings.budgetSeconds(),
        () -> task.run(iterations, Settings.DAMPING));
    result.put("pagerank.reader.seconds", full);
    result.put("pagerank.reader.iteration.seconds", full.seconds() / iterations);
  }

  /** A PageRank computation: {@code iterations} iterations at {@code damping}. */
  @FunctionalInterface
  private interface PageRankTask {
    double[] run(int iterations, double damping) throws Exception;
  }

  /**
   * graphsnap's cold jobs: the snapshot closed and its pages dropped from the page cache, then open + PageRank
   * (reader, 1 thread; and the analysis API), each once per eviction, the median of {@code repeats}.
   */
  private void coldGraphsnap(GraphsnapSystem graphsnap) throws Exception {
    int iterations = settings.pageRankIterations();
    result.put("cold.available", ColdCache.available() ? 1 : 0);
    double[] single = new double[settings.repeats()];
    double[] api = new double[settings.repeats()];
    for (int i = 0; i < settings.repeats(); i++) {
      graphsnap.close();
      ColdCache.evict(graphsnap.file());
      long t0 = System.nanoTime();
      graphsnap.reopen();
      graphsnap.pageRankReader(iterations, Settings.DAMPING);
      single[i] = (System.nanoTime() - t0) / 1e9;
      graphsnap.close();
      ColdCache.evict(graphsnap.file());
      t0 = System.nanoTime();
      graphsnap.reopen();
      graphsnap.pageRankApi(iterations, Settings.DAMPING);
      api[i] = (System.nanoTime() - t0) / 1e9;
    }
    result.put("pagerank.job.cold.seconds", new Timing.Sample(Timing.median(single), single.length));
    result.put("pagerank.api.job.cold.seconds", new Timing.Sample(Timing.median(api), api.length));
  }

  /** A peer's cold job: its input file's pages dropped, then load + PageRank, the median of {@code repeats}. */
  private void coldJob() throws Exception {
    int iterations = settings.pageRankIterations();
    double[] times = new double[Math.max(1, Math.min(settings.repeats(), settings.loadRepeats()))];
    for (int i = 0; i < times.length; i++) {
      system.close();
      Timing.settle();
      ColdCache.evict(workload.resolvedGraph());
      long t0 = System.nanoTime();
      system.load(workload);
      system.pageRank(iterations, Settings.DAMPING);
      times[i] = (System.nanoTime() - t0) / 1e9;
    }
    result.put("pagerank.job.cold.seconds", new Timing.Sample(Timing.median(times), times.length));
  }

  private void timePageRank() throws Exception {
    int iterations = settings.pageRankIterations();
    Timing.Sample full = Timing.median(0, settings.repeats(), settings.budgetSeconds(),
        () -> system.pageRank(iterations, Settings.DAMPING));
    result.put("pagerank.seconds", full);
    if (system.name().equals("jgrapht") && iterations > 1) {
      // JGraphT copies the graph into arrays before iterating: the per-iteration cost is the difference.
      Timing.Sample one = Timing.median(0, settings.repeats(), settings.budgetSeconds(),
          () -> system.pageRank(1, Settings.DAMPING));
      result.put("pagerank.setup.seconds", one);
      result.put("pagerank.iteration.seconds", Math.max(0, full.seconds() - one.seconds()) / (iterations - 1));
    } else {
      result.put("pagerank.iteration.seconds", full.seconds() / iterations);
    }
  }

  private static void writeVector(Path file, double[] values) throws IOException {
    Files.createDirectories(file.getParent());
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(values.length);
      for (double v : values) {
        out.writeDouble(v);
      }
    }
  }

  /**
   * The entry point of one system's process: {@code --system NAME --work DIR --scale S --files F --seed N
   * [--quick]}. Reads the queries the harness drew, runs, writes the result; exit 0 even when the system
   * failed (the result says so), 2 on bad arguments.
   */
  public static void main(String[] args) throws Exception {
    String name = null;
    Path dir = null;
    Scale scale = Scale.TINY;
    int files = -1;
    long seed = io.graphsnap.bench.SyntheticGraph.DEFAULT_SEED;
    boolean quick = false;
    int repetition = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repetition" -> repetition = Integer.parseInt(args[++i]);
        case "--system" -> name = args[++i];
        case "--work" -> dir = Path.of(args[++i]);
        case "--scale" -> scale = Scale.parse(args[++i]);
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--quick" -> quick = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (name == null || dir == null) {
      System.err.println("usage: SystemRunner --system NAME --work DIR --scale S [--files F] [--seed N] [--quick]");
      System.exit(2);
    }
    Workload workload = new Workload(dir, scale, files > 0 ? files : scale.files(), seed, Settings.of(scale, quick),
        repetition);
    Queries queries = Queries.read(workload.queries());
    int typeId = Integer.parseInt(Files.readString(dir.resolve("neighbour-type-id")).trim());
    run(name, workload, queries, typeId, System.out);
  }
}
