package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.query.NamePattern;
import io.graphsnap.reader.query.Query;
import io.graphsnap.reader.query.QueryEvaluator;
import io.graphsnap.reader.query.QueryParser;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Random queries on seeded random graphs: the evaluator's answer (over bitmaps and the CSR) equals a naive
 * per-node model written against {@link TestGraph}, with its own glob matcher and its own effect closure;
 * every query also survives printing and parsing back.
 */
class QueryModelTest {
  @TempDir Path dir;

  /** A generated query with its naive meaning. */
  private interface Model {
    boolean test(int v);
  }

  private record Case(Query query, Model model) {}

  /**
   * Graphs of every size class the evaluator distinguishes (the largest has more candidates than it tests
   * directly before asking the search index), each in format version 3 (FILE_SYMBOLS, NAME_TRIGRAMS) and 2
   * (neither: file terms test each candidate, globs scan).
   */
  @ParameterizedTest
  @CsvSource({"11, 60, 250, 3", "12, 300, 1500, 3", "13, 900, 5000, 3", "14, 2500, 7000, 3", "12, 300, 1500, 2",
      "15, 900, 5000, 2"})
  void evaluatorAgreesWithNaiveModel(long seed, int nodes, int edges, int version) throws Exception {
    TestGraph g = Fixtures.random(seed, nodes, edges);
    addTestFolders(g, new Random(seed + 1));
    byte[] bytes = version == 3 ? TestSnapshotWriter.write(g) : TestSnapshotWriter.writeV2(g);
    Path file = Fixtures.write(dir, "q" + seed + "v" + version + ".gsnap", bytes);
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      Generator gen = new Generator(g, new Random(seed));
      QueryParser parser = new QueryParser(s.edgeTypes());
      QueryEvaluator evaluator = new QueryEvaluator(s);
      QueryEvaluator withSearch = new QueryEvaluator(s).nameSearch(null); // scans names instead of the index
      QueryEvaluator unmemoised = new QueryEvaluator(s).memoise(false); // effect~: searches every time
      int n = s.nodeCount();
      int nonEmpty = 0;
      int queries = nodes > 1000 ? 100 : 400;
      for (int i = 0; i < queries; i++) {
        Case c = gen.query(3);
        String text = c.query().toString();
        assertEquals(c.query(), parser.parse(text), "reads back: " + text);
        MutableRoaringBitmap expected = new MutableRoaringBitmap();
        for (int v = 0; v < n; v++) {
          if (c.model().test(v)) {
            expected.add(v);
          }
        }
        assertEquals(expected, evaluator.evaluate(c.query()).nodes(), "query " + text);
        if (!expected.isEmpty() && expected.getCardinality() < n) {
          nonEmpty++;
        }
        assertEquals(expected, withSearch.evaluate(parser.parse(text)).nodes(), "query " + text);
        assertEquals(expected, unmemoised.evaluate(c.query()).nodes(), "query " + text);
        assertEquals(expected, evaluator.evaluate(c.query()).nodes(), "again: " + text);
      }
      assertTrue(nonEmpty > queries / 4, "only " + nonEmpty + " of " + queries + " queries selected some but not all nodes");
    }
  }

  /**
   * Moves about a fifth of the nodes into files under test folders (and near misses), so that {@code is:test}
   * and {@code file:} prefixes meet every shape of path.
   */
  static void addTestFolders(TestGraph g, Random r) {
    List<String> paths = List.of("src/test/java/A.java", "test/a.py", "tests/b.py", "a/tests/c.py", "a/tests",
        "xtest/d.py", "a/testing/e.py", "src/test/java/B\nC.java", "src/Test/F.java",
        "src/test/ü/G.java");
    for (String p : paths) {
      g.file(p, r.nextBoolean() ? "java" : "python", null, Fixtures.sha(r.nextInt()), r.nextInt(50));
    }
    for (TestGraph.Node node : g.nodes.values()) {
      if (node.file != null && r.nextInt(5) == 0) {
        node.file(paths.get(r.nextInt(paths.size())), node.lineStart, node.lineEnd);
      }
    }
  }

  /** Draws random queries whose values come from the graph (and some that match nothing). */
  private static final class Generator {
    final TestGraph g;
    final Random r;
    final List<String> names;
    final List<String> types;
    final List<int[]> triples;
    final Map<Integer, Set<String>> closure = new HashMap<>();

    Generator(TestGraph g, Random r) {
      this.g = g;
      this.r = r;
      this.names = g.freeze();
      this.types = g.edgeTypes();
      this.triples = g.edgeTriples();
    }

    TestGraph.Node node(int v) {
      return g.nodes.get(names.get(v));
    }

    String anyName() {
      return names.get(r.nextInt(names.size()));
    }

    <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    Case query(int depth) {
      int choice = depth <= 0 ? 3 + r.nextInt(14) : r.nextInt(17);
      switch (choice) {
        case 0 -> {
          List<Case> cs = operands(depth);
          return new Case(new Query.And(cs.stream().map(Case::query).toList()),
              v -> cs.stream().allMatch(c -> c.model().test(v)));
        }
        case 1 -> {
          List<Case> cs = operands(depth);
          return new Case(new Query.Or(cs.stream().map(Case::query).toList()),
              v -> cs.stream().anyMatch(c -> c.model().test(v)));
        }
        case 2 -> {
          Case c = query(depth - 1);
          if (c.query() instanceof Query.Not) {
            return c;
          }
          return new Case(new Query.Not(c.query()), v -> !c.model().test(v));
        }
        case 3 -> {
          String kind = r.nextInt(8) == 0 ? "nokind" : pick(g.kinds());
          return new Case(new Query.Kind(kind), v -> node(v).kind.equals(kind));
        }
        case 4 -> {
          String effect = r.nextInt(8) == 0 ? "noeffect" : pick(g.effects());
          boolean inherited = r.nextBoolean();
          return new Case(new Query.Effect(effect, inherited),
              v -> inherited ? closure(v).contains(effect) : node(v).effects.contains(effect));
        }
        case 5 -> {
          String glob = nameGlob();
          return new Case(new Query.Name(NamePattern.glob(glob)), v -> globMatches(glob, names.get(v)));
        }
        case 6 -> {
          String path = pick(g.filePaths());
          String glob = switch (r.nextInt(6)) {
            case 0 -> path.substring(0, r.nextInt(path.length() + 1)) + "*";
            case 1 -> "*" + path.substring(r.nextInt(path.length()));
            case 2 -> "*" + path;
            case 3 -> path.substring(0, r.nextInt(path.length() + 1)) + "*" + path.substring(r.nextInt(path.length()));
            case 4 -> pick(List.of("src/test/*", "*/tests/*", "test*", "a/*s/*", "src/?est/*"));
            default -> path.substring(0, Math.min(path.length(), 4)) + "?" + path.substring(Math.min(path.length(), 5),
                Math.min(path.length(), 6)) + "*";
          };
          return new Case(new Query.File(NamePattern.glob(glob)), v -> node(v).file != null && globMatches(glob, node(v).file));
        }
        case 7 -> {
          String lang = r.nextInt(8) == 0 ? "nolang" : pick(g.languages());
          return new Case(new Query.Language(lang),
              v -> node(v).file != null && g.files.get(node(v).file).language().equals(lang));
        }
        case 8 -> {
          String key = "k" + r.nextInt(4);
          String value = r.nextBoolean() ? null : "v" + r.nextInt(names.size());
          if (value != null && r.nextBoolean()) {
            TestGraph.Node withMeta = g.nodes.values().stream().filter(x -> !x.metadata.isEmpty()).findFirst().orElse(null);
            if (withMeta != null) {
              key = withMeta.metadata.firstKey();
              value = withMeta.metadata.get(key);
            }
          }
          String k = key;
          String val = value;
          return new Case(new Query.Meta(k, val),
              v -> node(v).metadata.containsKey(k) && (val == null || node(v).metadata.get(k).equals(val)));
        }
        case 9, 10 -> {
          String type = r.nextInt(6) == 0 ? null : pick(types);
          int typeId = type == null ? -1 : types.indexOf(type);
          Query.Direction direction = r.nextBoolean() ? Query.Direction.OUT : Query.Direction.IN;
          String glob = r.nextInt(3) == 0 ? nameGlob() : anyName();
          NamePattern target = r.nextInt(3) == 0 ? NamePattern.glob(glob) : NamePattern.exact(glob);
          boolean exact = target.kind() == NamePattern.Kind.EXACT;
          Set<Integer> matches = new HashSet<>();
          for (int[] t : triples) {
            int self = direction == Query.Direction.OUT ? t[0] : t[2];
            int other = direction == Query.Direction.OUT ? t[2] : t[0];
            if ((typeId < 0 || t[1] == typeId) && (exact ? names.get(other).equals(glob) : globMatches(glob, names.get(other)))) {
              matches.add(self);
            }
          }
          return new Case(new Query.Relation(type, direction, target), matches::contains);
        }
        case 11, 12 -> {
          Query.Direction direction = r.nextBoolean() ? Query.Direction.OUT : Query.Direction.IN;
          String type = r.nextBoolean() ? null : pick(types);
          int typeId = type == null ? -1 : types.indexOf(type);
          Query.Comparison cmp = Query.Comparison.values()[r.nextInt(5)];
          long bound = r.nextInt(6);
          return new Case(new Query.Degree(direction, type, cmp, bound),
              v -> compare(cmp, degree(v, typeId, direction == Query.Direction.IN), bound));
        }
        case 13 -> {
          String flag = pick(List.of("external", "merged", "test"));
          return new Case(new Query.Is(flag), v -> switch (flag) {
            case "external" -> node(v).external;
            case "merged" -> node(v).merged;
            default -> "test".equals(node(v).kind)
                || node(v).file != null && node(v).file.matches("(^|.*/)tests?/.*");
          });
        }
        case 15 -> { // a bare word: name:*WORD*, sometimes in another case than the names (the index folds case)
          String name = anyName();
          int from = r.nextInt(name.length());
          String word = name.substring(from, Math.min(name.length(), from + 1 + r.nextInt(6)));
          if (r.nextInt(4) == 0) {
            word = word.toUpperCase(java.util.Locale.ROOT);
          }
          String glob = "*" + word + "*";
          return new Case(new Query.Name(NamePattern.glob(glob)), v -> globMatches(glob, names.get(v)));
        }
        case 16 -> { // globs whose literals sit in the middle, around ?, or at both ends
          String name = anyName();
          int cut = r.nextInt(name.length());
          String glob = switch (r.nextInt(4)) {
            case 0 -> name.substring(0, cut) + "*" + name.substring(cut);
            case 1 -> "*" + name.substring(0, cut) + "?" + (cut + 1 < name.length() ? name.substring(cut + 1) : "");
            case 2 -> "*?" + name.substring(cut) + "*";
            default -> "*" + name.substring(cut, Math.min(name.length(), cut + 2)) + "*" + name.substring(name.length() - 1);
          };
          return new Case(new Query.Name(NamePattern.glob(glob)), v -> globMatches(glob, names.get(v)));
        }
        default -> {
          String exact = r.nextInt(5) == 0 ? "no.such.name" : anyName();
          return new Case(new Query.Name(NamePattern.exact(exact)), v -> names.get(v).equals(exact));
        }
      }
    }

    List<Case> operands(int depth) {
      List<Case> cs = new ArrayList<>();
      int count = 2 + r.nextInt(3);
      while (cs.size() < count) {
        Case c = query(depth - 1);
        if (c.query() instanceof Query.And || c.query() instanceof Query.Or) {
          continue; // keep the tree in the parser's normal form (no directly nested And/Or)
        }
        cs.add(c);
      }
      return cs;
    }

    String nameGlob() {
      String name = anyName();
      return switch (r.nextInt(5)) {
        case 0 -> name.substring(0, r.nextInt(name.length() + 1)) + "*";
        case 1 -> "*" + name.substring(r.nextInt(name.length()));
        case 2 -> "*" + name.substring(1, Math.min(name.length(), 3)) + "*";
        case 3 -> name.substring(0, 1) + "?" + (name.length() > 2 ? name.substring(2) : "");
        default -> "p" + r.nextInt(10) + "*n" + r.nextInt(10) + "*";
      };
    }

    /** Each node's edge triples, out (index 0) and in (index 1): built once, in O(E). */
    final Map<Integer, List<int[]>> outEdges = new HashMap<>();
    final Map<Integer, List<int[]>> inEdges = new HashMap<>();

    List<int[]> edges(int v, boolean in) {
      if (outEdges.isEmpty() && !triples.isEmpty()) {
        for (int[] t : triples) {
          outEdges.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t);
          inEdges.computeIfAbsent(t[2], k -> new ArrayList<>()).add(t);
        }
      }
      return (in ? inEdges : outEdges).getOrDefault(v, List.of());
    }

    int degree(int v, int typeId, boolean in) {
      int d = 0;
      for (int[] t : edges(v, in)) {
        if (typeId < 0 || t[1] == typeId) {
          d++;
        }
      }
      return d;
    }

    /** Declared effects plus those of every node reachable over calls edges (BFS). */
    Set<String> closure(int v) {
      return closure.computeIfAbsent(v, start -> {
        int calls = types.indexOf("calls");
        Set<String> effects = new TreeSet<>();
        Set<Integer> seen = new HashSet<>(List.of(start));
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
          int u = queue.poll();
          effects.addAll(node(u).effects);
          if (calls >= 0) {
            for (int[] e : edges(u, false)) {
              if (e[1] == calls && seen.add(e[2])) {
                queue.add(e[2]);
              }
            }
          }
        }
        return effects;
      });
    }
  }

  static boolean compare(Query.Comparison cmp, long actual, long bound) {
    return switch (cmp) {
      case LT -> actual < bound;
      case LE -> actual <= bound;
      case EQ -> actual == bound;
      case GE -> actual >= bound;
      case GT -> actual > bound;
    };
  }

  /** A naive glob matcher: {@code *} any run, {@code ?} any one character. */
  static boolean globMatches(String glob, String text) {
    return match(glob, 0, text, 0);
  }

  private static boolean match(String p, int i, String t, int j) {
    if (i == p.length()) {
      return j == t.length();
    }
    char c = p.charAt(i);
    if (c == '*') {
      for (int k = j; k <= t.length(); k++) {
        if (match(p, i + 1, t, k)) {
          return true;
        }
      }
      return false;
    }
    return j < t.length() && (c == '?' || c == t.charAt(j)) && match(p, i + 1, t, j + 1);
  }
}
