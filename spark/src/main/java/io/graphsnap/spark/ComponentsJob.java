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

/** {@code components EXPORT [--top n]}: see {@link SparkComponents}. */
@Command(name = "components", description = "Weakly connected components (GraphX), labelled by their smallest node id.")
final class ComponentsJob implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin JobOptions options;

  @Option(names = "--top", defaultValue = "10", description = "How many of the largest components to list (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    long start = System.nanoTime();
    SparkSession spark = options.session("graphsnap components");
    try {
      ExportedGraph graph = ExportedGraph.read(spark, options.input, options.types);
      Dataset<Row> labels = SparkComponents.run(spark, graph).cache();
      Dataset<Row> sizes = labels.groupBy("component").count().cache();
      long count = sizes.count();
      List<Row> largest = sizes.join(graph.nodes().select(col("id").as("component"), col("name")), "component")
          .orderBy(col("count").desc(), col("component")).limit(top).collectAsList();
      if (options.output != null) {
        labels.write().mode("overwrite").parquet(options.output);
      }
      sizes.unpersist();
      labels.unpersist();
      err.printf("components: %,d weakly connected components in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
      err.flush();
      if (options.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("count", count);
        List<Object> rows = new ArrayList<>();
        for (Row r : largest) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("smallest", r.getString(r.fieldIndex("name")));
          c.put("size", r.getLong(r.fieldIndex("count")));
          rows.add(c);
        }
        doc.put("largest", rows);
        Output.json(out, doc);
      } else {
        out.printf("%d components; the largest (size, smallest member):%n", count);
        for (Row r : largest) {
          out.printf("%,10d  %s%n", r.getLong(r.fieldIndex("count")), r.getString(r.fieldIndex("name")));
        }
        out.flush();
      }
      return GraphsnapSpark.OK;
    } finally {
      spark.stop();
    }
  }
}
