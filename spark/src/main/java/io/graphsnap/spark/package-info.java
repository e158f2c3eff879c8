/**
 * Spark jobs over a graphsnap Parquet export, for graphs past one machine: {@link io.graphsnap.spark.SparkPageRank}
 * (DataFrame iterations, the in-process conventions), {@link io.graphsnap.spark.SparkReach} (Pregel BFS) and
 * {@link io.graphsnap.spark.SparkComponents} (GraphX connected components).
 *
 * <p>Life cycle: {@code graphsnap export --format parquet DIR}; start a {@code SparkSession}; open the export with
 * {@link io.graphsnap.spark.ExportedGraph#read}; run a job, which returns a DataFrame keyed by node id; join it with
 * {@code nodes()} for names; stop the session. From the command line, {@link io.graphsnap.spark.GraphsnapSpark}
 * does all of that ({@code ./graphsnap spark ...} locally, {@code spark-submit} on a cluster). Compiled for Java 17,
 * the oldest JDK Spark 4 runs on.
 */
package io.graphsnap.spark;
