package io.graphsnap.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.EdgeDirection;
import org.apache.spark.graphx.EdgeTriplet;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.Pregel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.AbstractFunction3;

/**
 * Reachability from a set of sources by breadth-first search in GraphX's Pregel: every vertex holds its depth
 * ({@link #UNREACHED} until reached, 0 for the sources); in each superstep a vertex reached in the previous one
 * offers {@code depth + 1} along its out-edges (in-edges for {@code reverse}), and a vertex keeps the smallest
 * offer. Superstep k settles depth k, so {@code maxDepth} bounds the supersteps, and only vertices reached in
 * the previous superstep send. Same answer as the in-process {@code Reachability.reach}: the reached set with
 * each node's BFS depth, sources at depth 0.
 *
 * <p>Cost: one Spark job per BFS level (the graph's depth from the sources), each touching the edges of the
 * previous level's vertices. Edges of a filtered type are dropped before the graph is built.
 */
public final class SparkReach {
  /** The depth of a vertex not (yet) reached. */
  public static final int UNREACHED = Integer.MAX_VALUE;

  private static final ClassTag<Object> INT = ClassTag$.MODULE$.Int();
  private static final ClassTag<Object> BYTE = ClassTag$.MODULE$.Byte();

  private static final StructType REACHED = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("depth", DataTypes.IntegerType, false);

  private SparkReach() {}

  /**
   * The nodes reachable from {@code sources} within {@code maxDepth} hops ({@code < 0}: no limit), as
   * {@code (id int, depth int)}, following edges forward or, with {@code reverse}, backward.
   */
  public static Dataset<Row> run(SparkSession spark, ExportedGraph graph, int[] sources, boolean reverse,
      int maxDepth) {
    int[] sorted = Arrays.stream(sources).sorted().distinct().toArray();
    JavaRDD<Tuple2<Object, Object>> vertices = graph.nodes().select("id").javaRDD()
        .map(r -> new Tuple2<>((Object) (long) r.getInt(0),
            (Object) (Arrays.binarySearch(sorted, r.getInt(0)) >= 0 ? 0 : UNREACHED)));
    JavaRDD<Edge<Object>> edges = graph.edges().select("src", "dst").javaRDD()
        .map(r -> reverse ? new Edge<Object>(r.getInt(1), r.getInt(0), (byte) 0)
            : new Edge<Object>(r.getInt(0), r.getInt(1), (byte) 0));
    Graph<Object, Object> g = Graph.apply(vertices.rdd(), edges.rdd(), UNREACHED, StorageLevel.MEMORY_AND_DISK(),
        StorageLevel.MEMORY_AND_DISK(), INT, BYTE);
    Graph<Object, Object> searched = Pregel.apply(g, UNREACHED, maxDepth < 0 ? Integer.MAX_VALUE : maxDepth,
        EdgeDirection.Out(), new KeepSmallest(), new Offer(), new Smallest(), INT, BYTE, INT);
    JavaRDD<Row> reached = searched.vertices().toJavaRDD()
        .filter(t -> (Integer) t._2() != UNREACHED)
        .map(t -> RowFactory.create((int) (long) (Long) t._1(), t._2()));
    return spark.createDataFrame(reached, REACHED);
  }

  /** vprog: a vertex keeps the smaller of its depth and the best offer. */
  static final class KeepSmallest extends AbstractFunction3<Object, Object, Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object vertex, Object depth, Object offer) {
      return Math.min((Integer) depth, (Integer) offer);
    }
  }

  /** sendMsg: a reached source offers depth + 1 to a target that has none as good. */
  static final class Offer extends AbstractFunction1<EdgeTriplet<Object, Object>, Iterator<Tuple2<Object, Object>>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<Object, Object>> apply(EdgeTriplet<Object, Object> t) {
      int from = (Integer) t.srcAttr();
      if (from != UNREACHED && from + 1 < (Integer) t.dstAttr()) {
        return scala.package$.MODULE$.Iterator().single(new Tuple2<>((Object) t.dstId(), (Object) (from + 1)));
      }
      return scala.package$.MODULE$.Iterator().empty();
    }
  }

  /** mergeMsg: the smaller offer wins. */
  static final class Smallest extends AbstractFunction2<Object, Object, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object a, Object b) {
      return Math.min((Integer) a, (Integer) b);
    }
  }
}
