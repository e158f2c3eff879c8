package io.graphsnap.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every job takes: the export to read, where Spark runs, the edge types, and where to write. */
final class JobOptions {
  @Parameters(index = "0", paramLabel = "EXPORT",
      description = "Directory of a Parquet export (graphsnap export --format parquet); any path Spark reads.")
  String input;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[2], local[*], yarn, k8s://..., spark://... (default: what spark-submit"
          + " set, else local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--type", split = ",", paramLabel = "T", description = "Only edges of these types (default: all).")
  List<String> types = new ArrayList<>();

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
      description = "Partitions of the edges and results (default: 2 per core of the master, at least 4).")
  int partitions;

  @Option(names = "--output", paramLabel = "DIR", description = "Also write every node's result as Parquet here.")
  String output;

  @Option(names = "--json", description = "Print one JSON document on stdout.")
  boolean json;

  /** Starts (or joins) the Spark session these options describe. */
  SparkSession session(String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    String effectiveMaster = master;
    if (effectiveMaster == null && System.getProperty("spark.master") == null) {
      effectiveMaster = "local[*]";
    }
    if (effectiveMaster != null) {
      builder.master(effectiveMaster);
    }
    if (effectiveMaster != null && effectiveMaster.startsWith("local")) {
      builder.config("spark.ui.enabled", "false");
      String scratch = System.getProperty("graphsnap.spark.scratch");
      if (scratch != null) {
        builder.config("spark.local.dir", scratch);
      }
    }
    builder.config("spark.sql.shuffle.partitions", Integer.toString(partitions()));
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The partition count: the option, or 2 per available core (at least 4). */
  int partitions() {
    return partitions > 0 ? partitions : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
