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
  private final boolean withChildren;
  private final long[] startMachine;
  private final long[] startOwn;
  private final long startNanos = System.nanoTime();

  private MachineNoise(boolean withChildren) {
    this.withChildren = withChildren;
    this.startMachine = machineTicks();
    this.startOwn = ownTicks(withChildren);
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

  /** Starts measuring now; this process's own CPU time is not foreign. */
  public static MachineNoise start() {
    return new MachineNoise(false);
  }

  /**
   * Starts measuring now for a system that runs in a child process of this one (Neo4j on its own JDK): the CPU time
   * of this process and of its children that have ended and been waited for is not foreign. So {@link #shares()}
   * is meaningful once the child has been waited for ({@link Process#waitFor()}), which adds its time to this
   * process's {@code cutime} and {@code cstime}.
   */
  public static MachineNoise startWithChildren() {
    return new MachineNoise(true);
  }

  /** Other processes' CPU use since {@link #start()}, as a share of all cores (0.5 = one of two cores busy). */
  public double share() {
    return shares().total();
  }

  /** {@link #share()} split into its parts. */
  public Shares shares() {
    long[] machine = machineTicks();
    long[] own = ownTicks(withChildren);
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

  /**
   * This process's user and system ticks (all threads), plus those of its waited-for children if {@code
   * withChildren}; or null.
   */
  private static long[] ownTicks(boolean withChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // after "pid (comm) ": state is field 3 of proc(5), so utime (14), stime (15), cutime (16), cstime (17) are 11-14
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long user = Long.parseLong(f[11]);
      long system = Long.parseLong(f[12]);
      if (withChildren) {
        user += Long.parseLong(f[13]);
        system += Long.parseLong(f[14]);
      }
      return new long[] {user, system};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
