package io.graphsnap.bench.harness;

import io.graphsnap.bench.Scale;

/**
 * How much repetition and how many questions a harness run uses. Immutable.
 *
 * @param samples lookups, misses and neighbour nodes drawn (each system answers all of them once for the check)
 * @param bfsSources BFS sources drawn
 * @param loadWarmups unmeasured builds/loads before the measured ones
 * @param loadRepeats measured builds/loads (the median is reported)
 * @param repeats measured runs of each BFS source and of PageRank
 * @param budgetSeconds a measured series stops early (after at least one run) once it took this long
 * @param jmhWarmups JMH warm-up iterations for the sub-millisecond operations
 * @param jmhIterations JMH measurement iterations (the median of their scores is reported)
 * @param jmhMillis length of one JMH iteration
 * @param pageRankIterations PageRank iterations (fixed, so that every system does the same work)
 * @param bandwidthBytes size of the file read sequentially for the bandwidth line
 */
public record Settings(int samples, int bfsSources, int loadWarmups, int loadRepeats, int repeats,
    double budgetSeconds, int jmhWarmups, int jmhIterations, int jmhMillis, int pageRankIterations,
    long bandwidthBytes) {

  /** PageRank's damping factor, as in JGraphT and NetworkX. */
  public static final double DAMPING = 0.85;

  /** The settings for {@code scale}; {@code quick} shrinks everything for tests and smoke runs. */
  public static Settings of(Scale scale, boolean quick) {
    if (quick) {
      return new Settings(512, 3, 1, 1, 2, 5, 1, 2, 50, 5, 16L << 20);
    }
    return switch (scale) {
      case TINY -> new Settings(4096, 8, 1, 5, 5, 30, 3, 5, 500, 20, 64L << 20);
      case SMALL -> new Settings(4096, 4, 1, 3, 5, 60, 3, 5, 1000, 20, 512L << 20);
      // One load per repetition at medium (the repetitions repeat it): ten systems, three repetitions.
      case MEDIUM -> new Settings(4096, 4, 0, 1, 3, 120, 3, 5, 1000, 20, 2L << 30);
      case LARGE -> new Settings(4096, 2, 0, 1, 1, 300, 3, 5, 1000, 20, 4L << 30);
      case HUGE -> new Settings(4096, 2, 0, 1, 1, 600, 3, 5, 1000, 10, 8L << 30);
    };
  }
}
