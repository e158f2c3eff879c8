package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM by {@link DeltaCrashTest}: writes deltas of random changes against one base, in a loop, until it
 * is killed. Prints {@code ready} first and {@code wrote <id>} after every write returns.
 */
public final class DeltaCrashWorker {
  static final int PATHS = 60;

  private DeltaCrashWorker() {}

  /** The base's files for {@code seed}: the same in parent and child. */
  static List<FileSummary> baseFiles(long seed) {
    Random r = new Random(seed);
    List<FileSummary> files = new ArrayList<>();
    for (int p = 0; p < PATHS; p++) {
      files.add(CrashWorker.randomFile("src/p" + p + ".x", r));
    }
    return files;
  }

  /** {@code args}: base snapshot, its id, delta folder, seed. */
  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    String baseId = args[1];
    Path deltas = Path.of(args[2]);
    long seed = Long.parseLong(args[3]);
    List<FileSummary> baseFiles = baseFiles(0);
    Random r = new Random(seed);
    DeltaFileWriter writer = new DeltaFileWriter(BuildOptions.defaults());
    System.out.println("ready");
    System.out.flush();
    while (true) {
      List<FileSummary> now = new ArrayList<>(baseFiles);
      for (int i = 0, n = 1 + r.nextInt(10); i < n; i++) {
        int p = r.nextInt(now.size());
        if (r.nextInt(6) == 0) {
          now.remove(p);
        } else {
          now.set(p, CrashWorker.randomFile(now.get(p).path(), r));
        }
      }
      var outcome = writer.writeInto(base, baseId, new MemoryChangeSet(baseFiles, now), deltas);
      if (outcome.isPresent()) {
        System.out.println("wrote " + outcome.get().deltaId());
        System.out.flush();
      }
    }
  }
}
