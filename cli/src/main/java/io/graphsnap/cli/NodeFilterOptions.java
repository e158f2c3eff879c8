package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;
import picocli.CommandLine.Option;

/**
 * {@code --no-external} and {@code --exclude-tests}, for the commands whose results external nodes and tests
 * would otherwise dominate ({@code query}, {@code dead}, {@code pagerank}). Tests are nodes of kind {@code test}
 * and every symbol of a file under a {@code test} or {@code tests} folder ({@code src/test/java/...}).
 */
final class NodeFilterOptions {
  private static final Pattern TEST_FOLDER = Pattern.compile("(^|.*/)tests?/.*");

  @Option(names = "--no-external", description = "Leave out external nodes (targets no file declares, such as java.lang.String).")
  boolean noExternal;

  @Option(names = "--exclude-tests", description = "Leave out tests: kind test, and every symbol of a file under a test/ or tests/ folder.")
  boolean excludeTests;

  /** Whether any filter is on. */
  boolean any() {
    return noExternal || excludeTests;
  }

  /** The nodes the options leave out. O(N) when {@code --exclude-tests} is on (one path check per file). */
  RoaringBitmap excluded(GraphSnapshot g) {
    RoaringBitmap out = new RoaringBitmap();
    if (noExternal && g.kindId("external") >= 0) {
      out.or(g.ofKind("external").toRoaringBitmap());
    }
    if (excludeTests) {
      if (g.kindId("test") >= 0) {
        out.or(g.ofKind("test").toRoaringBitmap());
      }
      boolean[] testFile = new boolean[g.fileCount()];
      boolean anyTestFile = false;
      for (int f = 0; f < testFile.length; f++) {
        testFile[f] = TEST_FOLDER.matcher(g.filePath(f)).matches();
        anyTestFile |= testFile[f];
      }
      if (anyTestFile) {
        for (int id = 0; id < g.nodeCount(); id++) {
          int f = g.fileId(id);
          if (f >= 0 && f < testFile.length && testFile[f]) {
            out.add(id);
          }
        }
      }
    }
    return out;
  }
}
