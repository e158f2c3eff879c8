package io.graphsnap.reader;

import io.graphsnap.format.object.Note;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A naive in-memory graph used both to write test snapshots ({@link TestSnapshotWriter}) and as the model
 * the reader's answers are compared with. Everything is derived the obvious way, with no shared code with
 * the reader. Mutable; test-only.
 */
final class TestGraph {
  /** Unsigned UTF-8 byte order, the order of every sorted list in a snapshot. */
  static final Comparator<String> BYTE_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** One node as declared. */
  static final class Node {
    final String name;
    String kind;
    String file;
    int lineStart;
    int lineEnd;
    final TreeSet<String> effects = new TreeSet<>(BYTE_ORDER);
    boolean external;
    boolean merged;
    byte[] hash;
    final List<Note> notes = new ArrayList<>();
    final SortedMap<String, String> metadata = new TreeMap<>();

    Node(String name, String kind) {
      this.name = name;
      this.kind = kind;
    }

    Node file(String path, int start, int end) {
      this.file = path;
      this.lineStart = start;
      this.lineEnd = end;
      return this;
    }

    Node effects(String... names) {
      effects.addAll(List.of(names));
      return this;
    }

    Node hash(byte[] sha) {
      this.hash = sha;
      return this;
    }

    Node note(String lang, String text) {
      notes.add(new Note(lang, text));
      return this;
    }

    Node meta(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    Node merged() {
      this.merged = true;
      return this;
    }
  }

  /** One file as declared. */
  record File(String path, byte[] sourceSha256, byte[] objectId, String language, int symbolCount) {}

  /** One edge by names. */
  record Edge(String from, String type, String to) {}

  final Map<String, Node> nodes = new LinkedHashMap<>();
  final Map<String, File> files = new LinkedHashMap<>();
  final List<Edge> edges = new ArrayList<>();
  final SortedMap<String, String> buildInfo = new TreeMap<>(BYTE_ORDER);
  final List<Conflict> conflicts = new ArrayList<>();
  /** The lines (sites) of edges that have some, united over repeats; sources have files. */
  final Map<Edge, TreeSet<Integer>> sites = new LinkedHashMap<>();

  Node node(String name, String kind) {
    triples = null;
    Node n = new Node(name, kind);
    nodes.put(name, n);
    return n;
  }

  TestGraph file(String path, String language, byte[] sha, byte[] objectId, int symbols) {
    files.put(path, new File(path, sha, objectId, language, symbols));
    return this;
  }

  /** Adds an edge; an unknown target becomes an external node when the graph is frozen. */
  TestGraph edge(String from, String type, String to) {
    triples = null;
    edges.add(new Edge(from, type, to));
    return this;
  }

  /** Adds an edge that occurs on {@code lines} (its sites, added to those it already has). */
  TestGraph edge(String from, String type, String to, int... lines) {
    edge(from, type, to);
    TreeSet<Integer> set = sites.computeIfAbsent(new Edge(from, type, to), k -> new TreeSet<>());
    for (int line : lines) {
      set.add(line);
    }
    return this;
  }

  /** The lines of edge (from, type, to), sorted; empty when it has none. */
  int[] sites(String from, String type, String to) {
    TreeSet<Integer> set = sites.get(new Edge(from, type, to));
    return set == null ? new int[0] : set.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Adds external nodes for unresolved targets and returns the names in byte order: index = node id. */
  List<String> freeze() {
    for (Edge e : edges) {
      if (!nodes.containsKey(e.to())) {
        Node x = new Node(e.to(), SnapshotFormat.EXTERNAL_KIND);
        x.external = true;
        nodes.put(e.to(), x);
      }
    }
    return sortedNames();
  }

  List<String> sortedNames() {
    List<String> names = new ArrayList<>(nodes.keySet());
    names.sort(BYTE_ORDER);
    return names;
  }

  List<String> kinds() {
    TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
    nodes.values().forEach(n -> set.add(n.kind));
    return new ArrayList<>(set);
  }

  List<String> effects() {
    TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
    nodes.values().forEach(n -> set.addAll(n.effects));
    return new ArrayList<>(set);
  }

  List<String> edgeTypes() {
    TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
    edges.forEach(e -> set.add(e.type()));
    return new ArrayList<>(set);
  }

  List<String> filePaths() {
    List<String> paths = new ArrayList<>(files.keySet());
    paths.sort(BYTE_ORDER);
    return paths;
  }

  List<String> languages() {
    TreeSet<String> set = new TreeSet<>(BYTE_ORDER);
    files.values().forEach(f -> set.add(f.language()));
    return new ArrayList<>(set);
  }

  /** Distinct edges as sorted (source id, type id, target id) triples. */
  List<int[]> edgeTriples() {
    if (triples == null) {
      triples = computeTriples();
    }
    return triples;
  }

  private List<int[]> triples;

  private List<int[]> computeTriples() {
    List<String> names = sortedNames();
    List<String> types = edgeTypes();
    TreeSet<int[]> set = new TreeSet<>(Arrays::compare);
    for (Edge e : edges) {
      set.add(new int[] {indexOf(names, e.from()), types.indexOf(e.type()), indexOf(names, e.to())});
    }
    return new ArrayList<>(set);
  }

  /** Expected neighbours of {@code node}: out (forward) or in, of one type id or all (-1), in CSR order. */
  List<int[]> neighbours(int node, int type, boolean in) {
    List<int[]> result = new ArrayList<>();
    for (int[] t : edgeTriples()) {
      int self = in ? t[2] : t[0];
      int other = in ? t[0] : t[2];
      if (self == node && (type < 0 || t[1] == type)) {
        result.add(new int[] {other, t[1]});
      }
    }
    result.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
    return result;
  }

  static int indexOf(List<String> sorted, String name) {
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = BYTE_ORDER.compare(sorted.get(mid), name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
