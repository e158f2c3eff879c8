package io.graphsnap.bench.harness;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.internal.PackFile;
import io.graphsnap.objects.internal.Packs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The packs' object look-up ({@link Packs#find}) on a real store, alone: ids the packs hold (spread over every pack)
 * and random ids they do not (what an ingest asks for each new object, and a store of many packs asks every pack).
 * Prints the open time (which reads every pack's index) and the median thread CPU per look-up over the rounds. Run
 * it on the jar of each version to compare, alternating, on an otherwise idle machine.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.PackLookupProbe STORE [--ids 200000] [--rounds 5]
 * </pre>
 */
public final class PackLookupProbe {
  private PackLookupProbe() {}

  public static void main(String[] args) throws Exception {
    Path packsDir = Path.of(args[0]).resolve("packs");
    int ids = 200_000;
    int rounds = 5;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--ids" -> ids = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    try (Packs packs = new Packs(packsDir)) {
      long t0 = System.nanoTime();
      List<PackFile> listed = packs.current();
      long openNanos = System.nanoTime() - t0;
      long objects = listed.stream().mapToLong(PackFile::count).sum();
      SplittableRandom random = new SplittableRandom(20261205);
      ObjectId[] present = new ObjectId[ids];
      ObjectId[] absent = new ObjectId[ids];
      for (int i = 0; i < ids; i++) {
        PackFile pack = listed.get(random.nextInt(listed.size()));
        present[i] = pack.id(random.nextInt(pack.count()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        absent[i] = ObjectId.fromBytes(bytes);
      }
      long[] presentCpu = new long[rounds];
      long[] absentCpu = new long[rounds];
      long found = 0;
      for (int r = 0; r < rounds; r++) {
        long a = bean.getCurrentThreadCpuTime();
        for (ObjectId id : present) {
          found += packs.find(id).size();
        }
        long b = bean.getCurrentThreadCpuTime();
        for (ObjectId id : absent) {
          found += packs.find(id).size();
        }
        long c = bean.getCurrentThreadCpuTime();
        presentCpu[r] = b - a;
        absentCpu[r] = c - b;
      }
      Arrays.sort(presentCpu);
      Arrays.sort(absentCpu);
      System.out.printf("packs %d, objects %,d, opened in %.1f ms%n", listed.size(), objects, openNanos / 1e6);
      System.out.printf("held ids:   %.0f ns per look-up (median of %d rounds of %,d)%n",
          presentCpu[rounds / 2] / (double) ids, rounds, ids);
      System.out.printf("absent ids: %.0f ns per look-up%n", absentCpu[rounds / 2] / (double) ids);
      System.out.println("(found " + found + ")");
    }
  }
}
