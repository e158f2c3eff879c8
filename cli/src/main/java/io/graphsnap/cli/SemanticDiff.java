package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The semantic difference between two snapshots, grouped by file: symbols added, removed and modified, and edges
 * added and removed. Immutable once computed.
 *
 * <ul>
 *   <li>A <b>symbol</b> is a declared node (external nodes are edge targets, not symbols): it is added when the
 *       new snapshot declares a name the old one did not (a new symbol, or an external target that became
 *       defined), removed in the opposite case.
 *   <li>A symbol is <b>modified</b> when its content hash, kind, effects or defining file differ; the entry
 *       lists which ({@code hash}, {@code kind}, {@code effects}, {@code file}). Line numbers are not compared:
 *       an edit above a symbol moves it without changing it.
 *   <li>An <b>edge</b> (source, type, target name) is added or removed when it is in one snapshot only.
 *   <li>Symbols and edges are listed under their file in the snapshot they are in (for a modified symbol or
 *       added edge, the new one; for a removed one, the old one), files in code-point order of their paths.
 * </ul>
 *
 * <p>Cost: one merge of the two sorted name tables, O(N<sub>A</sub> + N<sub>B</sub>) names decoded; a symbol
 * whose defining file has the same object in both (and that is not a merged namespace) is known to be unchanged
 * without decoding its details or edges, so the rest is proportional to what differs.
 */
final class SemanticDiff {
  /** A symbol added, removed or modified; {@code changes} is empty unless modified. */
  record SymbolChange(String name, String kind, List<String> changes) {}

  /** An edge added or removed. */
  record EdgeChange(String from, String type, String to) {}

  /** The changes of one file. */
  static final class FileDiff {
    final String path;
    final List<SymbolChange> added = new ArrayList<>();
    final List<SymbolChange> removed = new ArrayList<>();
    final List<SymbolChange> modified = new ArrayList<>();
    final List<EdgeChange> edgesAdded = new ArrayList<>();
    final List<EdgeChange> edgesRemoved = new ArrayList<>();

    FileDiff(String path) {
      this.path = path;
    }
  }

  private final GraphSnapshot a;
  private final GraphSnapshot b;
  private final String[] objectsA;
  private final String[] objectsB;
  /** Files by path, code-point order. */
  final Map<String, FileDiff> files = new TreeMap<>(SemanticDiff::compareCodePoints);
  int symbolsAdded;
  int symbolsRemoved;
  int symbolsModified;
  int edgesAdded;
  int edgesRemoved;

  private SemanticDiff(GraphSnapshot a, GraphSnapshot b) {
    this.a = a;
    this.b = b;
    this.objectsA = new String[a.fileCount()];
    this.objectsB = new String[b.fileCount()];
  }

  /** Compares {@code from} (old) with {@code to} (new). Both stay open and owned by the caller. */
  static SemanticDiff of(GraphSnapshot from, GraphSnapshot to) {
    SemanticDiff diff = new SemanticDiff(from, to);
    diff.run();
    return diff;
  }

  private void run() {
    int na = a.nodeCount();
    int nb = b.nodeCount();
    int i = 0;
    int j = 0;
    String x = na > 0 ? a.name(0) : null;
    String y = nb > 0 ? b.name(0) : null;
    while (i < na || j < nb) {
      int cmp = i >= na ? 1 : j >= nb ? -1 : compareCodePoints(x, y);
      if (cmp < 0) {
        both(i, -1, x);
      } else if (cmp > 0) {
        both(-1, j, y);
      } else {
        both(i, j, x);
      }
      if (cmp <= 0 && ++i < na) {
        x = a.name(i);
      }
      if (cmp >= 0 && ++j < nb) {
        y = b.name(j);
      }
    }
  }

  /** Compares node {@code ia} of A and {@code ib} of B (either -1 when the name is a node of one side only). */
  private void both(int ia, int ib, String name) {
    boolean inA = ia >= 0 && !a.isExternal(ia);
    boolean inB = ib >= 0 && !b.isExternal(ib);
    if (!inA && !inB) {
      return;
    }
    if (inA && !inB) {
      symbolsRemoved++;
      FileDiff f = file(a.file(ia));
      f.removed.add(new SymbolChange(name, a.kind(ia), List.of()));
      edgesRemoved += addAll(f.edgesRemoved, outEdges(a, ia, name), Set.of());
      return;
    }
    if (!inA) {
      symbolsAdded++;
      FileDiff f = file(b.file(ib));
      f.added.add(new SymbolChange(name, b.kind(ib), List.of()));
      edgesAdded += addAll(f.edgesAdded, outEdges(b, ib, name), Set.of());
      return;
    }
    int fa = a.fileId(ia);
    int fb = b.fileId(ib);
    String pathA = a.filePath(fa);
    String pathB = b.filePath(fb);
    if (!a.isMerged(ia) && !b.isMerged(ib) && pathA.equals(pathB) && objectA(fa).equals(objectB(fb))) {
      return; // the same declaration of the same object: nothing about the node can differ
    }
    List<String> changes = new ArrayList<>(4);
    if (!Arrays.equals(a.details(ia).contentHash(), b.details(ib).contentHash())) {
      changes.add("hash");
    }
    if (!a.kind(ia).equals(b.kind(ib))) {
      changes.add("kind");
    }
    if (!a.effects(ia).equals(b.effects(ib))) {
      changes.add("effects");
    }
    if (!pathA.equals(pathB)) {
      changes.add("file");
    }
    if (!changes.isEmpty()) {
      symbolsModified++;
      file(pathB).modified.add(new SymbolChange(name, b.kind(ib), List.copyOf(changes)));
    }
    List<EdgeChange> before = outEdges(a, ia, name);
    List<EdgeChange> after = outEdges(b, ib, name);
    edgesAdded += addAll(file(pathB).edgesAdded, after, new HashSet<>(before));
    edgesRemoved += addAll(file(pathA).edgesRemoved, before, new HashSet<>(after));
  }

  /** Node {@code v}'s out-edges in snapshot order (by type, then target). */
  private static List<EdgeChange> outEdges(GraphSnapshot g, int v, String name) {
    List<String> types = g.edgeTypes();
    List<EdgeChange> out = new ArrayList<>(g.outDegree(v));
    EdgeCursor cursor = g.out(v);
    for (int t = cursor.next(); t >= 0; t = cursor.next()) {
      out.add(new EdgeChange(name, types.get(cursor.type()), g.name(t)));
    }
    return out;
  }

  /** Adds the edges of {@code edges} not in {@code except} to {@code into}; returns how many. */
  private static int addAll(List<EdgeChange> into, List<EdgeChange> edges, Set<EdgeChange> except) {
    int added = 0;
    for (EdgeChange e : edges) {
      if (!except.contains(e)) {
        into.add(e);
        added++;
      }
    }
    return added;
  }

  private String objectA(int fileId) {
    if (objectsA[fileId] == null) {
      objectsA[fileId] = a.fileObjectId(fileId);
    }
    return objectsA[fileId];
  }

  private String objectB(int fileId) {
    if (objectsB[fileId] == null) {
      objectsB[fileId] = b.fileObjectId(fileId);
    }
    return objectsB[fileId];
  }

  private FileDiff file(String path) {
    return files.computeIfAbsent(path, FileDiff::new);
  }

  /** True if nothing differs. */
  boolean isEmpty() {
    return symbolsAdded + symbolsRemoved + symbolsModified + edgesAdded + edgesRemoved == 0;
  }

  /** Files with at least one change, in path order. */
  List<FileDiff> changedFiles() {
    List<FileDiff> changed = new ArrayList<>();
    for (FileDiff f : files.values()) {
      if (!(f.added.isEmpty() && f.removed.isEmpty() && f.modified.isEmpty() && f.edgesAdded.isEmpty()
          && f.edgesRemoved.isEmpty())) {
        changed.add(f);
      }
    }
    return changed;
  }

  /**
   * Code-point order (the order of UTF-8 bytes compared unsigned, which snapshots sort names and paths by);
   * differs from {@link String#compareTo} where a supplementary character meets U+E000–U+FFFF.
   */
  static int compareCodePoints(String x, String y) {
    int n = Math.min(x.length(), y.length());
    for (int k = 0; k < n; k++) {
      char c = x.charAt(k);
      char d = y.charAt(k);
      if (c != d) {
        return rank(c) - rank(d);
      }
    }
    return x.length() - y.length();
  }

  private static int rank(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }
}
