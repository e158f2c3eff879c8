package io.graphsnap.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a run's machine was quiet enough to judge goals on, from what each process recorded: the bandwidth
 * probe of each repetition against the run's best (and against {@code --expect-bandwidth}, the machine's usual
 * figure, when given), and the CPU share other processes took while each system ran ({@link MachineNoise}).
 *
 * <p>What a flag voids: each system runs alone in its own process, one after the other, so a disturbance during one
 * system's process changes that system's timings only. A timing goal is judged only if neither process it compares
 * (graphsnap's and the peer's) was flagged in any repetition ({@link #disturbs}); a repetition whose bandwidth
 * probe read below the bar voids every timing goal of the run. The probe's own process is flagged like any other,
 * which by itself voids nothing: noise can only slow the probe down, and its figure is checked directly. Sizes on
 * disk do not depend on timing and are judged whatever the noise. Immutable.
 *
 * @param flags what was out of bounds, one line each; empty on a quiet run
 * @param disturbed the systems whose process was flagged in at least one repetition
 * @param everything whether a flag voids every timing of the run (a repetition's bandwidth below the bar or missing)
 */
public record Noise(List<String> flags, Set<String> disturbed, boolean everything) {
  /** Copies the collections. */
  public Noise {
    flags = List.copyOf(flags);
    disturbed = Set.copyOf(disturbed);
  }

  /** A repetition whose bandwidth is below this share of the run's best (or of the expected figure) is noisy. */
  public static final double BANDWIDTH_SHARE = 0.8;
  /** A system process during which other processes used more than this share of all cores is noisy. */
  public static final double FOREIGN_CPU = 0.10;

  /** Whether any flag was raised. */
  public boolean noisy() {
    return !flags.isEmpty();
  }

  /** Whether a timing that compares the processes of {@code systems} was disturbed (see the class comment). */
  public boolean disturbs(String... systems) {
    if (everything) {
      return true;
    }
    for (String system : systems) {
      if (disturbed.contains(system)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The flags of a run.
   *
   * @param reps each repetition's results by system
   * @param expectedBandwidth the machine's usual 1-thread mapped read speed in bytes/s, NaN if not given
   */
  public static Noise of(List<Map<String, SystemResult>> reps, double expectedBandwidth) {
    List<String> flags = new ArrayList<>();
    Set<String> disturbed = new TreeSet<>();
    boolean everything = false;
    double best = 0;
    for (Map<String, SystemResult> rep : reps) {
      best = Math.max(best, bandwidth(rep));
    }
    for (int i = 0; i < reps.size(); i++) {
      Map<String, SystemResult> rep = reps.get(i);
      double bw = bandwidth(rep);
      if (!(bw > 0)) {
        flags.add(String.format(Locale.ROOT, "repetition %d: no bandwidth figure", i + 1));
        everything = true;
      } else if (bw < BANDWIDTH_SHARE * best) {
        everything = true;
        flags.add(String.format(Locale.ROOT, "repetition %d: bandwidth %.2f GB/s, below %.0f %% of the run's best"
            + " (%.2f GB/s)", i + 1, bw / 1e9, 100 * BANDWIDTH_SHARE, best / 1e9));
      } else if (expectedBandwidth > 0 && bw < BANDWIDTH_SHARE * expectedBandwidth) {
        everything = true;
        flags.add(String.format(Locale.ROOT, "repetition %d: bandwidth %.2f GB/s, below %.0f %% of the expected"
            + " %.2f GB/s", i + 1, bw / 1e9, 100 * BANDWIDTH_SHARE, expectedBandwidth / 1e9));
      }
      for (var e : rep.entrySet()) {
        double share = e.getValue().number("noise.foreignCpu");
        if (Double.isNaN(share)) {
          disturbed.add(e.getKey()); // not shown quiet: its goals are not judged
          flags.add(String.format(Locale.ROOT, "repetition %d, %s: its process recorded no noise figure", i + 1,
              e.getKey()));
        } else if (share > FOREIGN_CPU) {
          disturbed.add(e.getKey());
          flags.add(String.format(Locale.ROOT, "repetition %d, %s: other processes used %.0f %% of the CPUs%s"
              + " (1-min load average %.1f at its start)", i + 1, e.getKey(), 100 * share, parts(e.getValue()),
              e.getValue().number("noise.loadavg")));
        }
      }
    }
    return new Noise(flags, disturbed, everything);
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
