package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot bytes of a small fixed input (the graph of {@link SnapshotBuilderTest}: merged namespace,
 * conflict, externals, details, supplementary characters) must equal the committed golden file byte for byte.
 * A layout change must be deliberate: bump {@link SnapshotFormat#VERSION_CURRENT} and regenerate with
 * {@code mvn -pl builder test -Dtest=GoldenFileTest -Dgolden.update=true}.
 */
class GoldenFileTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/small-v" + SnapshotFormat.VERSION_CURRENT + ".gsnap.hex");
  static final int BYTES_PER_LINE = 32;

  @TempDir Path dir;

  @Test
  void snapshotBytesMatchTheGoldenFile() throws Exception {
    byte[] actual = Fixtures.buildBytes(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A),
        dir, "golden.gsnap");
    String hex = toHex(actual);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, hex, StandardCharsets.US_ASCII);
      return;
    }
    if (!Files.exists(GOLDEN)) {
      fail("no golden file " + GOLDEN.toAbsolutePath() + " for format version " + SnapshotFormat.VERSION_CURRENT
          + ": generate it with -Dgolden.update=true");
    }
    String expected = Files.readString(GOLDEN, StandardCharsets.US_ASCII);
    assertEquals(expected, hex, "layout changed: bump SnapshotFormat.VERSION_CURRENT and regenerate with "
        + "-Dgolden.update=true (mvn -pl builder test -Dtest=GoldenFileTest -Dgolden.update=true)");
  }

  /** Hex, {@value #BYTES_PER_LINE} bytes a line, each line prefixed by its offset, so that diffs show where. */
  static String toHex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2 + bytes.length / BYTES_PER_LINE * 10);
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < bytes.length; i += BYTES_PER_LINE) {
      out.append(String.format("%08x ", i));
      out.append(hex.formatHex(bytes, i, Math.min(bytes.length, i + BYTES_PER_LINE))).append('\n');
    }
    return out.toString();
  }
}
