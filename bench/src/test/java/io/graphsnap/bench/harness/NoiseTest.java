package io.graphsnap.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseTest {
  @Test
  void anotherProcessBurningCpuShowsAsForeignUserCode() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    MachineNoise noise = MachineNoise.start();
    Process busy = new ProcessBuilder("sh", "-c", "end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do :; done")
        .start();
    assertEquals(0, busy.waitFor());
    MachineNoise.Shares shares = noise.shares();
    int cores = Runtime.getRuntime().availableProcessors();
    // the shell's loop (and the date processes it starts) kept about one core busy
    assertTrue((shares.user() + shares.kernel()) * cores > 0.5, shares.toString());
    assertEquals(shares.user() + shares.kernel() + shares.steal(), noise.share(), 0.02);
  }

  @Test
  void aWaitedForChildIsNotForeignWhenMeasuredWithChildren() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    MachineNoise plain = MachineNoise.start();
    MachineNoise withChildren = MachineNoise.startWithChildren();
    Process busy = new ProcessBuilder("sh", "-c", "end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do :; done")
        .start();
    assertEquals(0, busy.waitFor()); // reaps the shell; its date processes were reaped by the shell
    MachineNoise.Shares all = plain.shares();
    MachineNoise.Shares others = withChildren.shares();
    int cores = Runtime.getRuntime().availableProcessors();
    // the child's core-second or so is foreign to the plain measure and the child's own to the other
    assertTrue((all.total() - others.total()) * cores > 0.4, all + " vs " + others);
  }

  @Test
  void aFlagSaysWhereTheForeignShareWent() {
    SystemResult quiet = result(0.05, 0.01, 0.02, 0.02);
    SystemResult busy = result(0.30, 0.25, 0.03, 0.02);
    SystemResult old = new SystemResult(); // a result written before the parts were recorded
    old.put("noise.foreignCpu", 0.2);
    SystemResult bandwidth = result(0.01, 0.01, 0, 0);
    bandwidth.put("bandwidth.threads.1.bytesPerSecond", 7e9);
    Noise noise = Noise.of(List.of(Map.of(SystemRunner.BANDWIDTH, bandwidth, "graphsnap", quiet, "sqlite", busy,
        "mapdb", old)), Double.NaN);
    assertEquals(2, noise.flags().size(), noise.flags().toString());
    assertTrue(noise.flags().stream().anyMatch(f -> f.startsWith(
        "repetition 1, sqlite: other processes used 30 % of the CPUs: user code 25 %, kernel 3 %, hypervisor steal 2 %")),
        noise.flags().toString());
    assertTrue(noise.flags().stream().anyMatch(f -> f.startsWith(
        "repetition 1, mapdb: other processes used 20 % of the CPUs (")), noise.flags().toString());
  }

  @Test
  void aFlagVoidsOnlyTheTimingGoalsThatCompareTheDisturbedProcess() {
    SystemResult bandwidth = result(0.01, 0.01, 0, 0);
    bandwidth.put("bandwidth.threads.1.bytesPerSecond", 8e9);
    Map<String, SystemResult> rep = Map.of(SystemRunner.BANDWIDTH, bandwidth, "graphsnap", result(0.01, 0, 0.01, 0),
        "sqlite", result(0.02, 0, 0.01, 0.01), "kuzu", result(0.22, 0, 0.01, 0.21), "neo4j", new SystemResult());
    Noise noise = Noise.of(List.of(rep, rep), Double.NaN);
    assertTrue(noise.noisy());
    assertEquals(java.util.Set.of("kuzu", "neo4j"), noise.disturbed(), "neo4j recorded no figure: not shown quiet");
    assertTrue(!noise.everything());
    assertTrue(!noise.disturbs("graphsnap", "sqlite"));
    assertTrue(noise.disturbs("graphsnap", "kuzu"));
    assertTrue(noise.disturbs("graphsnap", "neo4j"));

    Comparison timing = new Comparison("s", "BFS", Comparison.Unit.SECONDS, 1, "sqlite", 200, 100, "", "");
    Comparison kuzu = new Comparison("s", "BFS", Comparison.Unit.SECONDS, 1, "kuzu", 200, 100, "", "");
    List<Repeated> rows = Repeated.of(List.of(List.of(timing, kuzu), List.of(timing, kuzu)), noise);
    assertEquals("met", rows.get(0).verdict(), "sqlite's and graphsnap's processes were quiet");
    assertEquals("not judged (noisy run)", rows.get(1).verdict());

    SystemResult busyProbe = result(0.12, 0.02, 0.03, 0.07); // the probe's process disturbed, its figure fine
    busyProbe.put("bandwidth.threads.1.bytesPerSecond", 7.9e9);
    Map<String, SystemResult> probed = new java.util.HashMap<>(rep);
    probed.put(SystemRunner.BANDWIDTH, busyProbe);
    Noise probeNoise = Noise.of(List.of(rep, probed), Double.NaN);
    assertTrue(!probeNoise.everything() && !probeNoise.disturbs("graphsnap", "sqlite"),
        "noise during the probe voids nothing by itself: its figure is checked directly");
    assertTrue(probeNoise.flags().stream().anyMatch(f -> f.startsWith("repetition 2, bandwidth:")), probeNoise.flags()
        .toString());

    SystemResult slow = result(0.01, 0.01, 0, 0);
    slow.put("bandwidth.threads.1.bytesPerSecond", 4e9);
    Map<String, SystemResult> slowRep = new java.util.HashMap<>(rep);
    slowRep.put(SystemRunner.BANDWIDTH, slow);
    Noise low = Noise.of(List.of(rep, slowRep), Double.NaN);
    assertTrue(low.everything() && low.disturbs("graphsnap", "sqlite"), "a low bandwidth voids every timing");
    Comparison size = new Comparison("s", "Size", Comparison.Unit.BYTES, 1, "sqlite", 5, 4, "", "");
    List<Repeated> sized = Repeated.of(List.of(List.of(timing, size), List.of(timing, size)), low);
    assertEquals("not judged (noisy run)", sized.get(0).verdict());
    assertEquals("met", sized.get(1).verdict(), "sizes do not depend on timing");
  }

  private static SystemResult result(double total, double user, double kernel, double steal) {
    SystemResult r = new SystemResult();
    r.put("noise.foreignCpu", total);
    r.put("noise.foreignUser", user);
    r.put("noise.foreignKernel", kernel);
    r.put("noise.steal", steal);
    return r;
  }
}
