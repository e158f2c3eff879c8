package io.graphsnap.builder;

import static io.graphsnap.builder.Fixtures.bytes32;
import static io.graphsnap.builder.Fixtures.edge;
import static io.graphsnap.builder.Fixtures.file;
import static io.graphsnap.builder.Fixtures.rich;
import static io.graphsnap.builder.Fixtures.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.objects.ObjectId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** A small hand-made graph, built and decoded section by section with plain ByteBuffer reads. */
class SnapshotBuilderTest {
  @TempDir Path dir;

  /** 😀 is U+1F600: after U+FFFD in code-point (UTF-8) order, before it in String.compareTo order. */
  static final String EMOJI = "z\uD83D\uDE00";
  static final String REPLACEMENT = "z\uFFFD";

  static final FileSummary A = new FileSummary("src/a.cov", "covenant", bytes32(1),
      List.of(sym("auth", "module", 1, 1), sym("auth.User", "class", 2, 10, "db"), sym("dup", "fn", 11, 12)),
      List.of(edge(0, "contains", "auth.User"), edge(0, "imports", "util", 1), edge(1, "references", EMOJI),
          edge(2, "calls", "auth.login", 12, 11)));
  static final FileSummary B = new FileSummary("src/b.cov", "covenant", null,
      List.of(sym("auth", "module", 1, 2, "meta"),
          rich("auth.login", "fn", 3, 20, bytes32(7), List.of(new Note("en", "Checks a password.")),
              Map.of("owner", "team-a", "tier", "1"), "net", "db")),
      List.of(edge(0, "contains", "auth.login"), edge(0, "imports", "util", 2), edge(1, "calls", "db.query", 5, 9),
          edge(1, "references", "auth.User", 4), edge(1, "calls", REPLACEMENT), edge(1, "calls", "auth.login", 7)));
  /** Declares {@code dup} again as another kind: a conflict that src/a.cov wins. */
  static final FileSummary C = file("./src//c.cov", "",
      List.of(sym("dup", "class", 1, 5, "io"), sym("c.only", "fn", 6, 7)),
      List.of(edge(0, "calls", "only.from.dropped", 2), edge(0, "extends", "auth.User"), edge(1, "calls", "dup", 6)));

  @Test
  void decodesToTheExpectedGraph() throws Exception {
    BuildResult result = Fixtures.build(List.of(C, A, B), dir.resolve("s.gsnap"));
    DecodedSnapshot s = DecodedSnapshot.read(dir.resolve("s.gsnap"));

    assertEquals(List.of("auth", "auth.User", "auth.login", "c.only", "db.query", "dup", "util", REPLACEMENT, EMOJI),
        s.names, "names in code-point order, the dropped edge's target left out");
    assertEquals(List.of("class", "external", "fn", "module"), s.kinds);
    assertEquals(List.of("db", "meta", "net"), s.effects, "effects of the dropped declaration left out");
    assertEquals(List.of("calls", "contains", "imports", "references"), s.edgeTypes,
        "'extends' only on a dropped declaration");
    assertEquals(List.of("src/a.cov", "src/b.cov", "src/c.cov"), s.filePaths);
    assertEquals(List.of("", "covenant"), s.languages);

    // Node records.
    int auth = s.node("auth");
    assertEquals(0, s.nodeFile[auth], "merged namespace: file of the first path");
    assertEquals(1, s.nodeLineStart[auth]);
    assertEquals(1, s.nodeLineEnd[auth], "lines from src/a.cov");
    assertEquals(SnapshotFormat.NODE_FLAG_MERGED, s.nodeFlags[auth]);
    assertEquals("module", s.kindOf("auth"));
    int dup = s.node("dup");
    assertEquals(0, s.nodeFile[dup], "conflict: src/a.cov sorts first and wins");
    assertEquals("fn", s.kindOf("dup"));
    assertEquals(11, s.nodeLineStart[dup]);
    assertEquals(0, s.nodeFlags[dup]);
    for (String external : List.of("db.query", "util", REPLACEMENT, EMOJI)) {
      int v = s.node(external);
      assertEquals(-1, s.nodeFile[v], external);
      assertEquals(0, s.nodeLineStart[v]);
      assertEquals(0, s.nodeLineEnd[v]);
      assertEquals(SnapshotFormat.NODE_FLAG_EXTERNAL, s.nodeFlags[v]);
      assertEquals(SnapshotFormat.EXTERNAL_KIND, s.kindOf(external));
      assertFalse(s.details.get(v).present(), "external nodes have an empty details entry");
    }
    assertEquals(2, s.nodeFile[s.node("c.only")]);

    // Forward CSR: sorted by (type id, target id), duplicates gone, the union of the merged namespace's edges.
    assertEquals(List.of("contains>auth.User", "contains>auth.login", "imports>util"), s.out("auth"));
    assertEquals(List.of("calls>auth.login", "calls>db.query", "calls>" + REPLACEMENT, "references>auth.User"),
        s.out("auth.login"), "self loop kept; type then target order");
    assertEquals(List.of("references>" + EMOJI), s.out("auth.User"));
    assertEquals(List.of("calls>auth.login"), s.out("dup"), "only the kept declaration's edges");
    assertEquals(List.of("calls>dup"), s.out("c.only"));
    assertEquals(List.of(), s.out("util"));
    assertEquals(0, s.forwardOffsets[0]);
    assertEquals(10, s.forwardOffsets[s.names.size()]);
    assertEquals(10, s.forwardTargets.length);

    // Reverse CSR: sorted by (type id, source id).
    assertEquals(List.of("calls<auth.login", "calls<dup", "contains<auth"), s.in("auth.login"));
    assertEquals(List.of("contains<auth", "references<auth.login"), s.in("auth.User"));
    assertEquals(List.of("calls<c.only"), s.in("dup"));
    assertEquals(List.of("imports<auth"), s.in("util"));

    assertArrayEquals(new long[] {5, 2, 1, 2}, s.edgeTypeCounts);

    // Bitmaps.
    assertEquals(RoaringBitmap.bitmapOf(s.node("auth.User")), s.kindBitmaps.get(0));
    assertEquals(RoaringBitmap.bitmapOf(s.node("db.query"), s.node("util"), s.node(REPLACEMENT), s.node(EMOJI)),
        s.kindBitmaps.get(1));
    assertEquals(RoaringBitmap.bitmapOf(s.node("auth.login"), s.node("c.only"), dup), s.kindBitmaps.get(2));
    assertEquals(RoaringBitmap.bitmapOf(auth), s.kindBitmaps.get(3));
    assertEquals(RoaringBitmap.bitmapOf(s.node("auth.User"), s.node("auth.login")), s.effectBitmaps.get(0), "db");
    assertEquals(RoaringBitmap.bitmapOf(auth), s.effectBitmaps.get(1), "meta: union over the merged declarations");
    assertEquals(RoaringBitmap.bitmapOf(s.node("auth.login")), s.effectBitmaps.get(2), "net");

    // Details.
    DecodedSnapshot.Details login = s.details.get(s.node("auth.login"));
    assertTrue(login.present());
    assertEquals(HexFormat.of().formatHex(bytes32(7)), login.hash());
    assertEquals(List.of("en:Checks a password."), login.notes());
    assertEquals(Map.of("owner", "team-a", "tier", "1"), login.metadata());
    assertEquals(List.of("owner", "tier"), new ArrayList<>(login.metadata().keySet()));
    DecodedSnapshot.Details plain = s.details.get(dup);
    assertTrue(plain.present());
    assertNull(plain.hash());
    assertTrue(plain.notes().isEmpty() && plain.metadata().isEmpty());

    // Files.
    assertEquals(HexFormat.of().formatHex(bytes32(1)), s.files.get(0).sourceSha256());
    assertEquals("0".repeat(64), s.files.get(1).sourceSha256(), "unknown source hash is zeros");
    assertEquals(ObjectId.of(LooseObjectCodec.encode(A)).hex(), s.files.get(0).objectId());
    assertEquals(1, s.files.get(0).languageId());
    assertEquals(0, s.files.get(2).languageId());
    assertEquals(3, s.files.get(0).symbolCount(), "auth, auth.User, dup");
    assertEquals(1, s.files.get(1).symbolCount(), "auth.login; auth is filed under src/a.cov");
    assertEquals(1, s.files.get(2).symbolCount(), "c.only; its dup was dropped");

    // Conflicts and build info.
    Conflict conflict = new Conflict("dup", "src/a.cov", "src/c.cov");
    assertEquals(List.of(conflict), s.conflicts);
    assertEquals(Map.of("conflicts", "1", "edges", "10", "externalNodes", "4", "files", "3", "nodes", "9",
        "tool", "graphsnap 0.1.0"), s.buildInfo);
    assertEquals(List.of("conflicts", "edges", "externalNodes", "files", "nodes", "tool"),
        new ArrayList<>(s.buildInfo.keySet()));

    // The result agrees with the file.
    assertEquals(List.of(conflict), result.conflicts());
    assertEquals(9, result.nodeCount());
    assertEquals(4, result.externalNodeCount());
    assertEquals(4, result.unresolvedTargetCount());
    assertEquals(10, result.edgeCount());
    assertEquals(3, result.fileCount());
    assertEquals(Files.size(dir.resolve("s.gsnap")), result.bytes());
    assertEquals(ObjectId.of(Files.readAllBytes(dir.resolve("s.gsnap"))).hex(), result.snapshotId());
    assertEquals(Map.of("calls", 5L, "contains", 2L, "imports", 1L, "references", 2L), result.edgesByType());
    assertEquals(List.of("calls", "contains", "imports", "references"), new ArrayList<>(result.edgesByType().keySet()));
    assertEquals(Map.of("class", 1L, "external", 4L, "fn", 3L, "module", 1L), result.nodesByKind());
    assertEquals(List.of("collect", "resolve", "sort", "edges", "indexes", "write"),
        new ArrayList<>(result.phaseDurations().keySet()));
  }

  @Test
  void everyInputOrderGivesTheSameBytesAndKeepsTheFirstPath() throws Exception {
    List<List<FileSummary>> orders = List.of(List.of(A, B, C), List.of(A, C, B), List.of(B, A, C),
        List.of(B, C, A), List.of(C, A, B), List.of(C, B, A));
    byte[] first = null;
    for (int i = 0; i < orders.size(); i++) {
      BuildResult r = Fixtures.build(orders.get(i), dir.resolve(i + ".gsnap"));
      byte[] bytes = Files.readAllBytes(dir.resolve(i + ".gsnap"));
      assertEquals(List.of(new Conflict("dup", "src/a.cov", "src/c.cov")), r.conflicts(), "order " + i);
      if (first == null) {
        first = bytes;
      } else {
        assertArrayEquals(first, bytes, "order " + i + " gives other bytes");
      }
    }
  }

  @Test
  void mixedKindsConflictEvenWhenSomeAreNamespaces() throws Exception {
    List<FileSummary> files = List.of(
        file("c", "", List.of(sym("x", "fn", 1, 1)), List.of(edge(0, "calls", "from.c"))),
        file("b", "", List.of(sym("x", "package", 1, 1)), List.of(edge(0, "contains", "from.b"))),
        file("a", "", List.of(sym("x", "package", 1, 1), sym("y", "module", 1, 1)), List.of(edge(0, "contains", "from.a"))),
        file("d", "", List.of(sym("y", "package", 1, 1)), List.of()));
    BuildResult r = Fixtures.build(files, dir.resolve("m.gsnap"));
    assertEquals(List.of(new Conflict("x", "a", "b"), new Conflict("x", "a", "c"), new Conflict("y", "a", "d")),
        r.conflicts(), "module and package are different namespace kinds: they do not merge");
    DecodedSnapshot s = DecodedSnapshot.read(dir.resolve("m.gsnap"));
    assertEquals(List.of("from.a", "x", "y"), s.names);
    assertEquals(List.of("contains>from.a"), s.out("x"));
    assertEquals(0, s.nodeFlags[s.node("x")]);
  }

  @Test
  void emptySourceGivesAValidEmptySnapshot() throws Exception {
    BuildResult r = Fixtures.build(List.of(), dir.resolve("e.gsnap"));
    DecodedSnapshot s = DecodedSnapshot.read(dir.resolve("e.gsnap"));
    assertEquals(0, r.nodeCount());
    assertTrue(s.names.isEmpty() && s.kinds.isEmpty() && s.filePaths.isEmpty());
    assertArrayEquals(new long[] {0}, s.forwardOffsets);
    assertArrayEquals(new long[] {0}, s.reverseOffsets);
    assertEquals(0, s.forwardTargets.length);
  }

  @Test
  void rebuildingOntoAnExistingFileReplacesIt() throws Exception {
    Path out = dir.resolve("s.gsnap");
    BuildResult small = Fixtures.build(List.of(A), out);
    BuildResult full = Fixtures.build(List.of(A, B, C), out);
    assertFalse(small.snapshotId().equals(full.snapshotId()));
    assertEquals(full.snapshotId(), ObjectId.of(Files.readAllBytes(out)).hex());
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(out), listing.toList(), "no temporary file left");
    }
  }

  @Test
  void buildIntoNamesTheFileByItsHash() throws Exception {
    BuildResult r = new SnapshotBuilder().buildInto(ObjectSource.of(List.of(A, B)), dir.resolve("snapshots"));
    Path expected = dir.resolve("snapshots").resolve(r.snapshotId() + ".gsnap").toAbsolutePath();
    assertEquals(expected, r.path());
    assertEquals(r.snapshotId(), ObjectId.of(Files.readAllBytes(expected)).hex());
    BuildResult again = new SnapshotBuilder().buildInto(ObjectSource.of(List.of(B, A)), dir.resolve("snapshots"));
    assertEquals(r.snapshotId(), again.snapshotId());
    try (var listing = Files.list(dir.resolve("snapshots"))) {
      assertEquals(List.of(expected), listing.toList());
    }
  }
}
