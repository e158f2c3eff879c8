package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** Opening errors and use after close. */
class LifecycleTest {
  @TempDir Path dir;

  private Path small() {
    return Fixtures.write(dir, "small.gsnap", TestSnapshotWriter.write(Fixtures.small()));
  }

  @Test
  void useAfterCloseThrowsAlreadyClosed() throws Exception {
    GraphSnapshot s = GraphSnapshot.open(small());
    int login = s.node("auth.login");
    EdgeCursor cursor = s.out(login);
    EdgeCursor reverse = s.in(login);
    CsrView forward = s.forward();
    s.close();
    s.close(); // idempotent
    List<Executable> uses = List.of(
        s::nodeCount, s::edgeCount, s::fileCount, s::byteSize, s::formatVersion, s::verify,
        () -> s.node("auth.login"), () -> s.name(0), () -> s.kind(0), () -> s.file(0), () -> s.lineStart(0),
        () -> s.effects(0), () -> s.details(0), () -> s.isExternal(0), () -> s.edgeTypes(), () -> s.buildInfo(),
        () -> s.conflicts(), () -> s.filePath(0), () -> s.fileId("src/db.cov"), () -> s.out(0), () -> s.in(0, 0),
        () -> s.outDegree(0), () -> s.ofKind("fn"), () -> s.withEffect("db"), () -> s.byRelation("auth.login", "calls"),
        () -> s.withPrefix("auth."), s::forward,
        cursor::next, reverse::next, () -> cursor.reset(0), () -> forward.neighbour(0), () -> forward.offset(0),
        () -> forward.type(0), () -> forward.degree(0), () -> forward.cursor(0));
    for (Executable use : uses) {
      AlreadyClosedException e = assertThrows(AlreadyClosedException.class, use);
      assertTrue(e.getMessage().contains("small.gsnap"), e.getMessage());
    }
  }

  @Test
  void aBitmapUsedAfterCloseThrowsIllegalState() throws Exception {
    ImmutableRoaringBitmap fns;
    try (GraphSnapshot s = GraphSnapshot.open(small())) {
      fns = s.ofKind("fn");
      assertEquals(4, fns.getCardinality());
    }
    assertThrows(IllegalStateException.class, () -> fns.contains(0));
  }

  @Test
  void aMissingFileIsAnIOExceptionNamingIt() {
    Path missing = dir.resolve("missing.gsnap");
    IOException e = assertThrows(IOException.class, () -> GraphSnapshot.open(missing));
    assertTrue(e instanceof NoSuchFileException || e.getMessage().contains("missing.gsnap"), e.toString());
    assertTrue(e.toString().contains("missing.gsnap"), e.toString());
  }

  @Test
  void aDirectoryIsAnIOException() {
    IOException e = assertThrows(IOException.class, () -> GraphSnapshot.open(dir));
    assertTrue(e.toString().contains(dir.getFileName().toString()), e.toString());
  }

  @Test
  void anEmptyFileIsCorrupt() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.gsnap"));
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(empty));
    assertEquals("header", e.section());
    assertEquals(empty.toString(), e.resource());
  }

  @Test
  void aFailedOpenReleasesTheMappingAndCanBeRepeated() throws Exception {
    byte[] bad = TestSnapshotWriter.write(Fixtures.small());
    bad[bad.length / 2] ^= 1;
    bad[0] = 0;
    Path file = Fixtures.write(dir, "bad.gsnap", bad);
    for (int i = 0; i < 200; i++) {
      assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file));
    }
    Files.delete(file); // nothing holds it open
  }

  @Test
  void toStringNamesTheFile() throws Exception {
    GraphSnapshot s = GraphSnapshot.open(small());
    assertTrue(s.toString().contains("small.gsnap"));
    s.close();
    assertTrue(s.toString().contains("closed"));
  }
}
