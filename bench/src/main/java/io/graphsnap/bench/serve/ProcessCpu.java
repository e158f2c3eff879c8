package io.graphsnap.bench.serve;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time this process has used (all its threads: the load's, the JIT's, the GC's), split into user and
 * system time in the proportion of Linux's {@code /proc/self/stat} (clock ticks; the total is the JVM's nanosecond
 * count). Elsewhere the split is unknown and everything counts as user time. Immutable.
 *
 * @param nanos user and system CPU time
 * @param userTicks user time in clock ticks (0 if unknown)
 * @param systemTicks system time in clock ticks (0 if unknown)
 */
record ProcessCpu(long nanos, long userTicks, long systemTicks) {
  /** Now. */
  static ProcessCpu now() {
    long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new ProcessCpu(nanos, Long.parseLong(f[11]), Long.parseLong(f[12])); // utime, stime (fields 14, 15)
    } catch (IOException | RuntimeException e) {
      return new ProcessCpu(nanos, 0, 0);
    }
  }

  /** The time used since {@code earlier}. */
  ProcessCpu minus(ProcessCpu earlier) {
    return new ProcessCpu(nanos - earlier.nanos, userTicks - earlier.userTicks, systemTicks - earlier.systemTicks);
  }

  /** One report line: this time per request of {@code requests}. */
  String perRequest(String label, long requests) {
    long ticks = userTicks + systemTicks;
    double user = ticks > 0 ? (double) userTicks / ticks : 1;
    double micros = requests > 0 ? nanos / 1e3 / requests : 0;
    return String.format("client CPU %s: %.1f µs/request (user %.1f, system %.1f; this process's threads, all of"
        + " them, during the measured run)", label, micros, micros * user, micros * (1 - user));
  }
}
