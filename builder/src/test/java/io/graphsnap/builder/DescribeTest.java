package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.graphsnap.builder.internal.delta.DeltaBuild;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Republishing describes the last build from its file ({@link DeltaBuild#describe}), which must work for a file
 * of an older format version too: a store whose last build predates the current version republishes it when
 * nothing changed (the next change then builds in full).
 */
class DescribeTest {
  @TempDir Path dir;

  @Test
  void describesTheVersion1GoldenFileAsTheCurrentBuildOfTheSameInput() throws Exception {
    Path v1File = dir.resolve("small-v1.gsnap");
    Files.write(v1File, GoldenFileTest.fromHex(Files.readString(GoldenFileTest.golden(SnapshotFormat.VERSION_START),
        StandardCharsets.US_ASCII)));
    Path current = dir.resolve("small-current.gsnap");
    BuildResult built = Fixtures.build(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A),
        current);

    BuildResult old = DeltaBuild.describe(v1File, "v1", Map.of());
    BuildResult now = DeltaBuild.describe(current, "now", Map.of());

    for (BuildResult r : List.of(old, now)) {
      assertEquals(built.nodeCount(), r.nodeCount());
      assertEquals(built.externalNodeCount(), r.externalNodeCount());
      assertEquals(built.edgeCount(), r.edgeCount());
      assertEquals(built.fileCount(), r.fileCount());
      assertEquals(built.edgesByType(), r.edgesByType());
      assertEquals(built.nodesByKind(), r.nodesByKind());
      assertEquals(built.conflicts(), r.conflicts());
    }
    assertEquals(Files.size(v1File), old.bytes());
  }
}
