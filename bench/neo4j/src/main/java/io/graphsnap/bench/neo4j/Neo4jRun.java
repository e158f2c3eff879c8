package io.graphsnap.bench.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The Neo4j peer of the side-by-side harness, run by the harness as its own process on a JDK 17 or 21 (Neo4j 5.26
 * LTS does not support 25). Does what the harness's {@code SystemRunner} does for the other systems and writes the
 * same result keys to {@code --result}: load (timed), bytes on disk, open (timed), the answers to every question,
 * the latency of the sub-millisecond questions and the BFS time.
 *
 * <p>Configuration, what a competent user of embedded Neo4j does for these questions: one {@code :Node} label
 * with {@code id} and {@code name} properties, a uniqueness constraint on {@code name} (a range index) and a range
 * index on {@code id}; the kind and each effect as extra labels ({@code :Kind_method}, {@code :Effect_db}), so
 * that "kind + effect" is a label scan; one relationship type per edge type. Loaded through the embedded core API
 * (the fastest transactional path; {@code neo4j-admin import} needs a server install) in transactions of
 * {@value #BATCH} entities, the indexes created after the data. Every question is Cypher with parameters (the plan
 * cache makes them one plan each): lookups {@code MATCH (n:Node {name: $name}) RETURN n.id}, neighbours
 * {@code MATCH (:Node {id: $id})-[:calls]->(m) RETURN count(m), sum(m.id)}, BFS the variable-length pattern
 * {@code (s)-[*0..]->(m)} followed by {@code WITH DISTINCT m}, which the planner runs as a pruning breadth-first
 * expansion (each node once). Page cache sized to hold the store ({@code --pagecache}).
 *
 * <p>Usage: {@code Neo4jRun --work DIR --result FILE [--load-warmups 1] [--load-repeats 3] [--repeats 3]
 * [--budget 60] [--latency-warmups 3] [--latency-iterations 5] [--latency-millis 1000] [--pagecache 4g]}.
 * Exit 0 even when Neo4j fails (the result says so under {@code error.<phase>}), 2 on bad arguments.
 */
public final class Neo4jRun {
  private static final int BATCH = 50_000;
  private static final Label NODE = Label.label("Node");
  private static final String LOOKUP = "MATCH (n:Node {name: $name}) RETURN n.id AS id";
  private static final String BFS = "MATCH (s:Node {id: $id})-[*0..]->(m) WITH DISTINCT m"
      + " RETURN count(m) AS c, sum(m.id) AS s";

  private final Path work;
  private final Map<String, String> result = new TreeMap<>();
  private final Map<String, Integer> options;
  private final String pageCache;
  private HarnessFiles.Graph graph;
  private HarnessFiles.Questions questions;
  private DatabaseManagementService dbms;
  private GraphDatabaseService db;

  private Neo4jRun(Path work, Map<String, Integer> options, String pageCache) {
    this.work = work;
    this.options = options;
    this.pageCache = pageCache;
  }

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Path work = null;
    Path resultFile = null;
    String pageCache = "4g";
    Map<String, Integer> options = new TreeMap<>(Map.of("load-warmups", 1, "load-repeats", 3, "repeats", 3,
        "budget", 60, "latency-warmups", 3, "latency-iterations", 5, "latency-millis", 1000));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      switch (key) {
        case "work" -> work = Path.of(args[i + 1]);
        case "result" -> resultFile = Path.of(args[i + 1]);
        case "pagecache" -> pageCache = args[i + 1];
        default -> {
          if (!options.containsKey(key)) {
            System.err.println("unknown argument " + args[i]);
            System.exit(2);
          }
          options.put(key, Integer.parseInt(args[i + 1]));
        }
      }
    }
    if (work == null || resultFile == null) {
      System.err.println("usage: Neo4jRun --work DIR --result FILE [--repeats N] ...");
      System.exit(2);
    }
    Neo4jRun run = new Neo4jRun(work, options, pageCache);
    run.result.put("system", "neo4j");
    run.result.put("java.version", System.getProperty("java.version"));
    run.run();
    HarnessFiles.writeResult(resultFile, run.result);
  }

  private void run() {
    String phase = "load";
    try {
      int feature = Runtime.version().feature();
      if (feature != 17 && feature != 21) {
        throw new IllegalStateException("Neo4j 5.26 runs on JDK 17 or 21; this is " + System.getProperty("java.version"));
      }
      graph = HarnessFiles.readGraph(work.resolve("graph.resolved"));
      questions = HarnessFiles.readQuestions(work.resolve("queries.bin"));
      System.out.println("[neo4j] load");
      put("load.seconds", median(options.get("load-warmups"), options.get("load-repeats"), this::load));
      put("heap.bytes", Math.max(0, usedHeap()));
      put("disk.bytes", bytes(home().resolve("data").resolve("databases")));
      put("disk.part.transaction-logs", bytes(home().resolve("data").resolve("transactions")));
      long[] counts = counts();
      put("nodes", counts[0]);
      put("edges", counts[1]);
      result.put("answer.counts", counts[0] + ":" + counts[1]);
      phase = "open";
      System.out.println("[neo4j] open");
      put("open.seconds", median(1, 3, () -> {
        shutdown();
        start();
        query(LOOKUP, Map.of("name", graph.names[0]));
      }));
      phase = "answers";
      System.out.println("[neo4j] answers");
      double[] bfsTimes = answers();
      phase = "latency";
      System.out.println("[neo4j] latencies");
      put("lookup.hit.ns", latency(questions.hits.length, i -> lookup(questions.hits[i])));
      put("lookup.miss.ns", latency(questions.misses.length, i -> lookup(questions.misses[i])));
      put("neighbours.ns", latency(questions.neighbourNodes.length, i -> neighbours(questions.neighbourNodes[i])));
      if (!questions.kindEffects.isEmpty()) {
        put("query.ns", latency(questions.kindEffects.size(), i -> count(questions.kindEffects.get(i))));
      }
      phase = "bfs";
      System.out.println("[neo4j] bfs");
      timeBfs(bfsTimes);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      result.put("error." + phase, String.valueOf(e));
      System.out.println("[neo4j] failed in " + phase + ": " + e);
      e.printStackTrace(System.out);
    } finally {
      shutdown();
    }
  }

  private Path home() {
    return work.resolve("neo4j");
  }

  private void start() {
    dbms = new DatabaseManagementServiceBuilder(home())
        .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
        .build();
    db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
  }

  private void shutdown() {
    if (dbms != null) {
      dbms.shutdown();
      dbms = null;
      db = null;
    }
  }

  /** Deletes the database, starts an empty one, adds every node and edge, then the indexes. */
  private void load() throws Exception {
    shutdown();
    deleteTree(home());
    start();
    int n = graph.nodeCount();
    Label[] kindLabels = graph.kinds.stream().map(k -> Label.label("Kind_" + k)).toArray(Label[]::new);
    Label[] effectLabels = graph.effects.stream().map(e -> Label.label("Effect_" + e)).toArray(Label[]::new);
    RelationshipType[] relTypes = graph.edgeTypes.stream().map(RelationshipType::withName)
        .toArray(RelationshipType[]::new);
    long[] internal = new long[n];
    for (int from = 0; from < n; from += BATCH) {
      try (Transaction tx = db.beginTx()) {
        for (int v = from; v < Math.min(n, from + BATCH); v++) {
          List<Label> labels = new ArrayList<>(4);
          labels.add(NODE);
          labels.add(kindLabels[graph.kindOf[v]]);
          int mask = graph.effectMask[v];
          for (int e = 0; mask != 0; e++, mask >>>= 1) {
            if ((mask & 1) != 0) {
              labels.add(effectLabels[e]);
            }
          }
          Node node = tx.createNode(labels.toArray(new Label[0]));
          node.setProperty("id", v);
          node.setProperty("name", graph.names[v]);
          internal[v] = node.getId();
        }
        tx.commit();
      }
    }
    int pending = 0;
    Transaction tx = db.beginTx();
    try {
      for (int v = 0; v < n; v++) {
        int start = graph.offsets[v];
        int end = graph.offsets[v + 1];
        if (start == end) {
          continue;
        }
        Node source = tx.getNodeById(internal[v]);
        for (int i = start; i < end; i++) {
          source.createRelationshipTo(tx.getNodeById(internal[graph.targets[i]]), relTypes[graph.types[i] & 0xFF]);
          if (++pending == BATCH) {
            tx.commit();
            tx.close();
            tx = db.beginTx();
            pending = 0;
            source = tx.getNodeById(internal[v]);
          }
        }
      }
      tx.commit();
    } finally {
      tx.close();
    }
    try (Transaction schema = db.beginTx()) {
      schema.execute("CREATE CONSTRAINT node_name IF NOT EXISTS FOR (n:Node) REQUIRE n.name IS UNIQUE");
      schema.execute("CREATE INDEX node_id IF NOT EXISTS FOR (n:Node) ON (n.id)");
      schema.commit();
    }
    try (Transaction wait = db.beginTx()) {
      wait.schema().awaitIndexesOnline(1, TimeUnit.HOURS);
    }
  }

  private long[] counts() {
    try (Transaction tx = db.beginTx()) {
      long nodes = (Long) tx.execute("MATCH (n) RETURN count(n) AS c").next().get("c");
      long edges = (Long) tx.execute("MATCH ()-[r]->() RETURN count(r) AS c").next().get("c");
      return new long[] {nodes, edges};
    }
  }

  private Map<String, Object> query(String cypher, Map<String, Object> parameters) {
    try (Transaction tx = db.beginTx(); Result r = tx.execute(cypher, parameters)) {
      return r.hasNext() ? r.next() : Map.of();
    }
  }

  private int lookup(String name) {
    Object id = query(LOOKUP, Map.of("name", name)).get("id");
    return id == null ? -1 : ((Number) id).intValue();
  }

  private long neighbours(int node) {
    Map<String, Object> row = query("MATCH (:Node {id: $id})-[:`" + questions.neighbourType + "`]->(m)"
        + " RETURN count(m) AS c, sum(m.id) AS s", Map.of("id", node));
    long count = ((Number) row.get("c")).longValue();
    long sum = ((Number) row.get("s")).longValue();
    return sum + (count << 40);
  }

  private long count(String[] kindEffect) {
    Map<String, Object> row = query("MATCH (n:`Kind_" + kindEffect[0] + "`:`Effect_" + kindEffect[1] + "`)"
        + " RETURN count(n) AS c", Map.of());
    return ((Number) row.get("c")).longValue();
  }

  private long[] bfs(int source) {
    Map<String, Object> row = query(BFS, Map.of("id", source));
    return new long[] {((Number) row.get("c")).longValue(), ((Number) row.get("s")).longValue()};
  }

  private double[] answers() {
    StringJoiner hits = new StringJoiner(",");
    for (String name : questions.hits) {
      hits.add(Integer.toString(lookup(name)));
    }
    result.put("answer.lookup.hit", hits.toString());
    StringJoiner misses = new StringJoiner(",");
    for (String name : questions.misses) {
      misses.add(Integer.toString(lookup(name)));
    }
    result.put("answer.lookup.miss", misses.toString());
    StringJoiner sums = new StringJoiner(",");
    for (int v : questions.neighbourNodes) {
      sums.add(Long.toString(neighbours(v)));
    }
    result.put("answer.neighbours", sums.toString());
    StringJoiner counts = new StringJoiner(",");
    for (String[] pair : questions.kindEffects) {
      counts.add(Long.toString(count(pair)));
    }
    result.put("answer.query", counts.toString());
    double[] times = new double[questions.bfsSources.length];
    StringJoiner reached = new StringJoiner(",");
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      long[] r = bfs(questions.bfsSources[i]);
      times[i] = (System.nanoTime() - t0) / 1e9;
      reached.add(r[0] + ":" + r[1]);
    }
    result.put("answer.bfs", reached.toString());
    return times;
  }

  /** The median, over measured iterations of {@code latency-millis} each, of the mean ns per call, questions cycled. */
  private double latency(int questionCount, IntTask task) {
    int warmups = options.get("latency-warmups");
    int iterations = options.get("latency-iterations");
    long millis = options.get("latency-millis");
    double[] scores = new double[iterations];
    int next = 0;
    for (int it = -warmups; it < iterations; it++) {
      long start = System.nanoTime();
      long deadline = start + millis * 1_000_000L;
      long calls = 0;
      long now;
      do {
        task.run(next);
        next = next + 1 == questionCount ? 0 : next + 1;
        calls++;
        now = System.nanoTime();
      } while (now < deadline);
      if (it >= 0) {
        scores[it] = (double) (now - start) / calls;
      }
    }
    return median(scores);
  }

  private void timeBfs(double[] answering) {
    double spent = Arrays.stream(answering).sum();
    int[] sources = questions.bfsSources;
    int repeats = options.get("repeats");
    int budget = options.get("budget");
    if (spent >= budget) {
      put("bfs.seconds", median(answering.clone()));
      put("bfs.seconds.runs", sources.length);
      return;
    }
    double[] times = new double[repeats * sources.length];
    int runs = 0;
    spent = 0;
    for (int pass = 0; pass < repeats && (pass == 0 || spent < budget); pass++) {
      for (int source : sources) {
        long t0 = System.nanoTime();
        bfs(source);
        double t = (System.nanoTime() - t0) / 1e9;
        times[runs++] = t;
        spent += t;
      }
    }
    put("bfs.seconds", median(Arrays.copyOf(times, runs)));
    put("bfs.seconds.runs", runs);
  }

  @FunctionalInterface
  private interface IntTask {
    void run(int i);
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }

  private double median(int warmups, int repeats, Task task) throws Exception {
    for (int i = 0; i < warmups; i++) {
      task.run();
    }
    double[] times = new double[Math.max(1, repeats)];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      task.run();
      times[i] = (System.nanoTime() - t0) / 1e9;
    }
    return median(times);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private void put(String key, double value) {
    result.put(key, Double.toString(value));
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long parseBytes(String size) {
    String s = size.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }

  private static long bytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
