package io.graphsnap.bench.harness;

import io.graphsnap.bench.Scale;
import java.nio.file.Path;

/**
 * What one harness run works on, shared by all systems: the synthetic graph's scale and seed (graphsnap
 * regenerates the files from them), the resolved graph file the peers load, the questions and the settings.
 * Immutable.
 *
 * @param dir the run's working folder; each system keeps its files in {@code dir/<system>/}
 * @param scale the synthetic graph's scale
 * @param files the number of files of the graph (the scale's, unless overridden)
 * @param seed the synthetic graph's seed
 * @param settings repetition and sample sizes
 * @param repetition which full repetition of the run this is (1, 2, …; 0 for a run without repetitions): each
 *     keeps its results in its own folder
 */
public record Workload(Path dir, Scale scale, int files, long seed, Settings settings, int repetition) {
  /** A workload outside any repetition (results directly under {@code dir/results}). */
  public Workload(Path dir, Scale scale, int files, long seed, Settings settings) {
    this(dir, scale, files, seed, settings, 0);
  }

  /** The same workload in repetition {@code r}. */
  public Workload repetition(int r) {
    return new Workload(dir, scale, files, seed, settings, r);
  }

  /** The folder of this repetition's results. */
  public Path resultsDir() {
    return repetition == 0 ? dir.resolve("results") : dir.resolve("results").resolve("rep-" + repetition);
  }

  /** The resolved graph every peer loads. */
  public Path resolvedGraph() {
    return dir.resolve("graph.resolved");
  }

  /** graphsnap's Parquet export of the graph ({@code nodes.parquet}, {@code edges.parquet}), which DuckDB loads. */
  public Path parquetDir() {
    return dir.resolve("parquet");
  }

  /** The questions. */
  public Path queries() {
    return dir.resolve("queries.bin");
  }

  /** The folder of {@code system}'s own files. */
  public Path systemDir(String system) {
    return dir.resolve(system);
  }

  /** Where {@code system}'s results are written. */
  public Path resultFile(String system) {
    return resultsDir().resolve(system + ".properties");
  }

  /** Where {@code system}'s PageRank vector is written for the comparison. */
  public Path pageRankFile(String system) {
    return resultsDir().resolve(system + ".pagerank");
  }
}
