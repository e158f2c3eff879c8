package io.graphsnap.builder;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A small mutable repository model for incremental-build tests, with a seeded random editor whose edits
 * cover what an incremental build must handle: files added, modified (symbols, kinds, lines, effects, hashes,
 * notes, edges, language, source hash), deleted and renamed; a symbol moving between files; a name that was
 * only an edge target becoming declared; namespaces declared by several files (merged), and conflicts
 * appearing and disappearing; kinds, effects, edge types and languages appearing and vanishing; the lines (sites)
 * of edges appearing, moving (a call moved down one line) and vanishing. Names include characters whose UTF-16 and
 * code-point orders differ.
 */
final class RandomRepo {
  static final String[] KINDS = {"fn", "class", "method", "field"};
  static final String[] NAMESPACE_KINDS = {"package", "module"};
  static final String[] TYPES = {"calls", "references", "contains", "imports"};
  static final String[] EFFECTS = {"io", "net", "db"};
  static final String[] LANGUAGES = {"java", "python", ""};
  static final String[] ODD = {"", "é", "\uFFFD", "\uD83D\uDE00", "中", "\uE000"};

  /** One symbol of a file. */
  static final class Sym {
    String name;
    String kind;
    Set<String> effects = new TreeSet<>();
    int lineStart;
    int lineEnd;
    byte[] hash;
    String note;

    Sym copy() {
      Sym s = new Sym();
      s.name = name;
      s.kind = kind;
      s.effects = new TreeSet<>(effects);
      s.lineStart = lineStart;
      s.lineEnd = lineEnd;
      s.hash = hash == null ? null : hash.clone();
      s.note = note;
      return s;
    }
  }

  /** One edge of a file, by source name. */
  record Edge(String source, String type, String target) {}

  /** One file. */
  static final class File {
    String language;
    byte[] sha;
    Map<String, Sym> symbols = new LinkedHashMap<>();
    Set<Edge> edges = new LinkedHashSet<>();
    /** The lines of those edges that have some. */
    Map<Edge, TreeSet<Integer>> lines = new LinkedHashMap<>();

    void removeEdgesIf(java.util.function.Predicate<Edge> which) {
      edges.removeIf(which);
      lines.keySet().removeIf(which);
    }
  }

  final Map<String, File> files = new TreeMap<>();
  private final Random r;
  private int pathCounter;

  RandomRepo(long seed) {
    this.r = new Random(seed);
  }

  /** The current files as summaries, sorted by path. */
  List<FileSummary> summaries() {
    List<FileSummary> out = new ArrayList<>();
    for (String path : files.keySet()) {
      out.add(summary(path));
    }
    return out;
  }

  /** The summary of {@code path}. */
  FileSummary summary(String path) {
    File f = files.get(path);
    List<SymbolSummary> symbols = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Sym s : f.symbols.values()) {
      index.put(s.name, symbols.size());
      symbols.add(new SymbolSummary(s.name, s.kind, List.copyOf(s.effects), s.lineStart, s.lineEnd, s.hash,
          s.note == null ? List.of() : List.of(new Note("en", s.note)), s.note == null ? new TreeMap<>() : new TreeMap<>(Map.of("owner", s.note))));
    }
    List<EdgeSummary> edges = new ArrayList<>();
    for (Edge e : f.edges) {
      TreeSet<Integer> at = f.lines.get(e);
      edges.add(new EdgeSummary(index.get(e.source()), e.type(), e.target(),
          at == null ? null : at.stream().mapToInt(Integer::intValue).toArray()));
    }
    return new FileSummary(path, f.language, f.sha, symbols, edges);
  }

  // ---------------------------------------------------------------- random edits

  /** Applies one random edit; returns the paths it changed (deleted paths included) and a description. */
  String edit(Set<String> touched) {
    int op = files.size() < 4 ? 0 : r.nextInt(100);
    if (op < 14) {
      return addFile(touched);
    } else if (op < 50) {
      return modify(touched);
    } else if (op < 57) {
      return deleteFile(touched);
    } else if (op < 64) {
      return rename(touched);
    } else if (op < 74) {
      return moveSymbol(touched);
    } else if (op < 81) {
      return defineExternal(touched);
    } else if (op < 91) {
      return namespace(touched);
    } else {
      return conflict(touched);
    }
  }

  private String anyPath() {
    List<String> paths = new ArrayList<>(files.keySet());
    return paths.get(r.nextInt(paths.size()));
  }

  private String newPath() {
    return "src/" + ODD[r.nextInt(ODD.length)] + "f" + (pathCounter++) + (r.nextBoolean() ? ".java" : ".py");
  }

  private String declaredName() {
    return "m" + r.nextInt(40) + ODD[r.nextInt(ODD.length)];
  }

  private String targetName() {
    int pick = r.nextInt(10);
    if (pick < 6) {
      return declaredName();
    } else if (pick < 9) {
      return "ext" + r.nextInt(15) + ODD[r.nextInt(ODD.length)];
    }
    return "ns" + r.nextInt(3);
  }

  private String type() {
    return r.nextInt(40) == 0 ? "rare" + r.nextInt(2) : TYPES[r.nextInt(TYPES.length)];
  }

  private Sym newSym(String name) {
    Sym s = new Sym();
    s.name = name;
    s.kind = r.nextInt(40) == 0 ? "rarekind" : KINDS[r.nextInt(KINDS.length)];
    if (r.nextInt(3) == 0) {
      s.effects.add(r.nextInt(30) == 0 ? "rareeffect" : EFFECTS[r.nextInt(EFFECTS.length)]);
    }
    s.lineStart = r.nextInt(100);
    s.lineEnd = s.lineStart + r.nextInt(20);
    if (r.nextInt(3) == 0) {
      s.hash = new byte[32];
      r.nextBytes(s.hash);
    }
    s.note = r.nextInt(6) == 0 ? "note" + r.nextInt(5) : null;
    return s;
  }

  private void addEdges(File f, int count) {
    List<String> sources = new ArrayList<>(f.symbols.keySet());
    for (int i = 0; i < count && !sources.isEmpty(); i++) {
      Edge e = new Edge(sources.get(r.nextInt(sources.size())), type(), targetName());
      f.edges.add(e);
      if (r.nextBoolean()) {
        addLines(f, e, 1 + r.nextInt(r.nextInt(8) == 0 ? 12 : 2));
      }
    }
  }

  private void addLines(File f, Edge e, int count) {
    TreeSet<Integer> at = f.lines.computeIfAbsent(e, k -> new TreeSet<>());
    for (int i = 0; i < count; i++) {
      at.add(1 + r.nextInt(r.nextInt(20) == 0 ? 100_000 : 200));
    }
  }

  private String language() {
    return r.nextInt(30) == 0 ? "cobol" : LANGUAGES[r.nextInt(LANGUAGES.length)];
  }

  private String addFile(Set<String> touched) {
    String path = newPath();
    File f = new File();
    f.language = language();
    if (r.nextBoolean()) {
      f.sha = new byte[32];
      r.nextBytes(f.sha);
    }
    for (int i = 0, n = r.nextInt(6); i < n; i++) {
      String name = declaredName();
      f.symbols.putIfAbsent(name, newSym(name));
    }
    if (r.nextInt(3) == 0) {
      addNamespace(f);
    }
    addEdges(f, r.nextInt(9));
    files.put(path, f);
    touched.add(path);
    return "add " + path;
  }

  private void addNamespace(File f) {
    String name = "ns" + r.nextInt(3);
    Sym s = newSym(name);
    s.kind = NAMESPACE_KINDS[r.nextInt(8) == 0 ? 1 : 0];
    f.symbols.put(name, s);
    List<String> members = new ArrayList<>(f.symbols.keySet());
    f.edges.add(new Edge(name, "contains", members.get(r.nextInt(members.size()))));
  }

  private String modify(Set<String> touched) {
    String path = anyPath();
    File f = files.get(path);
    touched.add(path);
    int what = r.nextInt(11);
    List<String> names = new ArrayList<>(f.symbols.keySet());
    switch (what) {
      case 0 -> {
        String name = declaredName();
        f.symbols.putIfAbsent(name, newSym(name));
        return "modify " + path + ": add symbol " + name;
      }
      case 1 -> {
        if (names.isEmpty()) {
          return "modify " + path + ": nothing to remove";
        }
        String name = names.get(r.nextInt(names.size()));
        removeSymbol(f, name);
        return "modify " + path + ": remove symbol " + name;
      }
      case 2 -> {
        if (names.isEmpty()) {
          return "modify " + path + ": no symbol";
        }
        Sym s = f.symbols.get(names.get(r.nextInt(names.size())));
        Sym fresh = newSym(s.name);
        s.kind = s.kind.equals("package") || s.kind.equals("module") ? s.kind : fresh.kind;
        s.effects = fresh.effects;
        s.hash = fresh.hash;
        s.note = fresh.note;
        return "modify " + path + ": change " + s.name;
      }
      case 3 -> {
        if (names.isEmpty()) {
          return "modify " + path + ": no symbol";
        }
        Sym s = f.symbols.get(names.get(r.nextInt(names.size())));
        s.lineStart += 1;
        s.lineEnd += 2;
        return "modify " + path + ": lines of " + s.name;
      }
      case 4, 5 -> {
        addEdges(f, 1 + r.nextInt(3));
        return "modify " + path + ": add edges";
      }
      case 6 -> {
        if (!f.edges.isEmpty()) {
          List<Edge> edges = new ArrayList<>(f.edges);
          Edge gone = edges.get(r.nextInt(edges.size()));
          f.removeEdgesIf(gone::equals);
        }
        return "modify " + path + ": remove an edge";
      }
      case 9 -> {
        if (f.lines.isEmpty()) {
          return "modify " + path + ": no line to move";
        }
        List<Edge> sited = new ArrayList<>(f.lines.keySet());
        Edge e = sited.get(r.nextInt(sited.size()));
        TreeSet<Integer> at = f.lines.get(e);
        int line = at.last();
        at.remove(line);
        at.add(line + 1); // a call moved down one line: only the object's lines change
        return "modify " + path + ": line " + line + " of " + e + " moved down";
      }
      case 10 -> {
        if (f.edges.isEmpty()) {
          return "modify " + path + ": no edge for lines";
        }
        List<Edge> edges = new ArrayList<>(f.edges);
        Edge e = edges.get(r.nextInt(edges.size()));
        if (f.lines.containsKey(e) && r.nextBoolean()) {
          f.lines.remove(e);
          return "modify " + path + ": lines of " + e + " dropped";
        }
        addLines(f, e, 1 + r.nextInt(3));
        return "modify " + path + ": lines added to " + e;
      }
      case 7 -> {
        f.language = language();
        return "modify " + path + ": language " + f.language;
      }
      default -> {
        f.sha = r.nextBoolean() ? null : new byte[32];
        if (f.sha != null) {
          r.nextBytes(f.sha);
        }
        return "modify " + path + ": source hash";
      }
    }
  }

  private static void removeSymbol(File f, String name) {
    f.symbols.remove(name);
    f.removeEdgesIf(e -> e.source().equals(name));
  }

  private String deleteFile(Set<String> touched) {
    String path = anyPath();
    files.remove(path);
    touched.add(path);
    return "delete " + path;
  }

  private String rename(Set<String> touched) {
    String from = anyPath();
    String to = newPath();
    files.put(to, files.remove(from));
    touched.add(from);
    touched.add(to);
    return "rename " + from + " -> " + to;
  }

  private String moveSymbol(Set<String> touched) {
    String from = anyPath();
    String to = anyPath();
    File a = files.get(from);
    File b = files.get(to);
    if (from.equals(to) || a.symbols.isEmpty()) {
      return "move: nothing";
    }
    List<String> names = new ArrayList<>(a.symbols.keySet());
    String name = names.get(r.nextInt(names.size()));
    if (b.symbols.containsKey(name)) {
      return "move: " + name + " already in " + to;
    }
    Sym s = a.symbols.get(name).copy();
    List<Edge> moved = new ArrayList<>();
    Map<Edge, TreeSet<Integer>> movedLines = new LinkedHashMap<>();
    for (Edge e : a.edges) {
      if (e.source().equals(name)) {
        moved.add(e);
        if (a.lines.containsKey(e)) {
          movedLines.put(e, new TreeSet<>(a.lines.get(e)));
        }
      }
    }
    removeSymbol(a, name);
    b.symbols.put(name, s);
    b.edges.addAll(moved);
    b.lines.putAll(movedLines);
    touched.add(from);
    touched.add(to);
    return "move " + name + " from " + from + " to " + to;
  }

  private String defineExternal(Set<String> touched) {
    Set<String> declared = new TreeSet<>();
    Set<String> targets = new TreeSet<>();
    for (File f : files.values()) {
      declared.addAll(f.symbols.keySet());
      for (Edge e : f.edges) {
        targets.add(e.target());
      }
    }
    targets.removeAll(declared);
    if (targets.isEmpty()) {
      return "define: no external";
    }
    List<String> list = new ArrayList<>(targets);
    String name = list.get(r.nextInt(list.size()));
    String path = anyPath();
    Sym s = newSym(name);
    if (name.startsWith("ns")) {
      s.kind = "package";
    }
    files.get(path).symbols.put(name, s);
    touched.add(path);
    return "define external " + name + " in " + path;
  }

  private String namespace(Set<String> touched) {
    String path = anyPath();
    File f = files.get(path);
    touched.add(path);
    for (Sym s : f.symbols.values()) {
      if (s.name.startsWith("ns") && r.nextInt(3) == 0) {
        s.kind = s.kind.equals("package") ? (r.nextBoolean() ? "module" : "fn") : "package";
        return "namespace kind of " + s.name + " in " + path + " -> " + s.kind;
      }
    }
    addNamespace(f);
    return "namespace declared in " + path;
  }

  private String conflict(Set<String> touched) {
    String from = anyPath();
    String to = anyPath();
    File a = files.get(from);
    if (from.equals(to) || a.symbols.isEmpty()) {
      return "conflict: nothing";
    }
    List<String> names = new ArrayList<>(a.symbols.keySet());
    String name = names.get(r.nextInt(names.size()));
    Sym s = newSym(name);
    files.get(to).symbols.put(name, s);
    addEdges(files.get(to), 1);
    touched.add(to);
    return "declare " + name + " again in " + to;
  }
}
