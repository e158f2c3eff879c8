package io.graphsnap.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a run's machine was quiet enough to judge goals on, from what each process recorded: the bandwidth
 * probe of each repetition against the run's best (and against {@code --expect-bandwidth}, the machine's usual
 * figure, when given), and the CPU share other processes took while each system ran ({@link MachineNoise}). A run
 * with any flag is noisy: its report gives every figure but marks no goal met or missed. Immutable.
 *
 * @param flags what was out of bounds, one line each; empty on a quiet run
 */
public record Noise(List<String> flags) {
  /** A repetition whose bandwidth is below this share of the run's best (or of the expected figure) is noisy. */
  public static final double BANDWIDTH_SHARE = 0.8;
  /** A system process during which other processes used more than this share of all cores is noisy. */
  public static final double FOREIGN_CPU = 0.10;

  /** Whether any flag was raised. */
  public boolean noisy() {
    return !flags.isEmpty();
  }

  /**
   * The flags of a run.
   *
   * @param reps each repetition's results by system
   * @param expectedBandwidth the machine's usual 1-thread mapped read speed in bytes/s, NaN if not given
   */
  public static Noise of(List<Map<String, SystemResult>> reps, double expectedBandwidth) {
    List<String> flags = new ArrayList<>();
    double best = 0;
    for (Map<String, SystemResult> rep : reps) {
      best = Math.max(best, bandwidth(rep));
    }
    for (int i = 0; i < reps.size(); i++) {
      Map<String, SystemResult> rep = reps.get(i);
      double bw = bandwidth(rep);
      if (!(bw > 0)) {
        flags.add(String.format(Locale.ROOT, "repetition %d: no bandwidth figure", i + 1));
      } else if (bw < BANDWIDTH_SHARE * best) {
        flags.add(String.format(Locale.ROOT, "repetition %d: bandwidth %.2f GB/s, below %.0f %% of the run's best"
            + " (%.2f GB/s)", i + 1, bw / 1e9, 100 * BANDWIDTH_SHARE, best / 1e9));
      } else if (expectedBandwidth > 0 && bw < BANDWIDTH_SHARE * expectedBandwidth) {
        flags.add(String.format(Locale.ROOT, "repetition %d: bandwidth %.2f GB/s, below %.0f %% of the expected"
            + " %.2f GB/s", i + 1, bw / 1e9, 100 * BANDWIDTH_SHARE, expectedBandwidth / 1e9));
      }
      for (var e : rep.entrySet()) {
        double share = e.getValue().number("noise.foreignCpu");
        if (share > FOREIGN_CPU) {
          flags.add(String.format(Locale.ROOT, "repetition %d, %s: other processes used %.0f %% of the CPUs%s"
              + " (1-min load average %.1f at its start)", i + 1, e.getKey(), 100 * share, parts(e.getValue()),
              e.getValue().number("noise.loadavg")));
        }
      }
    }
    return new Noise(List.copyOf(flags));
  }

  /**
   * ": user code u %, kernel k %, hypervisor steal s %" for a result that recorded the parts of its foreign CPU
   * share ({@link MachineNoise.Shares}), else "".
   */
  static String parts(SystemResult r) {
    double user = r.number("noise.foreignUser");
    double kernel = r.number("noise.foreignKernel");
    double steal = r.number("noise.steal");
    if (Double.isNaN(user) || Double.isNaN(kernel) || Double.isNaN(steal)) {
      return "";
    }
    return String.format(Locale.ROOT, ": user code %.0f %%, kernel %.0f %%, hypervisor steal %.0f %%", 100 * user,
        100 * kernel, 100 * steal);
  }

  private static double bandwidth(Map<String, SystemResult> rep) {
    SystemResult bw = rep.get(SystemRunner.BANDWIDTH);
    return bw == null ? Double.NaN : bw.number("bandwidth.threads.1.bytesPerSecond");
  }
}
