package io.graphsnap.cli.fuzz;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The fixed query sequence the snapshot fuzz target runs on every file that opens, and the consistency
 * checks it adds on every file that also passes {@code verify()}. Only valid arguments are passed (ids in
 * range), so any exception but {@code CorruptSnapshotException} is a reader bug. Work is bounded by the
 * file's size: at most {@value #SAMPLES} sampled nodes, one BFS over at most N nodes and E edges. Stateless.
 */
final class SnapshotQueries {
  /** Nodes (and files) sampled per file. */
  static final int SAMPLES = 24;

  private SnapshotQueries() {}

  /** Runs the query sequence: counts, dictionaries, lookups (hits and misses), columns, cursors, sites, queries, a BFS. */
  static void exercise(GraphSnapshot g) {
    int n = g.nodeCount();
    g.edgeCount();
    int files = g.fileCount();
    g.formatVersion();
    g.byteSize();
    List<String> types = g.edgeTypes();
    List<String> kinds = g.kinds();
    List<String> effects = g.effectNames();
    for (int t = 0; t < types.size(); t++) {
      g.edgeCount(t);
      g.edgeTypeId(types.get(t));
    }
    g.buildInfo();
    g.conflicts();
    g.node("");
    g.node("absent.\u00e9.name");
    g.node(new byte[] {(byte) 0xFF, 0, (byte) 0x80});
    g.withPrefix("");
    g.withPrefix("a");
    for (int i = 0; i < Math.min(n, SAMPLES); i++) {
      int id = sample(i, n);
      node(g, id, types.size());
    }
    for (String kind : kinds) {
      cardinality(g.ofKind(kind));
    }
    g.ofKind("no such kind");
    for (String effect : effects) {
      cardinality(g.withEffect(effect));
    }
    g.withEffect("no such effect");
    for (int i = 0; i < Math.min(files, SAMPLES); i++) {
      int f = sample(i, files);
      String path = g.filePath(f);
      g.fileId(path);
      g.fileSourceSha256(f);
      g.fileObjectId(f);
      g.fileLanguage(f);
      g.fileSymbolCount(f);
    }
    g.fileId("no/such/file");
    if (n > 0) {
      bfs(g, 0);
    }
  }

  private static void node(GraphSnapshot g, int id, int typeCount) {
    String name = g.name(id);
    g.node(name);
    g.node(name + "\u0000miss");
    g.withPrefix(name.length() > 3 ? name.substring(0, 3) : name);
    g.kindId(id);
    g.kind(id);
    g.fileId(id);
    g.file(id);
    g.lineStart(id);
    g.lineEnd(id);
    g.isExternal(id);
    g.isMerged(id);
    g.effects(id);
    g.details(id);
    g.outDegree(id);
    g.inDegree(id);
    drain(g.out(id));
    drain(g.in(id));
    g.hasSites();
    g.outSites(id);
    EdgeCursor out = g.out(id);
    for (int w = out.next(); w >= 0; w = out.next()) {
      g.sites(id, out.type(), w);
    }
    for (int t = 0; t < typeCount; t++) {
      drain(g.out(id, t));
      drain(g.in(id, t));
      cardinality(g.byRelation(name, g.edgeTypes().get(t)));
    }
  }

  /** Breadth-first search over out-edges from {@code source}; returns the number of nodes reached. O(N + E). */
  static int bfs(GraphSnapshot g, int source) {
    int n = g.nodeCount();
    MutableRoaringBitmap seen = new MutableRoaringBitmap();
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    queue[tail++] = source;
    seen.add(source);
    EdgeCursor cursor = g.forward().cursor();
    while (head < tail) {
      int v = queue[head++];
      for (int w = cursor.reset(v).next(); w >= 0; w = cursor.next()) {
        if (seen.checkedAdd(w)) {
          queue[tail++] = w;
        }
      }
    }
    return tail;
  }

  /**
   * On a file that passed {@code verify()}: every answer agrees with every other. Names round-trip through
   * lookup and prefix ranges, degrees equal cursor lengths, every out-edge appears as the matching typed
   * in-edge and in {@code byRelation}, every node is in the bitmap of its kind, file paths round-trip.
   *
   * @throws AssertionError naming the first disagreement
   */
  static void checkConsistent(GraphSnapshot g) {
    int n = g.nodeCount();
    List<String> types = g.edgeTypes();
    long edges = 0;
    for (int v = 0; v < n; v++) {
      String name = g.name(v);
      require(g.node(name) == v, "lookup of name(" + v + ") = " + g.node(name));
      require(g.node(name.getBytes(StandardCharsets.UTF_8)) == v, "utf-8 lookup of node " + v);
      IdRange range = g.withPrefix(name);
      require(range.contains(v), "withPrefix(name(" + v + ")) = " + range);
      require(g.ofKind(g.kind(v)).contains(v), "node " + v + " missing from the bitmap of its kind");
      for (String effect : g.effects(v)) {
        require(g.withEffect(effect).contains(v), "node " + v + " missing from effect " + effect);
      }
      EdgeCursor out = g.out(v);
      long degree = 0;
      int[][] sites = g.outSites(v);
      require(sites.length == g.outDegree(v), "outSites(" + v + ") has " + sites.length + " rows");
      for (int w = out.next(); w >= 0; w = out.next()) {
        int[] lines = g.sites(v, out.type(), w);
        int[] row = sites[(int) degree];
        require(java.util.Arrays.equals(lines, row == null ? new int[0] : row), "sites of " + v + " -> " + w);
        degree++;
        int t = out.type();
        require(contains(g.in(w, t), v), "edge " + v + " -" + types.get(t) + "-> " + w + " missing from in(" + w + ")");
        require(g.byRelation(g.name(w), types.get(t)).contains(v), "byRelation misses " + v + " -> " + w);
      }
      require(degree == g.outDegree(v), "outDegree(" + v + ")");
      require(count(g.in(v)) == g.inDegree(v), "inDegree(" + v + ")");
      edges += degree;
    }
    require(edges == g.edgeCount(), "edge count " + edges + " vs " + g.edgeCount());
    for (int f = 0; f < g.fileCount(); f++) {
      require(g.fileId(g.filePath(f)) == f, "fileId(filePath(" + f + "))");
    }
  }

  private static boolean contains(EdgeCursor cursor, int id) {
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      if (w == id) {
        return true;
      }
    }
    return false;
  }

  private static long count(EdgeCursor cursor) {
    long c = 0;
    while (cursor.next() >= 0) {
      c++;
    }
    return c;
  }

  private static void drain(EdgeCursor cursor) {
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      cursor.type();
    }
  }

  private static long cardinality(ImmutableRoaringBitmap bitmap) {
    long sum = 0;
    IntIterator it = bitmap.getIntIterator();
    while (it.hasNext()) {
      sum += it.next();
    }
    return sum + bitmap.getLongCardinality();
  }

  private static int sample(int i, int count) {
    return (int) ((long) i * count / Math.min(count, SAMPLES));
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("verified snapshot answers inconsistently: " + what);
    }
  }
}
