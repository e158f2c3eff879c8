package io.graphsnap.spark;

import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded code graph for the Spark tests, built through the real builder: five groups of symbols that only
 * link within themselves (so at least five weakly connected components), each with its own external targets
 * (dangling nodes of kind external), symbols without out-edges, and isolated symbols (components of one).
 * About 3,100 symbols and 12,000 edges of three types.
 */
final class SparkTestGraph {
  static final int[] GROUP_SIZES = {1500, 800, 400, 200, 100};
  static final int ISOLATED = 50;
  static final String[] TYPES = {"calls", "references", "contains"};
  static final String[] EFFECTS = {"db", "io", "net"};
  private static final int SYMBOLS_PER_FILE = 25;

  private SparkTestGraph() {}

  /** Builds the graph into {@code dir/graph.gsnap} and returns that path. */
  static Path build(Path dir, long seed) throws IOException {
    Random random = new Random(seed);
    List<FileSummary> files = new ArrayList<>();
    for (int group = 0; group < GROUP_SIZES.length; group++) {
      int size = GROUP_SIZES[group];
      for (int first = 0; first < size; first += SYMBOLS_PER_FILE) {
        List<SymbolSummary> symbols = new ArrayList<>();
        List<EdgeSummary> edges = new ArrayList<>();
        for (int i = first; i < Math.min(size, first + SYMBOLS_PER_FILE); i++) {
          List<String> effects = new ArrayList<>();
          if (random.nextInt(6) == 0) {
            effects.add(EFFECTS[random.nextInt(EFFECTS.length)]);
          }
          symbols.add(new SymbolSummary(name(group, i), random.nextInt(4) == 0 ? "class" : "fn", effects, i + 1, i + 1,
              null, List.of(), null));
          int degree = random.nextInt(10); // 0..9, mean 4.5: some symbols are dangling
          for (int k = 0; k < degree; k++) {
            String target = random.nextInt(25) == 0 ? "ext.g" + group + ".lib" + random.nextInt(20)
                : name(group, random.nextInt(size));
            edges.add(new EdgeSummary(i - first, TYPES[random.nextInt(TYPES.length)], target));
          }
        }
        files.add(new FileSummary("src/g" + group + "/F" + first + ".java", "java", null, symbols, edges));
      }
    }
    List<SymbolSummary> loners = new ArrayList<>();
    for (int i = 0; i < ISOLATED; i++) {
      loners.add(new SymbolSummary("alone.s" + i, "fn", List.of(), i + 1, i + 1, null, List.of(), null));
    }
    files.add(new FileSummary("src/alone/Alone.java", "java", null, loners, List.of()));
    Path out = dir.resolve("graph.gsnap");
    new SnapshotBuilder().build(ObjectSource.of(files), out);
    return out;
  }

  static String name(int group, int i) {
    return "g" + group + ".s" + i;
  }
}
