package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/** Every test of {@link AnalysisCommandsTest} (reach, effects, path, cycles, pagerank, dead, …) on the compact adjacency. */
class CompactAnalysisCommandsTest extends AnalysisCommandsTest {
  @Override
  @BeforeEach
  void build() throws Exception {
    Path file = AnalysisFixture.build(dir, CompactCsrFormat.Layout.COMPACT);
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      assertTrue(g.forward().isCompact());
    }
    snapshot = file.toString();
  }
}
