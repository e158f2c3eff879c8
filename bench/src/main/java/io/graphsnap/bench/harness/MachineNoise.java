package io.graphsnap.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the rest of the machine was while one system's process ran: the CPU time every process spent (from
 * {@code /proc/stat}) minus this process's own (from {@code /proc/self/stat}), as a share of the machine's cores
 * over the same wall time. A quiet machine shows a few per cent (kernel threads, the waiting harness, the
 * system's own write-back); other jobs show as tens of per cent. Linux only; elsewhere {@link #share()} is NaN.
 * Not thread-safe: one per process.
 */
public final class MachineNoise {
  /** Clock ticks per second of {@code /proc} figures (USER_HZ, 100 on Linux). */
  private static final double HZ = 100;
  private final long startBusy;
  private final long startOwn;
  private final long startNanos = System.nanoTime();

  private MachineNoise(long busy, long own) {
    this.startBusy = busy;
    this.startOwn = own;
  }

  /** Starts measuring now. */
  public static MachineNoise start() {
    return new MachineNoise(busyTicks(), ownTicks());
  }

  /** Other processes' CPU use since {@link #start()}, as a share of all cores (0.5 = one of two cores busy). */
  public double share() {
    long busy = busyTicks();
    long own = ownTicks();
    if (busy < 0 || own < 0 || startBusy < 0 || startOwn < 0) {
      return Double.NaN;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    double foreign = ((busy - startBusy) - (own - startOwn)) / HZ;
    return Math.max(0, foreign / (seconds * cores));
  }

  /** The 1-minute load average, or NaN. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Ticks all CPUs spent busy (user, nice, system, irq, softirq, steal), or -1. */
  private static long busyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** This process's user + system ticks (all threads), or -1. */
  private static long ownTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
