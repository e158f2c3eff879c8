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
 */
public record Workload(Path dir, Scale scale, int files, long seed, Settings settings) {
  /** The resolved graph every peer loads. */
  public Path resolvedGraph() {
    return dir.resolve("graph.resolved");
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
    return dir.resolve("results").resolve(system + ".properties");
  }

  /** Where {@code system}'s PageRank vector is written for the comparison. */
  public Path pageRankFile(String system) {
    return dir.resolve("results").resolve(system + ".pagerank");
  }
}
