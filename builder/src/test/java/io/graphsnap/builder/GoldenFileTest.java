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
 * conflict, externals, details, supplementary characters) must equal the committed golden file
 * {@code src/test/resources/golden/small-v<VERSION_CURRENT>.gsnap.hex} byte for byte.
 *
 * <p>A layout change must be deliberate. To make one:
 * <ol>
 *   <li>add a version constant to {@link SnapshotFormat} and point {@link SnapshotFormat#VERSION_CURRENT} at it
 *       (this test then looks for a golden file of the new version and fails until it exists);
 *   <li>from the repository root, after {@code mvn -B -q -pl format,bloom,reader,builder -am install -DskipTests}:
 *       {@code mvn -B -pl builder test -Dtest=GoldenFileTest -Dgolden.update=true} writes the new file (it
 *       never overwrites another version's);
 *   <li>read the diff against the previous version's file (the hex lines carry offsets), then commit the new file.
 * </ol>
 * Keep the older versions' files: {@link GoldenV1ReaderTest} opens {@code small-v1.gsnap.hex} with the reader
 * to prove it still reads version-1 files.
 */
class GoldenFileTest {
  static final Path GOLDEN = golden(SnapshotFormat.VERSION_CURRENT);
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

  /**
   * The compact adjacency's bytes of the same input ({@code small-v<VERSION_CURRENT>-compact.gsnap.hex}): updated
   * and checked as the fixed layout's file is.
   */
  @Test
  void compactSnapshotBytesMatchTheGoldenFile() throws Exception {
    byte[] actual = Fixtures.buildBytes(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A),
        dir, "golden-compact.gsnap", io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT);
    String hex = toHex(actual);
    Path golden = goldenCompact(SnapshotFormat.VERSION_CURRENT);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, hex, StandardCharsets.US_ASCII);
      return;
    }
    if (!Files.exists(golden)) {
      fail("no golden file " + golden.toAbsolutePath() + ": generate it with -Dgolden.update=true");
    }
    assertEquals(Files.readString(golden, StandardCharsets.US_ASCII), hex, "compact layout changed: bump "
        + "SnapshotFormat.VERSION_CURRENT and regenerate with -Dgolden.update=true");
  }

  /** The golden file of the compact adjacency in format version {@code version} (5 and later). */
  static Path goldenCompact(int version) {
    return Path.of("src/test/resources/golden/small-v" + version + "-compact.gsnap.hex");
  }

  /** The golden file of format version {@code version}. */
  static Path golden(int version) {
    return Path.of("src/test/resources/golden/small-v" + version + ".gsnap.hex");
  }

  /** The bytes of a golden hex file: the inverse of {@link #toHex}. */
  static byte[] fromHex(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.writeBytes(HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).strip()));
      }
    }
    return out.toByteArray();
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
