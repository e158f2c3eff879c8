package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.file;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and failed I/O: a clear error, no temporary file left behind, the previous snapshot untouched. */
class BuildFailureTest {
  @TempDir Path dir;

  @Test
  void failingSourceLeavesThePreviousFileAndNoTemporaryFile() throws Exception {
    Path out = dir.resolve("s.gsnap");
    byte[] previous = {1, 2, 3};
    Files.write(out, previous);
    ObjectSource failing = new ObjectSource() {
      @Override
      public long size() {
        return 2;
      }

      @Override
      public void forEach(ObjectVisitor v) throws IOException {
        FileSummary f = file("a", "", List.of(sym("a", "fn", 1, 1)), List.of());
        v.visit(ObjectId.of(LooseObjectCodec.encode(f)), f);
        throw new IOException("disk gone");
      }
    };
    IOException e = assertThrows(IOException.class, () -> new SnapshotBuilder().build(failing, out));
    assertEquals("disk gone", e.getMessage());
    assertArrayEquals(previous, Files.readAllBytes(out));
    assertEquals(List.of(out), listDir());
  }

  @Test
  void failureWhileWritingDeletesTheTemporaryFile() throws Exception {
    Path out = dir.resolve("s.gsnap");
    Files.write(out, new byte[] {9});
    List<FileSummary> files = List.of(file("a", "", List.of(sym("a", "fn", 1, 1)), List.of(edge(0, "calls", "b"))));
    BuildProgress failInWrite = Fixtures.failInWrite();
    assertThrows(IllegalStateException.class,
        () -> new SnapshotBuilder(BuildOptions.defaults().withProgress(failInWrite)).build(ObjectSource.of(files), out));
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(out));
    assertEquals(List.of(out), listDir());
  }

  @Test
  void twoObjectsWithOnePathAreRefused() throws IOException {
    FileSummary one = file("src/a", "", List.of(sym("a", "fn", 1, 1)), List.of());
    FileSummary two = file("src/a", "", List.of(sym("b", "fn", 1, 1)), List.of());
    Map<ObjectId, FileSummary> map = new LinkedHashMap<>();
    map.put(ObjectId.of(LooseObjectCodec.encode(one)), one);
    map.put(ObjectId.of(LooseObjectCodec.encode(two)), two);
    BuildInputException e = assertThrows(BuildInputException.class,
        () -> new SnapshotBuilder().build(ObjectSource.of(map), dir.resolve("s.gsnap")));
    assertTrue(e.getMessage().contains("same path \"src/a\""), e.getMessage());
    assertTrue(e.getMessage().contains(ObjectId.of(LooseObjectCodec.encode(one)).hex()), e.getMessage());
    assertEquals(List.of(), listDir());
  }

  @Test
  void unpairedSurrogateIsRefusedNotMangled() {
    // The model refuses it since format rejects unpaired surrogates; the builder's own check stays as a second
    // line of defence (Utf8Test covers it).
    io.graphsnap.format.object.InvalidSummaryException e = assertThrows(
        io.graphsnap.format.object.InvalidSummaryException.class, () -> sym("x\uD800y", "fn", 1, 1));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
  }

  @Test
  void moreThan255EdgeTypesIsRefusedWithTheCount() {
    List<EdgeSummary> edges = new ArrayList<>();
    for (int t = 0; t < 256; t++) {
      edges.add(edge(0, "t" + t, "x"));
    }
    List<FileSummary> files = List.of(file("a", "", List.of(sym("a", "fn", 1, 1)), edges));
    BuildInputException e = assertThrows(BuildInputException.class, () -> Fixtures.build(files, dir.resolve("s.gsnap")));
    assertTrue(e.getMessage().contains("256 distinct edge types, more than the 255"), e.getMessage());
  }

  @Test
  void exactly255EdgeTypesAreFine() throws Exception {
    List<EdgeSummary> edges = new ArrayList<>();
    for (int t = 0; t < 255; t++) {
      edges.add(edge(0, "t" + t, "x"));
    }
    BuildResult r = Fixtures.build(List.of(file("a", "", List.of(sym("a", "fn", 1, 1)), edges)), dir.resolve("s.gsnap"));
    assertEquals(255, r.edgesByType().size());
    DecodedSnapshot s = DecodedSnapshot.read(dir.resolve("s.gsnap"));
    assertEquals(254, s.forwardTypes[254], "type ids above 127 are stored unsigned");
  }

  @Test
  void moreThan65535KindsIsRefusedWithTheCount() {
    List<SymbolSummary> symbols = new ArrayList<>();
    for (int k = 0; k < 65_536; k++) {
      symbols.add(sym("s" + k, "k" + k, 1, 1));
    }
    List<FileSummary> files = List.of(file("a", "", symbols, List.of()));
    BuildInputException e = assertThrows(BuildInputException.class, () -> Fixtures.build(files, dir.resolve("s.gsnap")));
    assertTrue(e.getMessage().contains("65536 distinct kinds, more than the 65535"), e.getMessage());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
