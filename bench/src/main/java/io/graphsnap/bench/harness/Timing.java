package io.graphsnap.bench.harness;

import java.util.Arrays;

/**
 * Wall-clock medians of repeated runs after warm-up, for operations too long or too stateful for JMH (builds,
 * loads, BFS, PageRank). Stateless.
 */
public final class Timing {
  private Timing() {}

  /** Work that may fail. */
  @FunctionalInterface
  public interface Task {
    /** Runs once. */
    void run() throws Exception;
  }

  /** A median and the number of measured runs it is the median of. */
  public record Sample(double seconds, int runs) {}

  /**
   * Runs {@code task} {@code warmups} times unmeasured, then measures up to {@code repeats} runs, stopping
   * early (after at least one) once the measured runs have taken {@code budgetSeconds}; returns their median.
   */
  public static Sample median(int warmups, int repeats, double budgetSeconds, Task task) throws Exception {
    for (int i = 0; i < warmups; i++) {
      task.run();
    }
    double[] times = new double[Math.max(1, repeats)];
    int runs = 0;
    double spent = 0;
    while (runs < times.length && (runs == 0 || spent < budgetSeconds)) {
      long start = System.nanoTime();
      task.run();
      double t = (System.nanoTime() - start) / 1e9;
      times[runs++] = t;
      spent += t;
    }
    return new Sample(median(Arrays.copyOf(times, runs)), runs);
  }

  /** The median of {@code values} (the mean of the middle two for an even count); sorts the array. */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** Runs {@code System.gc()} a few times so that one phase's garbage does not bill the next. */
  public static void settle() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Heap in use after {@link #settle()}, in bytes. */
  public static long usedHeap() {
    settle();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
