package io.graphsnap.bench.resolution;

import io.graphsnap.frontend.java.ExtractionResult;
import io.graphsnap.frontend.java.ParallelExtraction;
import io.graphsnap.frontend.java.SourceTree;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times extraction of a source tree file by file (each file resolved alone: the extraction before
 * whole-tree resolution) against extraction with whole-tree resolution (the declaration pass, then every
 * file against the table), alternating, in one JVM: wall time and the process's CPU time per round.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.graphsnap.bench.resolution.ExtractionTiming
 * [SRC.zip|DIR] [PREFIX] [ROUNDS]} (default: the JDK's {@code lib/src.zip}, {@code java.base/}, 3 rounds).
 */
public final class ExtractionTiming {
  private ExtractionTiming() {}

  public static void main(String[] args) throws Exception {
    Path src = args.length > 0 ? Path.of(args[0]) : SourceTree.jdkSourceZip();
    String prefix = args.length > 1 ? args[1] : SourceTree.JAVA_BASE;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.println("| round | mode | files | wall | files/s | process CPU |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    for (int r = 1; r <= rounds; r++) {
      for (boolean wholeTree : new boolean[] {false, true}) {
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExtractionResult result;
        try (SourceTree tree = SourceTree.open(src, prefix)) {
          ParallelExtraction x = new ParallelExtraction();
          if (!wholeTree) {
            x.fileByFile();
          }
          result = x.run(tree, summary -> { });
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "| %d | %s | %,d | %.1f s | %.0f | %.1f s |%n", r,
            wholeTree ? "whole tree (2 passes)" : "file by file", result.files(), wall, result.files() / wall, cpuSeconds);
      }
    }
  }
}
