package io.graphsnap.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Weakly connected components (edge directions ignored) with GraphX's {@code ConnectedComponents}: label
 * propagation in Pregel where each vertex takes the smallest vertex id it hears of, over edges in both
 * directions. Each component is labelled by its smallest node id, so labels equal the in-process
 * {@code io.graphsnap.export.WeakComponents.labels} one for one. Nodes without edges are components of their
 * own. Cost: one Spark job per superstep, about the largest component's diameter.
 */
public final class SparkComponents {
  private static final ClassTag<Object> BYTE = ClassTag$.MODULE$.Byte();
  private static final ClassTag<Object> INT = ClassTag$.MODULE$.Int();
  private static final StructType LABELS = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("component", DataTypes.IntegerType, false);

  private SparkComponents() {}

  /** Every node's component label, as {@code (id int, component int)}. */
  public static Dataset<Row> run(SparkSession spark, ExportedGraph graph) {
    JavaRDD<Tuple2<Object, Object>> vertices = graph.nodes().select("id").javaRDD()
        .map(r -> new Tuple2<>((Object) (long) r.getInt(0), (Object) 0));
    JavaRDD<Edge<Object>> edges = graph.edges().select("src", "dst").javaRDD()
        .map(r -> new Edge<Object>(r.getInt(0), r.getInt(1), (byte) 0));
    Graph<Object, Object> g = Graph.apply(vertices.rdd(), edges.rdd(), 0, StorageLevel.MEMORY_AND_DISK(),
        StorageLevel.MEMORY_AND_DISK(), INT, BYTE);
    Graph<Object, Object> labelled = ConnectedComponents.run(g, INT, BYTE);
    JavaRDD<Row> rows = labelled.vertices().toJavaRDD()
        .map(t -> RowFactory.create((int) (long) (Long) t._1(), (int) (long) (Long) t._2()));
    return spark.createDataFrame(rows, LABELS);
  }
}
