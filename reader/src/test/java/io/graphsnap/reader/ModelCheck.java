package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.graphsnap.format.object.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Compares every answer of a snapshot with the naive {@link TestGraph} model it was written from. */
final class ModelCheck {
  private ModelCheck() {}

  /**
   * Each file's nodes in line order, and the enclosing chain at every line boundary of its nodes, against a
   * naive sort and filter of the model.
   */
  static void assertFileSymbols(TestGraph g, GraphSnapshot s, List<String> names, List<String> paths) {
    for (int f = 0; f < paths.size(); f++) {
      String path = paths.get(f);
      List<Integer> expected = new ArrayList<>();
      for (int v = 0; v < names.size(); v++) {
        if (path.equals(g.nodes.get(names.get(v)).file)) {
          expected.add(v);
        }
      }
      expected.sort(java.util.Comparator.<Integer>comparingInt(v -> g.nodes.get(names.get(v)).lineStart)
          .thenComparing(v -> -(long) g.nodes.get(names.get(v)).lineEnd).thenComparingInt(v -> v));
      assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), s.fileSymbols(f), path);
      Set<Integer> lines = new TreeSet<>(List.of(0, 1));
      for (int v : expected) {
        TestGraph.Node node = g.nodes.get(names.get(v));
        lines.addAll(List.of(node.lineStart - 1, node.lineStart, node.lineEnd, node.lineEnd + 1));
      }
      for (int line : lines) {
        List<Integer> chain = new ArrayList<>();
        for (int v : expected) {
          TestGraph.Node node = g.nodes.get(names.get(v));
          if (node.lineStart <= line && line <= node.lineEnd) {
            chain.add(0, v);
          }
        }
        assertArrayEquals(chain.stream().mapToInt(Integer::intValue).toArray(), s.enclosing(f, line), path + ":" + line);
      }
    }
  }

  /**
   * The sites of every out-edge, by {@code sites(source, type, target)} and by {@code outSites(source)}, against the
   * model's lines (none at all when the snapshot has no CALL_SITES, as in format version 3 and older).
   */
  static void assertSites(TestGraph g, GraphSnapshot s) {
    List<String> names = g.sortedNames();
    List<String> types = g.edgeTypes();
    boolean has = s.hasSites();
    for (int v = 0; v < names.size(); v++) {
      List<int[]> row = g.neighbours(v, -1, false);
      int[][] out = s.outSites(v);
      assertEquals(row.size(), out.length);
      for (int p = 0; p < row.size(); p++) {
        int w = row.get(p)[0];
        int t = row.get(p)[1];
        int[] expected = has ? g.sites(names.get(v), types.get(t), names.get(w)) : new int[0];
        String what = names.get(v) + " -" + types.get(t) + "-> " + names.get(w);
        assertArrayEquals(expected, s.sites(v, t, w), what);
        assertArrayEquals(expected.length == 0 ? null : expected, out[p], what);
      }
      final int self = v;
      if (!types.isEmpty() && row.stream().noneMatch(e -> e[0] == self && e[1] == 0)) {
        assertEquals(0, s.sites(v, 0, v).length, "an edge that does not exist has no sites");
      }
    }
  }

  static void assertMatches(TestGraph g, GraphSnapshot s) {
    List<String> names = g.sortedNames();
    List<String> kinds = g.kinds();
    List<String> effects = g.effects();
    List<String> types = g.edgeTypes();
    List<String> paths = g.filePaths();
    assertEquals(names.size(), s.nodeCount());
    assertEquals(g.edgeTriples().size(), s.edgeCount());
    assertEquals(paths.size(), s.fileCount());
    assertEquals(kinds, s.kinds());
    assertEquals(effects, s.effectNames());
    assertEquals(types, s.edgeTypes());
    for (int t = 0; t < types.size(); t++) {
      final int type = t;
      assertEquals(g.edgeTriples().stream().filter(e -> e[1] == type).count(), s.edgeCount(t));
      assertEquals(t, s.edgeTypeId(types.get(t)));
    }
    assertEquals(-1, s.edgeTypeId("no-such-type"));
    assertEquals(Map.copyOf(g.buildInfo), Map.copyOf(s.buildInfo()));
    assertEquals(g.conflicts, s.conflicts());

    for (int f = 0; f < paths.size(); f++) {
      TestGraph.File file = g.files.get(paths.get(f));
      assertEquals(file.path(), s.filePath(f));
      assertEquals(f, s.fileId(file.path()));
      assertArrayEquals(file.sourceSha256(), s.fileSourceSha256(f));
      assertEquals(Hex.of(file.objectId()), s.fileObjectId(f));
      assertEquals(file.language(), s.fileLanguage(f));
      assertEquals(file.symbolCount(), s.fileSymbolCount(f));
    }
    assertEquals(-1, s.fileId("no/such/file"));
    assertFileSymbols(g, s, names, paths);
    assertSites(g, s);

    EdgeCursor reusable = s.forward().cursor();
    for (int v = 0; v < names.size(); v++) {
      TestGraph.Node node = g.nodes.get(names.get(v));
      assertEquals(node.name, s.name(v));
      assertEquals(v, s.node(node.name));
      assertEquals(v, s.node(node.name.getBytes(StandardCharsets.UTF_8)));
      assertEquals(node.kind, s.kind(v));
      assertEquals(kinds.indexOf(node.kind), s.kindId(v));
      assertEquals(node.file, s.file(v));
      assertEquals(node.file == null ? -1 : paths.indexOf(node.file), s.fileId(v));
      assertEquals(node.lineStart, s.lineStart(v));
      assertEquals(node.lineEnd, s.lineEnd(v));
      assertEquals(node.external, s.isExternal(v));
      assertEquals(node.merged, s.isMerged(v));
      assertEquals(new ArrayList<>(node.effects), s.effects(v));
      NodeDetails d = s.details(v);
      assertArrayEquals(node.hash, d.contentHash());
      assertEquals(node.notes, d.notes());
      assertEquals(node.metadata, d.metadata());

      assertEdges(g.neighbours(v, -1, false), s.out(v));
      assertEdges(g.neighbours(v, -1, true), s.in(v));
      assertEdges(g.neighbours(v, -1, false), reusable.reset(v));
      assertEquals(g.neighbours(v, -1, false).size(), s.outDegree(v));
      assertEquals(g.neighbours(v, -1, true).size(), s.inDegree(v));
      for (int t = 0; t < types.size(); t++) {
        assertEdges(g.neighbours(v, t, false), s.out(v, t));
        assertEdges(g.neighbours(v, t, true), s.in(v, t));
        assertEdges(g.neighbours(v, t, false), reusable.reset(v, t));
      }
      assertCsr(g.neighbours(v, -1, false), s.forward(), v);
      assertCsr(g.neighbours(v, -1, true), s.reverse(), v);
    }
    assertEquals(-1, s.node("no.such.node"));
    assertEquals(-1, s.node(""));

    for (String kind : kinds) {
      assertBitmap(names, n -> g.nodes.get(n).kind.equals(kind), s.ofKind(kind));
    }
    assertEquals(0, s.ofKind("no-such-kind").getCardinality());
    for (String effect : effects) {
      assertBitmap(names, n -> g.nodes.get(n).effects.contains(effect), s.withEffect(effect));
    }
    assertEquals(0, s.withEffect("no-such-effect").getCardinality());

    for (int v = 0; v < names.size(); v += Math.max(1, names.size() / 50)) {
      for (int t = 0; t < types.size(); t++) {
        MutableRoaringBitmap expected = new MutableRoaringBitmap();
        for (int[] e : g.neighbours(v, t, true)) {
          expected.add(e[0]);
        }
        assertEquals(expected, s.byRelation(names.get(v), types.get(t)));
      }
    }
    assertEquals(0, s.byRelation("no.such.node", types.isEmpty() ? "x" : types.get(0)).getCardinality());

    Set<String> prefixes = new TreeSet<>(List.of("", "a", "auth", "auth.", "auth.l", "p1", "p1ß", "p1.", "ü", "ünï",
        "α", "zzz", "\uFFFF", "R-"));
    for (String name : names) {
      for (int len = 0; len <= Math.min(3, name.length()); len++) {
        prefixes.add(name.substring(0, len));
      }
    }
    for (String prefix : prefixes) {
      assertPrefix(names, prefix, s.withPrefix(prefix));
    }
  }

  static void assertEdges(List<int[]> expected, EdgeCursor cursor) {
    assertEquals(expected.size(), cursor.size());
    assertEquals(-1, cursor.type());
    List<String> actual = new ArrayList<>();
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      actual.add(w + ":" + cursor.type());
    }
    assertEquals(0, cursor.remaining());
    assertEquals(EdgeCursor.END, cursor.next());
    List<String> want = new ArrayList<>();
    expected.forEach(e -> want.add(e[0] + ":" + e[1]));
    assertEquals(want, actual);
  }

  static void assertCsr(List<int[]> expected, CsrView csr, int v) {
    long from = csr.offset(v);
    long to = csr.offset(v + 1);
    assertEquals(expected.size(), to - from);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i)[0], csr.neighbour(from + i));
      assertEquals(expected.get(i)[1], csr.type(from + i));
    }
    assertEquals(expected.size(), csr.degree(v));
  }

  static void assertBitmap(List<String> names, java.util.function.Predicate<String> member, ImmutableRoaringBitmap actual) {
    MutableRoaringBitmap expected = new MutableRoaringBitmap();
    for (int v = 0; v < names.size(); v++) {
      if (member.test(names.get(v))) {
        expected.add(v);
      }
    }
    assertEquals(expected, actual.toMutableRoaringBitmap());
  }

  static void assertPrefix(List<String> names, String prefix, IdRange range) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    int start = -1;
    int end = -1;
    for (int v = 0; v < names.size(); v++) {
      byte[] name = names.get(v).getBytes(StandardCharsets.UTF_8);
      boolean match = name.length >= p.length && java.util.Arrays.equals(name, 0, p.length, p, 0, p.length);
      if (match && start < 0) {
        start = v;
      }
      if (match) {
        end = v + 1;
      }
    }
    if (start < 0) {
      assertEquals(0, range.size(), "prefix \"" + prefix + "\"");
    } else {
      assertEquals(new IdRange(start, end), range, "prefix \"" + prefix + "\"");
    }
  }
}
