package io.graphsnap.export;

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

/** Seeded random code graphs built through the real builder: several edge types, effects, externals, odd names. */
final class TestGraphs {
  static final String[] KINDS = {"fn", "method", "class", "field", "test"};
  static final String[] EFFECTS = {"db", "io", "net", "meta"};
  static final String[] TYPES = {"calls", "references", "contains", "tests"};

  private TestGraphs() {}

  /**
   * Builds {@code files} files of {@code symbolsPerFile} symbols with about {@code edgesPerSymbol} out-edges each
   * (some to names no file defines, which become external nodes) into {@code dir/graph.gsnap}.
   */
  static Path build(Path dir, long seed, int files, int symbolsPerFile, int edgesPerSymbol) throws IOException {
    Random random = new Random(seed);
    int total = files * symbolsPerFile;
    List<FileSummary> summaries = new ArrayList<>(files);
    for (int f = 0; f < files; f++) {
      List<SymbolSummary> symbols = new ArrayList<>();
      List<EdgeSummary> edges = new ArrayList<>();
      for (int i = 0; i < symbolsPerFile; i++) {
        int id = f * symbolsPerFile + i;
        List<String> effects = new ArrayList<>();
        for (String e : EFFECTS) {
          if (random.nextInt(5) == 0) {
            effects.add(e);
          }
        }
        symbols.add(new SymbolSummary(name(id), KINDS[random.nextInt(KINDS.length)], effects, i + 1, i + 2,
            null, List.of(), null));
        int degree = random.nextInt(2 * edgesPerSymbol + 1);
        for (int k = 0; k < degree; k++) {
          String target = random.nextInt(20) == 0 ? "ext.lib" + random.nextInt(50) : name(random.nextInt(total));
          edges.add(new EdgeSummary(i, TYPES[random.nextInt(TYPES.length)], target));
        }
      }
      summaries.add(new FileSummary("src/pkg" + (f % 7) + "/File" + f + ".java", "java", null, symbols, edges));
    }
    Path out = dir.resolve("graph.gsnap");
    new SnapshotBuilder().build(ObjectSource.of(summaries), out);
    return out;
  }

  /** A symbol name; every 97th one has characters that need escaping in TSV, XML or DOT. */
  static String name(int id) {
    if (id % 97 == 5) {
      return "odd.\"quoted\"\tтаб\\back<&>" + id;
    }
    return "pkg" + (id % 13) + ".Sym" + id;
  }
}
