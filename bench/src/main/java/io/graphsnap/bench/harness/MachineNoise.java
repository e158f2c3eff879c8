package io.graphsnap.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the rest of the machine was while one system's process ran: the CPU time every process spent (from
 * {@code /proc/stat}) minus this process's own (from {@code /proc/self/stat}), as a share of the machine's cores
 * over the same wall time, split into other processes' user code, kernel work and hypervisor steal ({@link Shares}).
 * A quiet machine shows a few per cent (kernel threads, the waiting harness, the system's own write-back); other
 * jobs show as tens of per cent of user code. Linux only; elsewhere {@link #share()} is NaN.
 * Not thread-safe: one per process.
 */
public final class MachineNoise {
  /** Clock ticks per second of {@code /proc} figures (USER_HZ, 100 on Linux). */
  private static final double HZ = 100;
  private final long[] startMachine;
  private final long[] startOwn;
  private final long startNanos = System.nanoTime();

  private MachineNoise(long[] machine, long[] own) {
    this.startMachine = machine;
    this.startOwn = own;
  }

  /**
   * Where other processes' CPU share went, each as a share of all cores (0.5 = one of two cores busy): user code
   * of other processes ({@code user} + {@code nice} minus this process's user time: other jobs), kernel work not
   * charged to this process ({@code system} + {@code irq} + {@code softirq} minus its system time: write-back and
   * interrupts, often caused by this process's own I/O), and time the hypervisor gave the virtual CPUs to others
   * ({@code steal}). Any part is NaN where {@code /proc} cannot be read.
   */
  public record Shares(double user, double kernel, double steal) {
    /** The sum of the three parts: other processes' CPU use as {@link #share()} reports it. */
    public double total() {
      return user + kernel + steal;
    }
  }

  /** Starts measuring now. */
  public static MachineNoise start() {
    return new MachineNoise(machineTicks(), ownTicks());
  }

  /** Other processes' CPU use since {@link #start()}, as a share of all cores (0.5 = one of two cores busy). */
  public double share() {
    return shares().total();
  }

  /** {@link #share()} split into its parts. */
  public Shares shares() {
    long[] machine = machineTicks();
    long[] own = ownTicks();
    if (machine == null || own == null || startMachine == null || startOwn == null) {
      return new Shares(Double.NaN, Double.NaN, Double.NaN);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double capacity = seconds * Runtime.getRuntime().availableProcessors() * HZ;
    double user = (machine[0] - startMachine[0]) - (own[0] - startOwn[0]);
    double kernel = (machine[1] - startMachine[1]) - (own[1] - startOwn[1]);
    double steal = machine[2] - startMachine[2];
    return new Shares(Math.max(0, user / capacity), Math.max(0, kernel / capacity), Math.max(0, steal / capacity));
  }

  /** The 1-minute load average, or NaN. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Ticks all CPUs spent in user code (user, nice), in the kernel (system, irq, softirq) and stolen; or null. */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return new long[] {
        Long.parseLong(f[1]) + Long.parseLong(f[2]),
        Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]),
        Long.parseLong(f[8])
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** This process's user and system ticks (all threads), or null. */
  private static long[] ownTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
