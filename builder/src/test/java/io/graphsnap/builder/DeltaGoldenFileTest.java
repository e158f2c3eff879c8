package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Hex;
import io.graphsnap.objects.ObjectId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of a delta file ({@link DeltaFormat}) for a fixed change to the golden snapshot's graph must equal
 * {@code src/test/resources/golden/small-delta-v<VERSION_CURRENT>.gdelta.hex}: a layout change must be deliberate
 * (bump {@link DeltaFormat#VERSION_CURRENT}, regenerate with {@code -Dgolden.update=true}, read the diff), as for
 * snapshots ({@link GoldenFileTest}).
 *
 * <p>The change touches every section: {@code src/a.cov} renames {@code dup} to {@code aaa.first} (a new name
 * sorting before every base name) with a new kind, effect and edge type, to a new external target; {@code
 * ./src//c.cov} is deleted (its names are tombstoned, the conflict on {@code dup} goes); {@code src/0.cov} is added
 * in a new language and calls {@code auth.login} (an in-edge gained by a base node).
 */
class DeltaGoldenFileTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/small-delta-v" + DeltaFormat.VERSION_CURRENT
      + ".gdelta.hex");

  /** The changed {@code src/a.cov}. */
  static final FileSummary A2 = new FileSummary("src/a.cov", "covenant", Fixtures.bytes32(2),
      List.of(sym("auth", "module", 1, 1), sym("auth.User", "class", 2, 10, "db"),
          sym("aaa.first", "enum", 11, 12, "fs")),
      List.of(edge(0, "contains", "auth.User"), edge(0, "imports", "util", 1), edge(1, "references",
          SnapshotBuilderTest.EMOJI), edge(2, "throws", "zzz.ext", 12), edge(2, "calls", "auth.login", 11)));
  /** The new file. */
  static final FileSummary NEW = new FileSummary("src/0.cov", "python", null,
      List.of(sym("zero", "fn", 1, 3)), List.of(edge(0, "calls", "auth.login", 2)));

  @TempDir Path dir;

  /** Base files, then current files. */
  static List<List<FileSummary>> change() {
    return List.of(List.of(SnapshotBuilderTest.B, SnapshotBuilderTest.C, SnapshotBuilderTest.A),
        List.of(SnapshotBuilderTest.B, A2, NEW));
  }

  /** Builds the base into {@code dir} and writes the delta; returns its path. */
  static DeltaFileWriter.Outcome writeDelta(Path dir) throws Exception {
    List<List<FileSummary>> change = change();
    byte[] base = Fixtures.buildBytes(change.get(0), dir, "base.gsnap");
    String baseId = Hex.of(ObjectId.sha256().digest(base));
    return new DeltaFileWriter(BuildOptions.defaults()).writeInto(dir.resolve("base.gsnap"), baseId,
        new MemoryChangeSet(change.get(0), change.get(1)), dir.resolve("deltas")).orElseThrow();
  }

  @Test
  void deltaBytesMatchTheGoldenFile() throws Exception {
    DeltaFileWriter.Outcome outcome = writeDelta(dir);
    byte[] actual = Files.readAllBytes(outcome.path());
    assertEquals(outcome.deltaId() + DeltaFormat.FILE_EXTENSION, outcome.path().getFileName().toString());
    assertEquals(Hex.of(ObjectId.sha256().digest(actual)), outcome.deltaId(), "named by its SHA-256");
    String hex = GoldenFileTest.toHex(actual);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, hex, StandardCharsets.US_ASCII);
      return;
    }
    if (!Files.exists(GOLDEN)) {
      fail("no golden file " + GOLDEN.toAbsolutePath() + " for delta format version " + DeltaFormat.VERSION_CURRENT
          + ": generate it with -Dgolden.update=true");
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.US_ASCII), hex, "delta layout changed: bump "
        + "DeltaFormat.VERSION_CURRENT and regenerate with -Dgolden.update=true "
        + "(mvn -pl builder test -Dtest=DeltaGoldenFileTest -Dgolden.update=true)");
  }

  @Test
  void writingTheSameDeltaTwiceGivesTheSameFile() throws Exception {
    DeltaFileWriter.Outcome first = writeDelta(dir.resolve("one"));
    DeltaFileWriter.Outcome second = writeDelta(dir.resolve("two"));
    assertEquals(first.deltaId(), second.deltaId());
    try (var files = Files.list(dir.resolve("one/deltas"))) {
      assertEquals(List.of(first.path().getFileName().toString()),
          files.map(p -> p.getFileName().toString()).toList(), "no temporary file left behind");
    }
  }
}
