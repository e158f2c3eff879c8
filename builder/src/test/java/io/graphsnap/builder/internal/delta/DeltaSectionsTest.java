package io.graphsnap.builder.internal.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.internal.CompiledGraph;
import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.SnapshotBody;
import io.graphsnap.builder.internal.SnapshotFileWriter;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.StringListFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSectionsTest {
  @TempDir Path dir;

  /**
   * An incremental build's BUILD_INFO past 2<sup>31</sup> edges (an incremental build streams the CSR, so it can
   * get there): the count is written, not refused with an {@link ArithmeticException} as when it went through an
   * {@code int}. The other sections are left empty; only BUILD_INFO is read back. Milliseconds; the builder's
   * {@code HugeSnapshotWriteTest} (not in CI) writes a whole 21 GB file of that many edges.
   */
  @Test
  void buildInfoCountsEdgesPastTwoToTheThirtyOne() throws Exception {
    Delta d = new Delta();
    d.nodes = new Splice(3, new int[0], new int[0], new int[0]);
    d.files = new Splice(1, new int[0], new int[0], new int[0]);
    d.conflicts = List.of();
    d.edgeCount = (1L << 31) + 3;
    SnapshotFileWriter.Written written;
    try (DeltaSections sections = new DeltaSections(d)) {
      SnapshotBody onlyBuildInfo = id -> id == SectionId.BUILD_INFO ? sections.section(id) : out -> { };
      written = SnapshotFileWriter.writeInto(onlyBuildInfo, dir, sha -> sha + ".gsnap",
          new PhaseClock(BuildProgress.NONE));
    }
    try (SnapshotFile file = SnapshotFile.open(written.path())) {
      assertArrayEquals(new String[] {"conflicts", "0", "edges", "2147483651", "externalNodes", "0", "files", "1",
          "nodes", "3", "tool", CompiledGraph.TOOL}, StringListFormat.decodeAll(file.required(SectionId.BUILD_INFO)));
    }
  }
}
