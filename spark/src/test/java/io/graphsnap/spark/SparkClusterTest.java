package io.graphsnap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphsnap.export.ExportListener;
import io.graphsnap.export.ParquetExporter;
import io.graphsnap.export.Subgraph;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs on a real Spark standalone cluster on this machine: a {@code Master} and two {@code Worker} processes
 * (each its own JVM, on loopback, from the same Spark jars as local mode), with the application submitted through
 * {@code spark-submit}'s own code path ({@code org.apache.spark.deploy.SparkSubmit}, client deploy mode) as the
 * shaded {@code target/graphsnap-spark.jar}: the executors run in JVMs the workers start, load the job classes
 * from that jar only, and read the Parquet export. PageRank must agree with the in-process analysis within 1e-6
 * per node, and reach must find the same nodes at the same depths.
 *
 * <p>Runs in the {@code integration-test} phase (after {@code package} built the jar and
 * {@code target/spark-classpath.txt}); see the {@code spark-cluster} execution in this module's POM.
 */
class SparkClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Path work;
  static GraphSnapshot g;
  static Path exportDir;
  static SparkCluster cluster;

  @BeforeAll
  static void startClusterAndExport() throws Exception {
    // -Dtest=SparkClusterTest also selects it in the test phase, before package has built the jar
    assumeTrue(Boolean.getBoolean("graphsnap.spark.cluster"), "runs in the spark-cluster execution, after package");
    Path scratch = Path.of(System.getProperty("graphsnap.spark.scratch", "target/spark-scratch")).toAbsolutePath();
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))); // zstd-jni unpacks its library there
    work = Files.createDirectories(scratch.resolve("cluster-test-" + ProcessHandle.current().pid()));
    Path jar = Path.of("target/graphsnap-spark.jar").toAbsolutePath();
    Path classpath = Path.of("target/spark-classpath.txt").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar) && Files.isRegularFile(classpath),
        "run in the integration-test phase, after package built " + jar + " and " + classpath);
    cluster = SparkCluster.start(work, Files.readString(classpath).strip(), jar, 2);
    g = GraphSnapshot.open(SparkTestGraph.build(work, 20261202));
    exportDir = work.resolve("export");
    new ParquetExporter().export(g, Subgraph.whole(g), exportDir, ExportListener.NONE);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (g != null) {
      g.close();
    }
  }

  @Test
  void pageRankOnTheClusterAgreesWithInProcessWithinOneMillionthPerNode() throws Exception {
    SparkCluster.Submission run = cluster.submit("pagerank", exportDir.toString(), "--json", "--top",
        Integer.toString(g.nodeCount()), "--partitions", "4");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.executorsOnWorkers() >= 2, () -> "both workers ran executors: " + run);
    JsonNode rows = JSON.readTree(run.stdout());
    assertEquals(g.nodeCount(), rows.size(), run::toString);
    PageRankResult local = PageRank.on(CsrGraph.of(g)).run();
    Map<String, Double> remote = new HashMap<>();
    for (JsonNode r : rows) {
      remote.put(r.get("name").asText(), r.get("rank").asDouble());
    }
    double worst = 0;
    for (int v = 0; v < g.nodeCount(); v++) {
      Double rank = remote.get(g.name(v));
      assertTrue(rank != null, "no rank for " + g.name(v));
      worst = Math.max(worst, Math.abs(rank - local.rank(v)));
    }
    assertTrue(worst <= 1e-6, "largest per-node difference " + worst);
  }

  @Test
  void reachOnTheClusterFindsTheSameNodesAtTheSameDepths() throws Exception {
    CsrGraph csr = CsrGraph.of(g);
    int source = 0; // the first node that reaches a good part of the graph (the test graph has isolated nodes)
    while (Reachability.reach(csr, new int[] {source}, EdgeTypeMask.all(), Direction.FORWARD, -1).count() <= 100) {
      source++;
    }
    SparkCluster.Submission run = cluster.submit("reach", exportDir.toString(), g.name(source), "--json", "--limit",
        Integer.toString(g.nodeCount()), "--partitions", "4");
    assertEquals(0, run.exitCode(), run::toString);
    JsonNode doc = JSON.readTree(run.stdout());
    Reach local = Reachability.reach(csr, new int[] {source}, EdgeTypeMask.all(), Direction.FORWARD, -1);
    Map<String, Integer> expected = new HashMap<>();
    for (int v : local.nodes()) {
      expected.put(g.name(v), local.depth(v));
    }
    Map<String, Integer> actual = new HashMap<>();
    for (JsonNode n : doc.get("nodes")) {
      actual.put(n.get("name").asText(), n.get("depth").asInt());
    }
    assertTrue(expected.size() > 100, "a reach worth distributing: " + expected.size());
    assertEquals(expected.size(), doc.get("count").asLong());
    assertEquals(expected, actual);
  }

  /** A free loopback port (closed again: the cluster process binds it). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
