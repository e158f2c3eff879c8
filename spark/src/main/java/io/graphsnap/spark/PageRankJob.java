package io.graphsnap.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pagerank EXPORT [--damping d] [--tolerance t] [--iterations k] [--top n]}: see {@link SparkPageRank}. */
@Command(name = "pagerank", description = "PageRank with dangling mass spread uniformly; L1 tolerance.")
final class PageRankJob implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin JobOptions options;

  @Option(names = "--damping", defaultValue = "" + SparkPageRank.DEFAULT_DAMPING, description = "Default: ${DEFAULT-VALUE}.")
  double damping;

  @Option(names = "--tolerance", defaultValue = "" + SparkPageRank.DEFAULT_TOLERANCE,
      description = "Stop when the L1 change falls below this (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--iterations", defaultValue = "" + SparkPageRank.DEFAULT_MAX_ITERATIONS,
      description = "At most this many iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--top", defaultValue = "20", description = "How many nodes to print (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    long start = System.nanoTime();
    SparkSession spark = options.session("graphsnap pagerank");
    try {
      ExportedGraph graph = ExportedGraph.read(spark, options.input, options.types);
      SparkPageRank.Result result = SparkPageRank.run(spark, graph, damping, tolerance, iterations,
          options.partitions(), new SparkPageRank.IterationListener() {
            long last = System.nanoTime();

            @Override
            public void afterIteration(int i, double change) {
              long now = System.nanoTime();
              err.printf("pagerank: iteration %d, L1 change %.3e (%.2f s)%n", i, change, (now - last) / 1e9);
              err.flush();
              last = now;
            }
          });
      Dataset<Row> named = result.ranks().join(graph.nodes().select("id", "name"), "id");
      List<Row> best = named.orderBy(col("rank").desc(), col("id")).limit(top).collectAsList();
      if (options.output != null) {
        named.select("id", "name", "rank").write().mode("overwrite").parquet(options.output);
      }
      result.release();
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf("pagerank: %,d nodes, %s after %d iterations (L1 change %.3e) in %.1f s%n", result.nodeCount(),
          result.converged() ? "converged" : "NOT converged", result.iterations(), result.lastChange(), seconds);
      err.flush();
      if (options.json) {
        List<Object> rows = new ArrayList<>();
        for (Row r : best) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", r.getString(r.fieldIndex("name")));
          row.put("rank", r.getDouble(r.fieldIndex("rank")));
          rows.add(row);
        }
        Output.json(out, rows);
      } else {
        for (Row r : best) {
          out.printf("%.6e  %s%n", r.getDouble(r.fieldIndex("rank")), r.getString(r.fieldIndex("name")));
        }
        out.flush();
      }
      return GraphsnapSpark.OK;
    } finally {
      spark.stop();
    }
  }
}
