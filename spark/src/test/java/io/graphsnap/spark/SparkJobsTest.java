package io.graphsnap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.export.ExportListener;
import io.graphsnap.export.ParquetExporter;
import io.graphsnap.export.Subgraph;
import io.graphsnap.export.WeakComponents;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Spark jobs in local[2] against the in-process analysis on a graph of about 12,000 edges with dangling
 * nodes and several components, built through the real builder and exported with the real exporter:
 * the export reads back exactly; PageRank agrees within 1e-6 per node; reachability and component labels are
 * equal. Spark's scratch files go under target/spark-scratch (java.io.tmpdir and spark.local.dir).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkJobsTest {
  static Path scratch;
  static Path work;
  static Path exportDir;
  static GraphSnapshot g;
  static SparkSession spark;

  @BeforeAll
  static void buildExportAndStartSpark() throws IOException {
    scratch = Path.of(System.getProperty("graphsnap.spark.scratch", "target/spark-scratch")).toAbsolutePath();
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    work = Files.createDirectories(scratch.resolve("jobs-test-" + ProcessHandle.current().pid()));
    g = GraphSnapshot.open(SparkTestGraph.build(work, 20261123));
    assertTrue(g.edgeCount() >= 10_000, "edges: " + g.edgeCount());
    exportDir = work.resolve("export");
    new ParquetExporter().export(g, Subgraph.whole(g), exportDir, ExportListener.NONE);
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("graphsnap spark test")
        .config("spark.ui.enabled", "false")
        .config("spark.local.dir", scratch.resolve("local").toString())
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (g != null) {
      g.close();
    }
  }

  private static ExportedGraph exported(String... types) {
    return ExportedGraph.read(spark, exportDir.toString(), List.of(types));
  }

  @Test
  @Order(1)
  void parquetReadBackBySparkIsExactlyTheSnapshot() {
    ExportedGraph e = exported();
    List<Row> nodes = e.nodes().orderBy("id").collectAsList();
    assertEquals(g.nodeCount(), nodes.size());
    for (int id = 0; id < g.nodeCount(); id++) {
      Row r = nodes.get(id);
      assertEquals(id, r.getInt(r.fieldIndex("id")));
      assertEquals(g.name(id), r.getString(r.fieldIndex("name")));
      assertEquals(g.kind(id), r.getString(r.fieldIndex("kind")));
      int file = r.fieldIndex("file");
      assertEquals(g.file(id), r.isNullAt(file) ? null : r.getString(file));
      assertEquals(g.effects(id), r.getList(r.fieldIndex("effects")));
    }
    List<Row> edges = e.edges().orderBy("src", "type", "dst").collectAsList();
    List<String> expected = new ArrayList<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      EdgeCursor c = g.out(v);
      for (int w = c.next(); w >= 0; w = c.next()) {
        expected.add(v + " " + g.edgeTypes().get(c.type()) + " " + w);
      }
    }
    List<String> actual = edges.stream().map(r -> r.getInt(0) + " " + r.getString(2) + " " + r.getInt(1)).toList();
    assertEquals(expected, actual);
    assertEquals(3, e.edges().select("type").distinct().count());
  }

  @Test
  @Order(2)
  void pageRankAgreesWithInProcessWithinOneMillionthPerNode() {
    comparePageRank(EdgeTypeMask.all());
    comparePageRank(EdgeTypeMask.of(g, List.of("calls")), "calls");
  }

  private void comparePageRank(EdgeTypeMask mask, String... types) {
    PageRankResult local = PageRank.on(CsrGraph.of(g)).types(mask).run();
    SparkPageRank.Result remote = SparkPageRank.run(spark, exported(types), PageRank.DEFAULT_DAMPING,
        PageRank.DEFAULT_TOLERANCE, PageRank.DEFAULT_MAX_ITERATIONS, 2, (i, change) -> { });
    double[] ranks = new double[g.nodeCount()];
    Arrays.fill(ranks, Double.NaN);
    for (Row r : remote.ranks().collectAsList()) {
      ranks[r.getInt(0)] = r.getDouble(1);
    }
    remote.release();
    double worst = 0;
    double sum = 0;
    for (int v = 0; v < ranks.length; v++) {
      worst = Math.max(worst, Math.abs(ranks[v] - local.rank(v)));
      sum += ranks[v];
    }
    System.err.printf("PageRank %s: in-process %d iterations, Spark %d; largest difference %.3e%n",
        types.length == 0 ? "all types" : Arrays.toString(types), local.iterations(), remote.iterations(), worst);
    assertTrue(local.converged() && remote.converged());
    assertTrue(worst <= 1e-6, "largest per-node difference " + worst);
    assertEquals(1.0, sum, 1e-9);
    assertEquals(local.iterations(), remote.iterations());
  }

  @Test
  @Order(3)
  void reachabilityEqualsInProcess() {
    ExportedGraph all = exported();
    ExportedGraph calls = exported("calls");
    int[][] sourceSets = {
      {g.node(SparkTestGraph.name(0, 0))},
      {g.node(SparkTestGraph.name(3, 7)), g.node(SparkTestGraph.name(4, 1))},
      {g.node("ext.g1.lib3")},
      {g.node("alone.s1")},
    };
    for (int[] sources : sourceSets) {
      for (boolean reverse : new boolean[] {false, true}) {
        for (int depth : new int[] {-1, 2}) {
          compareReach(all, EdgeTypeMask.all(), sources, reverse, depth);
        }
      }
    }
    compareReach(calls, EdgeTypeMask.of(g, List.of("calls")), sourceSets[0], false, -1);
  }

  private void compareReach(ExportedGraph e, EdgeTypeMask mask, int[] sources, boolean reverse, int depth) {
    Reach local = Reachability.reach(CsrGraph.of(g), sources, mask, reverse ? Direction.REVERSE : Direction.FORWARD,
        depth);
    List<Row> remote = SparkReach.run(spark, e, sources, reverse, depth).collectAsList();
    String what = Arrays.toString(sources) + (reverse ? " reverse" : " forward") + " depth " + depth;
    assertEquals(local.count(), remote.size(), what);
    for (Row r : remote) {
      assertEquals(local.depth(r.getInt(0)), r.getInt(1), what + " node " + r.getInt(0));
    }
  }

  @Test
  @Order(4)
  void componentLabelsEqualInProcessWeakComponents() {
    int[] local = WeakComponents.labels(g);
    int[] remote = new int[g.nodeCount()];
    Arrays.fill(remote, -1);
    for (Row r : SparkComponents.run(spark, exported()).collectAsList()) {
      remote[r.getInt(0)] = r.getInt(1);
    }
    int count = WeakComponents.count(local);
    System.err.printf("components: %d in process%n", count);
    assertTrue(count >= SparkTestGraph.GROUP_SIZES.length + SparkTestGraph.ISOLATED, "components: " + count);
    assertEquals(Arrays.stream(local).boxed().toList(), Arrays.stream(remote).boxed().toList());
  }

  @Test
  @Order(5)
  void commandLinePrintsTheInProcessTopRanks() {
    // Last: the command stops the (shared) session when it ends.
    // Five iterations keep it short; the full convergence is compared above.
    PageRankResult local = PageRank.on(CsrGraph.of(g)).maxIterations(5).run();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapSpark.execute(new PrintWriter(out, true), new PrintWriter(err, true), "pagerank",
        exportDir.toString(), "--master", "local[2]", "--top", "3", "--json", "--iterations", "5", "--partitions", "2");
    assertEquals(GraphsnapSpark.OK, code, err::toString);
    StringBuilder expected = new StringBuilder("[");
    int[] top = local.top(3);
    for (int i = 0; i < top.length; i++) {
      expected.append(i > 0 ? "," : "").append("{\"name\":\"").append(g.name(top[i])).append("\",\"rank\":");
      expected.append("RANK").append('}');
    }
    expected.append(']');
    String actual = out.toString().strip().replaceAll("\"rank\":[0-9.Ee-]+", "\"rank\":RANK");
    assertEquals(expected.toString(), actual);
    assertTrue(err.toString().contains("NOT converged after 5 iterations"), err::toString);
  }
}
