package io.graphsnap.cli.fuzz;

import java.lang.management.ManagementFactory;

/** Prints one line per fuzz target at the end of a run: inputs tried and target-specific counters. */
final class FuzzStats {
  private FuzzStats() {}

  static void print(String target, long inputs, String detail) {
    long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    System.out.printf("fuzz-stats: target=\"%s\" inputs=%d %s (JVM up %d s)%n", target, inputs, detail, uptimeSeconds);
  }
}
