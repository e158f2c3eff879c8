package io.graphsnap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A seeded random codebase written as JSON Lines, with the naive in-memory model of the graph it should
 * become: the reference that round-trip tests compare the mapped reader against.
 */
final class RandomCodebase {
  static final List<String> KINDS = List.of("fn", "class", "data", "test", "requirement", "method");
  static final List<String> EFFECTS = List.of("io", "net", "db", "meta", "reflect");
  static final List<String> TYPES = List.of("calls", "references", "contains", "imports", "covers", "tests");

  /** What the model knows of one declared symbol. */
  record Declared(String name, String kind, Set<String> effects, String file, int lineStart, int lineEnd,
      String hashHex, String note, Map<String, String> metadata) {}

  /** An edge of the model: source name, type, target name. */
  record Edge(String source, String type, String target) implements Comparable<Edge> {
    @Override
    public int compareTo(Edge o) {
      int c = source.compareTo(o.source);
      if (c == 0) {
        c = type.compareTo(o.type);
      }
      return c != 0 ? c : target.compareTo(o.target);
    }
  }

  final List<String> jsonLines = new ArrayList<>();
  final TreeMap<String, Declared> declared = new TreeMap<>();
  final TreeSet<Edge> edges = new TreeSet<>();
  final TreeSet<String> externals = new TreeSet<>();

  RandomCodebase(long seed, int files, int symbolsPerFile, int edgesPerFile) {
    Random random = new Random(seed);
    ObjectMapper mapper = new ObjectMapper();
    List<String> allNames = new ArrayList<>();
    List<List<String>> namesByFile = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      List<String> names = new ArrayList<>();
      int count = 1 + random.nextInt(symbolsPerFile);
      for (int s = 0; s < count; s++) {
        // Some non-ASCII names, so that the unsigned UTF-8 order is exercised.
        String stem = switch (random.nextInt(10)) {
          case 0 -> "zé";
          case 1 -> "日本";
          case 2 -> "emoji\uD83D\uDE00";
          default -> "pkg" + random.nextInt(20);
        };
        names.add(stem + ".f" + f + ".s" + s);
      }
      namesByFile.add(names);
      allNames.addAll(names);
    }
    Map<String, String> moduleFirstFile = new TreeMap<>();
    for (int f = 0; f < files; f++) {
      String path = String.format("src/m%d/file%05d.cov", f % 7, f);
      List<Map<String, Object>> symbols = new ArrayList<>();
      List<Map<String, Object>> edgeList = new ArrayList<>();
      List<String> names = new ArrayList<>(namesByFile.get(f));
      // A namespace symbol that several files declare: merged into one node.
      String module = "mod" + (f % 5);
      names.add(module);
      for (String name : names) {
        boolean isModule = name.equals(module);
        String kind = isModule ? "module" : KINDS.get(random.nextInt(KINDS.size()));
        TreeSet<String> effects = new TreeSet<>();
        if (!isModule) {
          for (String e : EFFECTS) {
            if (random.nextInt(4) == 0) {
              effects.add(e);
            }
          }
        }
        int start = 1 + random.nextInt(500);
        int end = start + random.nextInt(50);
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        String hashHex = HexFormat.of().formatHex(hash);
        String note = random.nextInt(3) == 0 ? "note about " + name : null;
        Map<String, String> metadata = random.nextInt(3) == 0 ? Map.of("owner", "team-" + random.nextInt(4)) : Map.of();
        Map<String, Object> symbol = new LinkedHashMap<>();
        symbol.put("name", name);
        symbol.put("kind", kind);
        symbol.put("effects", new ArrayList<>(effects));
        symbol.put("lines", List.of(start, end));
        symbol.put("hash", hashHex);
        if (note != null) {
          symbol.put("notes", List.of(Map.of("lang", "en", "text", note)));
        }
        if (!metadata.isEmpty()) {
          symbol.put("metadata", metadata);
        }
        symbols.add(symbol);
        if (isModule) {
          // The path that sorts first supplies the merged node's attributes.
          if (!moduleFirstFile.containsKey(name) || path.compareTo(moduleFirstFile.get(name)) < 0) {
            moduleFirstFile.put(name, path);
            declared.put(name, new Declared(name, kind, Set.of(), path, start, end, hashHex, note, metadata));
          }
        } else {
          declared.put(name, new Declared(name, kind, effects, path, start, end, hashHex, note, metadata));
        }
      }
      int edgeCount = random.nextInt(edgesPerFile + 1);
      for (int e = 0; e < edgeCount; e++) {
        String from = names.get(random.nextInt(names.size()));
        String type = TYPES.get(random.nextInt(TYPES.size()));
        String to = random.nextInt(8) == 0 ? "ext.lib" + random.nextInt(30) : allNames.get(random.nextInt(allNames.size()));
        edgeList.add(Map.of("from", from, "type", type, "to", to));
        edges.add(new Edge(from, type, to));
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("path", path);
      line.put("language", "covenant");
      line.put("symbols", symbols);
      line.put("edges", edgeList);
      try {
        jsonLines.add(mapper.writeValueAsString(line));
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }
    for (Edge e : edges) {
      if (!declared.containsKey(e.target())) {
        externals.add(e.target());
      }
    }
  }

  /** Every node name of the model: declared and external. */
  TreeSet<String> nodeNames() {
    TreeSet<String> all = new TreeSet<>(declared.keySet());
    all.addAll(externals);
    return all;
  }

  /** The JSON Lines text, lines in the given order. */
  static byte[] text(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
