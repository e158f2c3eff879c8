package io.graphsnap.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A graphsnap Parquet export ({@code graphsnap export --format parquet DIR}) opened as two DataFrames:
 * {@code nodes (id int, name string, kind string, file string, effects array<string>)} and
 * {@code edges (src int, dst int, type string)}, optionally restricted to some edge types. The schema is
 * documented in {@code io.graphsnap.export.ParquetSchema}; {@code DIR} may be any path Spark reads
 * ({@code file:}, {@code hdfs:}, {@code s3a:}, …).
 *
 * <p>Immutable; the DataFrames are lazy and re-read the files on each action unless the jobs cache them.
 */
public final class ExportedGraph {
  private final String directory;
  private final Dataset<Row> nodes;
  private final Dataset<Row> edges;
  private final List<String> types;

  private ExportedGraph(String directory, Dataset<Row> nodes, Dataset<Row> edges, List<String> types) {
    this.directory = directory;
    this.nodes = nodes;
    this.edges = edges;
    this.types = types;
  }

  /**
   * Opens {@code directory}'s {@code nodes.parquet} and {@code edges.parquet}, keeping only edges whose type
   * is in {@code edgeTypes} (all when empty). Reads only the Parquet footers.
   *
   * @throws IllegalArgumentException if a file lacks a column of the schema (the message names the file)
   */
  public static ExportedGraph read(SparkSession spark, String directory, List<String> edgeTypes) {
    Objects.requireNonNull(directory, "directory");
    String base = directory.endsWith("/") ? directory : directory + "/";
    Dataset<Row> nodes = spark.read().parquet(base + "nodes.parquet");
    Dataset<Row> edges = spark.read().parquet(base + "edges.parquet");
    requireColumns(base + "nodes.parquet", nodes, "id", "name", "kind", "file", "effects");
    requireColumns(base + "edges.parquet", edges, "src", "dst", "type");
    List<String> types = List.copyOf(edgeTypes);
    if (!types.isEmpty()) {
      edges = edges.filter(col("type").isin(types.toArray()));
    }
    return new ExportedGraph(base, nodes, edges, types);
  }

  /** All node rows. */
  public Dataset<Row> nodes() {
    return nodes;
  }

  /** The edge rows of the selected types. */
  public Dataset<Row> edges() {
    return edges;
  }

  /** The selected edge types; empty for all. */
  public List<String> edgeTypes() {
    return types;
  }

  /** The export directory, with a trailing slash. */
  public String directory() {
    return directory;
  }

  /**
   * The node ids of {@code names}, in the order given.
   *
   * @throws IllegalArgumentException listing every name the export does not have
   */
  public int[] ids(List<String> names) {
    List<Row> rows = nodes.filter(col("name").isin(names.toArray())).select("name", "id").collectAsList();
    int[] ids = new int[names.size()];
    Arrays.fill(ids, -1);
    for (Row r : rows) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals(r.getString(0))) {
          ids[i] = r.getInt(1);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0) {
        missing.add(names.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("not found in " + directory + "nodes.parquet: " + missing);
    }
    return ids;
  }

  private static void requireColumns(String file, Dataset<Row> frame, String... columns) {
    List<String> present = Arrays.asList(frame.columns());
    for (String c : columns) {
      if (!present.contains(c)) {
        throw new IllegalArgumentException(file + " is not a graphsnap export: column '" + c + "' missing (has "
            + present + ")");
      }
    }
  }
}
