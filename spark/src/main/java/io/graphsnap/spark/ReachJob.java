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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reach EXPORT NAME... [--reverse] [--depth D]}: see {@link SparkReach}. */
@Command(name = "reach", description = "The nodes reachable from the given symbols (Pregel BFS), with their depths.")
final class ReachJob implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin JobOptions options;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "Source symbols.")
  List<String> names;

  @Option(names = "--reverse", description = "Follow in-edges: what reaches the sources.")
  boolean reverse;

  @Option(names = "--depth", defaultValue = "-1", description = "At most this many hops (default: no limit).")
  int depth;

  @Option(names = "--limit", defaultValue = "1000",
      description = "List at most this many nodes, nearest first (default: ${DEFAULT-VALUE}); --output has all.")
  int limit;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    long start = System.nanoTime();
    SparkSession spark = options.session("graphsnap reach");
    try {
      ExportedGraph graph = ExportedGraph.read(spark, options.input, options.types);
      int[] sources;
      try {
        sources = graph.ids(names);
      } catch (IllegalArgumentException e) {
        throw new GraphsnapSpark.NotFoundException(e.getMessage());
      }
      Dataset<Row> reached = SparkReach.run(spark, graph, sources, reverse, depth).cache();
      List<Row> perDepth = reached.groupBy("depth").count().orderBy("depth").collectAsList();
      long count = 0;
      List<Object> depths = new ArrayList<>();
      for (Row r : perDepth) {
        while (depths.size() < r.getInt(0)) {
          depths.add(0L);
        }
        depths.add(r.getLong(1));
        count += r.getLong(1);
      }
      Dataset<Row> named = reached.join(graph.nodes().select("id", "name"), "id");
      List<Row> nearest = named.orderBy(col("depth"), col("name")).limit(limit).collectAsList();
      if (options.output != null) {
        named.select("id", "name", "depth").write().mode("overwrite").parquet(options.output);
      }
      reached.unpersist();
      err.printf("reach: %,d nodes within %s of %d source(s) in %.1f s%n", count,
          depth < 0 ? "any depth" : depth + " hops", sources.length, (System.nanoTime() - start) / 1e9);
      err.flush();
      if (options.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("count", count);
        doc.put("depths", depths);
        List<Object> nodes = new ArrayList<>();
        for (Row r : nearest) {
          Map<String, Object> n = new LinkedHashMap<>();
          n.put("name", r.getString(r.fieldIndex("name")));
          n.put("depth", r.getInt(r.fieldIndex("depth")));
          nodes.add(n);
        }
        doc.put("nodes", nodes);
        Output.json(out, doc);
      } else {
        out.printf("%d nodes reachable; per depth: %s%n", count, depths);
        for (Row r : nearest) {
          out.printf("%3d  %s%n", r.getInt(r.fieldIndex("depth")), r.getString(r.fieldIndex("name")));
        }
        out.flush();
      }
      return GraphsnapSpark.OK;
    } finally {
      spark.stop();
    }
  }
}
