package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.LayeredSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LayeredSnapshot} on the golden change: answers, and the refusals of a wrong base or a damaged delta. */
class LayeredSnapshotTest {
  @TempDir Path dir;

  @Test
  void answersTheGoldenChange() throws Exception {
    DeltaFileWriter.Outcome delta = DeltaGoldenFileTest.writeDelta(dir);
    try (LayeredSnapshot l = LayeredSnapshot.open(dir.resolve("base.gsnap"), delta.path())) {
      l.verify();
      int first = l.node("aaa.first");
      assertEquals(l.base().nodeCount(), first, "the first new name takes the first id after the base's");
      assertEquals("enum", l.kind(first));
      assertEquals(List.of("fs"), l.effects(first));
      assertEquals(-1, l.node("dup"), "tombstoned");
      assertEquals(-1, l.node("c.only"), "its file was deleted");
      int tomb = l.base().node("dup");
      assertThrows(IllegalArgumentException.class, () -> l.name(tomb));
      int login = l.node("auth.login");
      LayeredSnapshot.Edges in = l.in(login, l.edgeTypeId("calls"));
      assertEquals(List.of("aaa.first", "auth.login", "zero"),
          Arrays.stream(in.neighbours()).mapToObj(l::name).sorted().toList());
      assertEquals(List.of("src/a.cov", "src/b.cov", "src/0.cov").size(), l.fileCount());
      assertEquals(-1, l.fileId("src/c.cov"));
      assertEquals("python", l.fileLanguage(l.fileId("src/0.cov")));
      assertTrue(l.conflicts().isEmpty(), "the conflict on dup went with c.cov");
      assertEquals(List.of("aaa.first"), l.withPrefix("a").stream().mapToObj(l::name)
          .filter(n -> n.startsWith("aaa")).toList());
    }
  }

  @Test
  void refusesADeltaOfAnotherBase() throws Exception {
    DeltaFileWriter.Outcome delta = DeltaGoldenFileTest.writeDelta(dir);
    Fixtures.buildBytes(List.of(SnapshotBuilderTest.A), dir, "other.gsnap");
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
        () -> LayeredSnapshot.open(dir.resolve("other.gsnap"), delta.path()));
    assertTrue(e.getMessage().contains("not for base"), e.getMessage());
  }

  @Test
  void verifyFindsAFlippedByteAndOpenATruncatedFile() throws Exception {
    DeltaFileWriter.Outcome delta = DeltaGoldenFileTest.writeDelta(dir);
    byte[] bytes = Files.readAllBytes(delta.path());
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 3] ^= 0x40; // inside the last section (CONFLICTS' or CONFLICT_NAMES' data)
    Path bad = dir.resolve("flipped.gdelta");
    Files.write(bad, flipped);
    CorruptSnapshotException e;
    try (LayeredSnapshot l = LayeredSnapshot.open(dir.resolve("base.gsnap"), bad)) {
      e = assertThrows(CorruptSnapshotException.class, l::verify);
    } catch (CorruptSnapshotException atOpen) {
      e = atOpen; // a flip that breaks UTF-8 is caught at open
    }
    assertTrue(e.getMessage().contains("flipped.gdelta"), e.getMessage());
    Path cut = dir.resolve("cut.gdelta");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
    assertThrows(CorruptSnapshotException.class, () -> LayeredSnapshot.open(dir.resolve("base.gsnap"), cut));
    Path snapshotAsDelta = dir.resolve("base.gsnap");
    CorruptSnapshotException magic = assertThrows(CorruptSnapshotException.class,
        () -> LayeredSnapshot.open(dir.resolve("base.gsnap"), snapshotAsDelta));
    assertTrue(magic.getMessage().contains("not a graphsnap delta"), magic.getMessage());
  }
}
