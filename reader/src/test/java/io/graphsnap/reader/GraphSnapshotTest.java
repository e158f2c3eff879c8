package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.Note;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

class GraphSnapshotTest {
  @TempDir Path dir;
  private TestGraph graph;
  private GraphSnapshot snapshot;

  @BeforeEach
  void open() throws Exception {
    graph = Fixtures.small();
    snapshot = GraphSnapshot.open(Fixtures.write(dir, "small.gsnap", TestSnapshotWriter.write(graph)));
  }

  @AfterEach
  void close() {
    snapshot.close();
  }

  @Test
  void everyAnswerMatchesTheModel() {
    ModelCheck.assertMatches(graph, snapshot);
  }

  @Test
  void verifyPassesOnAGoodFile() {
    snapshot.verify();
  }

  @Test
  void countsAndMetadata() {
    assertEquals(11, snapshot.nodeCount()); // 9 defined + 2 external (ext.crypt, ext.log)
    assertEquals(SnapshotFormat.VERSION_CURRENT, snapshot.formatVersion());
    assertEquals(4, snapshot.fileCount());
    assertTrue(snapshot.byteSize() > 0);
    assertTrue(snapshot.path().endsWith("small.gsnap"));
    assertEquals(Map.of("tool", "graphsnap-test 0", "nodes", "12"), snapshot.buildInfo());
    assertEquals(List.of(new Conflict("auth.User", "src/auth.cov", "src/db.cov"),
        new Conflict("db.query", "src/db.cov", "src/ünï.py")), snapshot.conflicts());
    assertEquals(List.of("calls", "contains", "covers", "references", "tests"), snapshot.edgeTypes());
    assertEquals(List.of("db", "io", "net"), snapshot.effectNames());
    assertTrue(snapshot.kinds().contains("external"));
  }

  @Test
  void lookupHitAndMiss() {
    int login = snapshot.node("auth.login");
    assertTrue(login >= 0);
    assertEquals("auth.login", snapshot.name(login));
    assertEquals(-1, snapshot.node("auth.logi"));
    assertEquals(-1, snapshot.node("auth.login "));
    assertEquals(-1, snapshot.node("AUTH.LOGIN"));
    int unicode = snapshot.node("ünïcode.fn");
    assertEquals("ünïcode.fn", snapshot.name(unicode));
    assertEquals("αβγ.x", snapshot.name(snapshot.node("αβγ.x")));
  }

  @Test
  void nodeColumns() {
    int login = snapshot.node("auth.login");
    assertEquals("fn", snapshot.kind(login));
    assertEquals(snapshot.kindId("fn"), snapshot.kindId(login));
    assertEquals("src/auth.cov", snapshot.file(login));
    assertEquals(3, snapshot.lineStart(login));
    assertEquals(20, snapshot.lineEnd(login));
    assertFalse(snapshot.isExternal(login));
    assertEquals(List.of("db", "net"), snapshot.effects(login));
    assertTrue(snapshot.isMerged(snapshot.node("auth")));

    int crypt = snapshot.node("ext.crypt");
    assertTrue(snapshot.isExternal(crypt));
    assertEquals("external", snapshot.kind(crypt));
    assertNull(snapshot.file(crypt));
    assertEquals(-1, snapshot.fileId(crypt));
    assertEquals(List.of(), snapshot.effects(crypt));
    assertTrue(snapshot.details(crypt).isEmpty());
  }

  @Test
  void detailsAreDecodedOnDemand() {
    NodeDetails d = snapshot.details(snapshot.node("auth.login"));
    assertArrayEquals(Fixtures.sha(10), d.contentHash());
    assertEquals(List.of(new Note("en", "Checks a password."), new Note("md", "*Checks* a password.")), d.notes());
    assertEquals(Map.of("owner", "team-a", "since", "1.2"), d.metadata());
    NodeDetails u = snapshot.details(snapshot.node("ünïcode.fn"));
    assertNull(u.contentHash());
    assertEquals(Map.of("ключ", "значение"), u.metadata());
    assertTrue(snapshot.details(snapshot.node("auth.logout")).isEmpty());
  }

  @Test
  void fileTable() {
    int f = snapshot.fileId("src/ünï.py");
    assertEquals("src/ünï.py", snapshot.filePath(f));
    assertEquals("python", snapshot.fileLanguage(f));
    assertArrayEquals(Fixtures.sha(4), snapshot.fileSourceSha256(f));
    assertEquals(2, snapshot.fileSymbolCount(f));
    assertNull(snapshot.fileSourceSha256(snapshot.fileId("src/db.cov")));
    assertEquals(64, snapshot.fileObjectId(f).length());
  }

  @Test
  void cursorsAllAndTyped() {
    int login = snapshot.node("auth.login");
    int calls = snapshot.edgeTypeId("calls");
    int refs = snapshot.edgeTypeId("references");
    assertEquals(List.of("db.query", "ext.crypt"), names(snapshot.out(login, calls)));
    assertEquals(List.of("auth.User"), names(snapshot.out(login, refs)));
    assertEquals(List.of(), names(snapshot.out(login, snapshot.edgeTypeId("tests"))));
    // all types: sorted by (type id, target id): calls < references
    assertEquals(List.of("db.query", "ext.crypt", "auth.User"), names(snapshot.out(login)));
    assertEquals(3, snapshot.outDegree(login));
    // in-edges of auth.login: auth contains, auth.logout calls, test.login calls, test.login tests
    assertEquals(List.of("auth.logout", "test.login"), names(snapshot.in(login, calls)));
    assertEquals(List.of("auth.logout", "test.login", "auth", "test.login"), names(snapshot.in(login)));
    assertEquals(4, snapshot.inDegree(login));
    int query = snapshot.node("db.query");
    assertEquals(List.of("db.query"), names(snapshot.out(query, calls))); // self-loop
    assertTrue(names(snapshot.in(query, calls)).contains("db.query"));
  }

  @Test
  void cursorTypesAndReuse() {
    int login = snapshot.node("auth.login");
    EdgeCursor c = snapshot.out(login);
    assertEquals(-1, c.type());
    assertEquals(snapshot.node("db.query"), c.next());
    assertEquals(snapshot.edgeTypeId("calls"), c.type());
    assertEquals(2, c.remaining());
    assertEquals(3, c.size());
    c.next();
    assertEquals(snapshot.node("auth.User"), c.next());
    assertEquals(snapshot.edgeTypeId("references"), c.type());
    assertEquals(EdgeCursor.END, c.next());
    c.reset(snapshot.node("auth"), snapshot.edgeTypeId("contains"));
    assertEquals(3, c.size());
    assertEquals(snapshot.node("auth"), c.node());
    c.reset(snapshot.node("ext.log"));
    assertEquals(EdgeCursor.END, c.next());
  }

  @Test
  void callerErrorsAreIndexOutOfBounds() {
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.name(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.name(snapshot.nodeCount()));
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.out(0, snapshot.edgeTypes().size()));
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.out(0, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.forward().neighbour(snapshot.edgeCount()));
    assertThrows(IndexOutOfBoundsException.class, () -> snapshot.filePath(snapshot.fileCount()));
  }

  @Test
  void kindAndEffectBitmaps() {
    assertEquals(MutableRoaringBitmap.bitmapOf(ids("auth.login", "auth.logout", "db.query", "ünïcode.fn")),
        snapshot.ofKind("fn").toMutableRoaringBitmap());
    assertEquals(MutableRoaringBitmap.bitmapOf(ids("auth.login", "db.query")),
        snapshot.withEffect("db").toMutableRoaringBitmap());
    assertTrue(snapshot.ofKind("nope").isEmpty());
    assertTrue(snapshot.withEffect("nope").isEmpty());
    assertEquals(snapshot.ofKind("fn"), snapshot.ofKind("fn")); // cached view answers the same
  }

  @Test
  void byRelation() {
    assertEquals(MutableRoaringBitmap.bitmapOf(ids("auth.logout", "test.login")),
        snapshot.byRelation("auth.login", "calls"));
    assertEquals(MutableRoaringBitmap.bitmapOf(ids("test.login")), snapshot.byRelation("R-12", "covers"));
    assertTrue(snapshot.byRelation("auth.login", "covers").isEmpty());
    assertTrue(snapshot.byRelation("nobody", "calls").isEmpty());
    assertTrue(snapshot.byRelation("auth.login", "no-such-type").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "auth", "auth.", "auth.lo", "ext.", "ü", "ünï", "α", "αβγ", "z", "\uD83D\uDE00", "R"})
  void withPrefix(String prefix) {
    ModelCheck.assertPrefix(graph.sortedNames(), prefix, snapshot.withPrefix(prefix));
  }

  @Test
  void withPrefixExamples() {
    IdRange auth = snapshot.withPrefix("auth.");
    assertEquals(3, auth.size());
    for (int v = auth.start(); v < auth.end(); v++) {
      assertTrue(snapshot.name(v).startsWith("auth."));
    }
    assertEquals(new IdRange(0, snapshot.nodeCount()), snapshot.withPrefix(""));
    assertEquals(1, snapshot.withPrefix("ünï").size());
    assertEquals(0, snapshot.withPrefix("ünïx").size());
  }

  private int[] ids(String... names) {
    int[] ids = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      ids[i] = snapshot.node(names[i]);
    }
    return ids;
  }

  private List<String> names(EdgeCursor c) {
    List<String> out = new java.util.ArrayList<>();
    for (int w = c.next(); w >= 0; w = c.next()) {
      out.add(snapshot.name(w));
    }
    return out;
  }
}
