package io.graphsnap.bench.harness;

import io.graphsnap.builder.internal.NameTable;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The full build's name interning ({@link NameTable#intern}) on a real graph's stream of names, alone: each file's
 * symbols and their out-edges' targets, file by file, as the collector interns them (a fresh {@code String} for
 * each occurrence, as the loose objects' decoder gives). Prints the median thread CPU per intern over the rounds.
 * Run it on the jar of each version to compare, alternating, on an otherwise idle machine.
 *
 * <pre>
 * java -Xmx6g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.NameInternProbe SNAPSHOT.gsnap [--rounds 7]
 * </pre>
 */
public final class NameInternProbe {
  private NameInternProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 2 && args[1].equals("--rounds") ? Integer.parseInt(args[2]) : 7;
    String[] names;
    int[] stream;
    int files;
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      names = new String[s.nodeCount()];
      for (int v = 0; v < names.length; v++) {
        names[v] = s.name(v);
      }
      files = s.fileCount();
      IntArrayList out = new IntArrayList();
      EdgeCursor cursor = s.forward().cursor();
      for (int f = 0; f < files; f++) {
        for (int v : s.fileSymbols(f)) {
          out.add(v);
          cursor.reset(v);
          for (int w = cursor.next(); w >= 0; w = cursor.next()) {
            out.add(w);
          }
        }
      }
      stream = out.toIntArray();
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[rounds];
    int distinct = 0;
    for (int r = 0; r < rounds; r++) {
      NameTable table = new NameTable("name", files);
      long t0 = bean.getCurrentThreadCpuTime();
      for (int v : stream) {
        table.intern(new String(names[v]), "probe");
      }
      cpu[r] = bean.getCurrentThreadCpuTime() - t0;
      distinct = table.size();
    }
    long[] sorted = cpu.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: %,d interns, %,d distinct names, thread CPU per intern median %.1f ns (rounds: %s ms)%n",
        file.getFileName(), stream.length, distinct, (double) sorted[rounds / 2] / stream.length,
        Arrays.toString(Arrays.stream(cpu).map(c -> c / 1_000_000).toArray()));
  }
}
