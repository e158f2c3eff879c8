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

  /** The same graphs with the compact adjacency, at a stride of 1, 3 and 16: the same answers. */
  @ParameterizedTest
  @CsvSource({"1, 1, 0, 16", "2, 50, 200, 1", "3, 700, 3000, 3", "4, 2000, 12000, 16", "5, 300, 6000, 7"})
  void compactReaderAgreesWithModel(long seed, int nodes, int edges, int stride) throws Exception {
    TestGraph g = Fixtures.random(seed, nodes, edges);
    Path file = Fixtures.write(dir, "c" + seed + ".gsnap", TestSnapshotWriter.writeCompact(g, stride));
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      org.junit.jupiter.api.Assertions.assertEquals(io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT,
          s.adjacencyLayout());
      org.junit.jupiter.api.Assertions.assertTrue(s.forward().isCompact() && s.reverse().isCompact());
      s.verify();
      ModelCheck.assertMatches(g, s);
    }
  }
}
