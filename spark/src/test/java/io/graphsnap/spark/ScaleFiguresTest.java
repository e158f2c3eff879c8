package io.graphsnap.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.export.ExportListener;
import io.graphsnap.export.ExportResult;
import io.graphsnap.export.ParquetExporter;
import io.graphsnap.export.Subgraph;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The closing note's figures, off by default (it is a measurement, not a test): on the bench module's synthetic
 * graph of {@code graphsnap.figures.files} files (100000 gives the 10 M-edge {@code medium} graph), the time and
 * size of the Parquet export, the in-process PageRank (open + converge, first run and best of three), and the
 * Spark local-mode PageRank (session start, then read + converge). Run on an otherwise idle machine:
 * <pre>
 * mvn -B -pl spark -am install -DskipTests
 * mvn -B -pl spark test -Dtest=ScaleFiguresTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgraphsnap.figures.files=100000 -Dspark.test.heap=8g
 * </pre>
 * Prints a Markdown table on stderr and writes it to {@code target/scale-figures.md}.
 */
@EnabledIfSystemProperty(named = "graphsnap.figures.files", matches = "[0-9]+")
class ScaleFiguresTest {
  @Test
  void measure() throws IOException {
    int files = Integer.parseInt(System.getProperty("graphsnap.figures.files"));
    Path scratch = Path.of(System.getProperty("graphsnap.spark.scratch", "target/spark-scratch")).toAbsolutePath();
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path work = Files.createDirectories(scratch.resolve("figures-" + files));
    Path snapshot = work.resolve("graph.gsnap");
    List<String> rows = new ArrayList<>();
    if (!Files.exists(snapshot)) {
      long t = System.nanoTime();
      new SnapshotBuilder().build(SyntheticGraph.ofFiles(files, SyntheticGraph.DEFAULT_SEED), snapshot);
      rows.add(row("build the snapshot (not part of the comparison)", seconds(t), Files.size(snapshot)));
    }
    Path export = work.resolve("export");
    double[] local;
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      rows.add(0, String.format("graph: %,d nodes, %,d edges, snapshot %,.1f MB%n", g.nodeCount(), g.edgeCount(),
          Files.size(snapshot) / 1e6));
      long t = System.nanoTime();
      ExportResult r = new ParquetExporter().export(g, Subgraph.whole(g), export, ExportListener.NONE);
      rows.add(row("graphsnap export --format parquet", seconds(t), r.bytes()));
    }
    double best = Double.MAX_VALUE;
    double first = 0;
    PageRankResult result = null;
    for (int run = 0; run < 3; run++) {
      long t = System.nanoTime();
      try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
        result = PageRank.on(CsrGraph.of(g)).run();
      }
      double s = seconds(t);
      first = run == 0 ? s : first;
      best = Math.min(best, s);
    }
    local = result.ranks();
    rows.add(row("in-process PageRank, open + " + result.iterations() + " iterations, first run", first, -1));
    rows.add(row("in-process PageRank, open + " + result.iterations() + " iterations, best of 3", best, -1));

    long t = System.nanoTime();
    SparkSession spark = SparkSession.builder().master("local[2]").appName("graphsnap figures")
        .config("spark.ui.enabled", "false")
        .config("spark.local.dir", scratch.resolve("local").toString())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    rows.add(row("Spark local[2]: session start", seconds(t), -1));
    try {
      long[] firstIteration = new long[1];
      long start = System.nanoTime();
      SparkPageRank.Result spr = SparkPageRank.run(spark, ExportedGraph.read(spark, export.toString(), List.of()),
          PageRank.DEFAULT_DAMPING, PageRank.DEFAULT_TOLERANCE, PageRank.DEFAULT_MAX_ITERATIONS, 4,
          (i, change) -> {
            if (i == 1) {
              firstIteration[0] = System.nanoTime();
            }
          });
      double total = seconds(start);
      double perIteration = (System.nanoTime() - firstIteration[0]) / 1e9 / Math.max(1, spr.iterations() - 1);
      double worst = 0;
      for (Row row : spr.ranks().collectAsList()) {
        worst = Math.max(worst, Math.abs(row.getDouble(1) - local[row.getInt(0)]));
      }
      spr.release();
      rows.add(row("Spark local[2] PageRank, read + " + spr.iterations() + " iterations", total, -1));
      rows.add(row(String.format("Spark local[2] PageRank, per iteration after the first (largest difference from"
          + " in-process %.1e)", worst), perIteration, -1));
      assertTrue(worst <= 1e-6, "largest difference " + worst);
    } finally {
      spark.stop();
    }
    String table = "| step | seconds | bytes |\n|---|---:|---:|\n" + String.join("", rows.subList(1, rows.size()));
    String report = rows.get(0) + "\n" + table;
    System.err.println(report);
    Files.writeString(Path.of("target", "scale-figures.md"), report, StandardCharsets.UTF_8);
  }

  private static String row(String what, double seconds, long bytes) {
    return String.format("| %s | %.2f | %s |%n", what, seconds, bytes < 0 ? "" : String.format("%,d", bytes));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
