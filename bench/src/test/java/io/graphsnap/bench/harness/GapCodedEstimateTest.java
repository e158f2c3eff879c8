package io.graphsnap.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GapCodedEstimateTest {
  @Test
  void varintsAndZigzag() {
    assertEquals(1, GapCodedEstimate.varint(0));
    assertEquals(1, GapCodedEstimate.varint(127));
    assertEquals(2, GapCodedEstimate.varint(128));
    assertEquals(5, GapCodedEstimate.varint(0xFFFF_FFFFL));
    assertEquals(0, GapCodedEstimate.zigzag(0));
    assertEquals(1, GapCodedEstimate.zigzag(-1));
    assertEquals(2, GapCodedEstimate.zigzag(1));
  }

  @Test
  void estimateLiesBetweenOneByteAndTheFixedWidthLayoutPerEdge(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("g.gsnap");
    new SnapshotBuilder().build(SyntheticGraph.ofFiles(200, SyntheticGraph.DEFAULT_SEED), file);
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      for (CsrView csr : new CsrView[] {s.forward(), s.reverse()}) {
        long estimate = GapCodedEstimate.bytes(csr);
        long fixed = 8L * (csr.nodeCount() + 1) + 5L * csr.edgeCount();
        assertTrue(estimate > csr.edgeCount() && estimate < fixed, estimate + " vs E=" + csr.edgeCount()
            + ", fixed width " + fixed);
      }
    }
  }
}
