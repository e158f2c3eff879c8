package io.graphsnap.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

/**
 * Measures a loaded {@link GraphSystem}'s sub-millisecond operations with JMH in this JVM (no fork: the
 * harness already gives each system its own process): installs the system for {@link SystemOpsBenchmark},
 * runs one of its methods, and returns the median of the measurement iterations' scores, in nanoseconds per
 * operation. Not thread-safe: one measurement at a time per JVM.
 */
public final class LatencyProbe {
  private static volatile GraphSystem system;
  private static volatile Queries queries;
  private static volatile int typeId;

  private LatencyProbe() {}

  static GraphSystem system() {
    return system;
  }

  static Queries queries() {
    return queries;
  }

  static int typeId() {
    return typeId;
  }

  /**
   * The median ns/op of {@code SystemOpsBenchmark.<operation>} over {@code target}.
   *
   * @param operation {@code lookupHit}, {@code lookupMiss}, {@code neighbours} or {@code query}
   */
  public static double measure(GraphSystem target, Queries q, int neighbourTypeId, Settings settings,
      String operation) throws RunnerException {
    system = target;
    queries = q;
    typeId = neighbourTypeId;
    try {
      Options options = new OptionsBuilder()
          .include(SystemOpsBenchmark.class.getName() + "\\." + operation + "$")
          .forks(0)
          .threads(1)
          .mode(Mode.AverageTime)
          .timeUnit(TimeUnit.NANOSECONDS)
          .warmupIterations(settings.jmhWarmups())
          .warmupTime(TimeValue.milliseconds(settings.jmhMillis()))
          .measurementIterations(settings.jmhIterations())
          .measurementTime(TimeValue.milliseconds(settings.jmhMillis()))
          .shouldFailOnError(true)
          .verbosity(VerboseMode.SILENT)
          .build();
      RunResult result = new Runner(options).runSingle();
      List<Double> scores = new ArrayList<>();
      for (BenchmarkResult b : result.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          scores.add(i.getPrimaryResult().getScore());
        }
      }
      if (scores.isEmpty()) {
        throw new RunnerException("JMH returned no iterations for " + operation + " on " + target.name());
      }
      return Timing.median(scores.stream().mapToDouble(Double::doubleValue).toArray());
    } finally {
      system = null;
      queries = null;
    }
  }
}
