package io.graphsnap.reader;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seeded random graphs: every reader answer equals the naive model's, and verify passes. */
class RandomGraphTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"1, 1, 0", "2, 50, 200", "3, 700, 3000", "4, 2000, 12000"})
  void readerAgreesWithModel(long seed, int nodes, int edges) throws Exception {
    TestGraph g = Fixtures.random(seed, nodes, edges);
    Path file = Fixtures.write(dir, "r" + seed + ".gsnap", TestSnapshotWriter.write(g));
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      s.verify();
      ModelCheck.assertMatches(g, s);
    }
  }
}
