package io.graphsnap.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * PageRank over an {@link ExportedGraph} by DataFrame iterations, with exactly the conventions of the
 * in-process {@code io.graphsnap.reader.analysis.PageRank}: start vector 1/N; each iteration
 * <pre>{@code
 * rank'[v] = (1 − d)/N + d · D/N + d · Σ_{u→v} rank[u] / outdeg(u)      D = Σ rank[u] over dangling u
 * }</pre>
 * (the mass of nodes without out-edges is spread uniformly over all nodes, as NetworkX and JGraphT do; GraphX's
 * built-in PageRank drops it); every exported edge row counts, so two nodes joined by edges of two types count
 * twice in the source's out-degree; iteration stops when the L1 change {@code Σ_v |rank'[v] − rank[v]|} falls
 * below the tolerance (not scaled by N) or after the iteration limit. Ranks sum to 1.
 *
 * <p>Plan: the weighted links {@code (src, dst, 1/outdeg(src))} are hash-partitioned by {@code src}, sorted
 * within partitions and cached once (for the run, adaptive execution is off and {@code spark.sql.shuffle.partitions}
 * equals {@code partitions}, so the cached links are never shuffled again; both settings are restored after). Each iteration joins them with the ranks (only the N ranks move; small rank tables are broadcast),
 * and one aggregation by node id sums the incoming contributions together with the node's own row (its
 * previous rank and whether it is dangling), combining partial sums before the shuffle. The new ranks are
 * persisted as an RDD marked for a local checkpoint, and the job that computes them also sums the L1 change and
 * the next dangling mass: one Spark job of two stages per iteration. Re-wrapping the RDD as a DataFrame keeps
 * the query plan, and the checkpoint the RDD lineage, from growing with the iterations; the previous
 * iteration's ranks are unpersisted. Memory per executor: about one partition of links and of ranks.
 */
public final class SparkPageRank {
  /** The default damping factor (as in process). */
  public static final double DEFAULT_DAMPING = 0.85;
  /** The default L1 tolerance (as in process). */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** The default iteration limit (as in process). */
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  private static final StructType STATE = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("dangling", DataTypes.BooleanType, false)
      .add("rank", DataTypes.DoubleType, false);

  private static final StructType STATE_WITH_PREVIOUS = STATE.add("previous", DataTypes.DoubleType, false);

  /** Called on the driver after each iteration. */
  @FunctionalInterface
  public interface IterationListener {
    /** Iteration {@code iteration} (from 1) changed the ranks by {@code l1Change} in L1. */
    void afterIteration(int iteration, double l1Change);
  }

  /**
   * The outcome: {@code ranks (id int, rank double)} (persisted; call {@link #release()} when done),
   * iterations run, whether the tolerance was reached, the last L1 change and N.
   */
  public record Result(Dataset<Row> ranks, int iterations, boolean converged, double lastChange, long nodeCount,
      Runnable releaser) {
    /** Unpersists the cached ranks and links; the ranks must not be used afterwards. */
    public void release() {
      releaser.run();
    }
  }

  private SparkPageRank() {}

  /**
   * Persists {@code rows} and marks them for a local checkpoint, so that the first job computing them also cuts
   * their lineage: without it every iteration's tasks would carry all earlier iterations' RDD chain.
   */
  private static JavaRDD<Row> materialise(JavaRDD<Row> rows) {
    rows.persist(StorageLevel.MEMORY_AND_DISK());
    rows.rdd().localCheckpoint();
    return rows;
  }

  /**
   * Runs PageRank on {@code graph}.
   *
   * @param partitions the number of partitions of links and ranks (e.g. 2–4 per core)
   * @throws IllegalArgumentException if damping is outside [0, 1], the tolerance negative, the limit negative
   *     or partitions below 1
   */
  public static Result run(SparkSession spark, ExportedGraph graph, double damping, double tolerance,
      int maxIterations, int partitions, IterationListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (!(damping >= 0 && damping <= 1) || !(tolerance >= 0) || maxIterations < 0 || partitions < 1) {
      throw new IllegalArgumentException("need damping in [0, 1], tolerance >= 0, maxIterations >= 0, partitions"
          + " >= 1: actual damping=" + damping + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
          + ", partitions=" + partitions);
    }
    // Adaptive execution re-plans every stage of every iteration (and could coalesce the shuffle that the cached
    // links are partitioned for); the plan of an iteration is fixed, so switch it off for the job.
    // The shuffle partitions must equal the links' partitions, or every iteration would re-shuffle the links.
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled", "true");
    String shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions", "200");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    try {
      return iterate(spark, graph, damping, tolerance, maxIterations, partitions, listener);
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
      spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }
  }

  private static Result iterate(SparkSession spark, ExportedGraph graph, double damping, double tolerance,
      int maxIterations, int partitions, IterationListener listener) {
    Dataset<Row> edges = graph.edges().select("src", "dst");
    Dataset<Row> outDegrees = edges.groupBy("src").agg(count(lit(1)).as("degree"));
    Dataset<Row> links = edges.join(outDegrees, "src")
        .select(col("src"), col("dst"), lit(1.0).divide(col("degree")).as("w"))
        .repartition(partitions, col("src"))
        .sortWithinPartitions("src")
        .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> ids = graph.nodes().select("id");
    long n = ids.count();
    if (n == 0) {
      links.unpersist();
      return new Result(ids.withColumn("rank", lit(0.0)), 0, true, 0, 0, () -> { });
    }
    Dataset<Row> initial = ids.join(outDegrees, ids.col("id").equalTo(outDegrees.col("src")), "left_outer")
        .select(col("id"), col("src").isNull().as("dangling"), lit(1.0 / n).as("rank"));
    JavaRDD<Row> stateRows = materialise(initial.javaRDD().repartition(partitions));
    Dataset<Row> state = spark.createDataFrame(stateRows, STATE);
    double dangling = stateRows.aggregate(0.0, (acc, r) -> acc + (r.getBoolean(1) ? r.getDouble(2) : 0.0), Double::sum);

    double change = Double.NaN;
    int iteration = 0;
    boolean converged = false;
    while (iteration < maxIterations) {
      double teleport = (damping * dangling + (1 - damping)) / n;
      // One shuffle: each node's in-coming contributions and its own row meet in one aggregation.
      Dataset<Row> contributions = links
          .join(state.select(col("id").as("src"), col("rank")), "src")
          .select(col("dst").as("id"), col("rank").multiply(col("w")).as("c"),
              lit(null).cast(DataTypes.DoubleType).as("previous"), lit(null).cast(DataTypes.BooleanType).as("dangling"));
      Dataset<Row> own = state.select(col("id"), lit(0.0).as("c"), col("rank").as("previous"), col("dangling"));
      Dataset<Row> next = own.unionByName(contributions)
          .groupBy("id")
          .agg(sum("c").as("incoming"), max("previous").as("previous"), max("dangling").as("dangling"));
      // The teleport term changes every iteration: applied here, outside the query plan, so that the plan (and its
      // generated code, which inlines literals) is the same in every iteration and compiled once.
      double d = damping;
      JavaRDD<Row> nextRows = materialise(next.javaRDD().map(r -> RowFactory.create(r.getInt(0), r.getBoolean(3),
          teleport + d * r.getDouble(1), r.getDouble(2))));
      // Computes (and caches) the new ranks and, in the same job, the L1 change and the next dangling mass.
      double[] sums = nextRows.aggregate(new double[2], (acc, r) -> {
        acc[0] += Math.abs(r.getDouble(2) - r.getDouble(3));
        acc[1] += r.getBoolean(1) ? r.getDouble(2) : 0.0;
        return acc;
      }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
      change = sums[0];
      dangling = sums[1];
      stateRows.unpersist(false);
      stateRows = nextRows;
      state = spark.createDataFrame(nextRows, STATE_WITH_PREVIOUS).select("id", "dangling", "rank");
      iteration++;
      listener.afterIteration(iteration, change);
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    JavaRDD<Row> finalRows = stateRows;
    return new Result(state.select("id", "rank"), iteration, converged, change, n, () -> {
      finalRows.unpersist(false);
      links.unpersist();
    });
  }
}
