package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The expected answers for one {@link RandomCodebase}, in a form reader threads can check fast: each node's
 * kind, each node's out- and in-edges as sorted {@code type NUL name} strings, and the size of the set reached
 * by BFS from a few sources. Immutable after construction; thread-safe.
 */
final class LoadModel {
  private static final int BFS_SOURCES = 16;

  private final List<String> names;
  private final Map<String, String> kinds = new HashMap<>();
  private final Map<String, List<String>> out = new HashMap<>();
  private final Map<String, List<String>> in = new HashMap<>();
  private final List<String> bfsSources = new ArrayList<>();
  private final Map<String, Integer> bfsReached = new HashMap<>();

  LoadModel(RandomCodebase codebase) {
    names = List.copyOf(codebase.nodeNames());
    for (String name : names) {
      RandomCodebase.Declared d = codebase.declared.get(name);
      kinds.put(name, d == null ? "external" : d.kind());
      out.put(name, new ArrayList<>());
      in.put(name, new ArrayList<>());
    }
    for (RandomCodebase.Edge e : codebase.edges) {
      out.get(e.source()).add(e.type() + "\0" + e.target());
      in.get(e.target()).add(e.type() + "\0" + e.source());
    }
    out.values().forEach(Collections::sort);
    in.values().forEach(Collections::sort);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < BFS_SOURCES; i++) {
      String source = names.get(random.nextInt(names.size()));
      bfsSources.add(source);
      bfsReached.put(source, reachedInModel(source));
    }
  }

  /**
   * One random operation on {@code g}, checked: a lookup (name, kind), a miss, the out- and in-edges of a node,
   * or a BFS. Returns null if the answer is right, else what is wrong.
   */
  String check(GraphSnapshot g, SplittableRandom random) {
    int op = random.nextInt(20);
    if (op < 8) {
      String name = names.get(random.nextInt(names.size()));
      int id = g.node(name);
      if (id < 0 || !g.name(id).equals(name) || !g.kind(id).equals(kinds.get(name))) {
        return "lookup " + name + " gave id " + id;
      }
    } else if (op < 10) {
      String absent = "absent." + random.nextInt(1_000_000);
      if (g.node(absent) != -1) {
        return "lookup of absent name " + absent + " hit";
      }
    } else if (op < 19) {
      String name = names.get(random.nextInt(names.size()));
      int id = g.node(name);
      if (id < 0) {
        return "lookup " + name + " missed";
      }
      List<String> outEdges = edges(g, g.out(id));
      if (!outEdges.equals(out.get(name))) {
        return "out-edges of " + name + ": " + outEdges.size() + " vs " + out.get(name).size();
      }
      List<String> inEdges = edges(g, g.in(id));
      if (!inEdges.equals(in.get(name))) {
        return "in-edges of " + name + ": " + inEdges.size() + " vs " + in.get(name).size();
      }
    } else {
      String source = bfsSources.get(random.nextInt(bfsSources.size()));
      int reached = bfs(g, g.node(source));
      if (reached != bfsReached.get(source)) {
        return "BFS from " + source + " reached " + reached + " vs " + bfsReached.get(source);
      }
    }
    return null;
  }

  private static List<String> edges(GraphSnapshot g, EdgeCursor cursor) {
    List<String> types = g.edgeTypes();
    List<String> result = new ArrayList<>(cursor.remaining() > 64 ? 64 : (int) cursor.remaining());
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      result.add(types.get(cursor.type()) + "\0" + g.name(w));
    }
    Collections.sort(result);
    return result;
  }

  /** BFS over out-edges of every type with one reusable cursor; the number of nodes reached. */
  private static int bfs(GraphSnapshot g, int source) {
    boolean[] seen = new boolean[g.nodeCount()];
    int[] queue = new int[g.nodeCount()];
    int head = 0;
    int tail = 0;
    queue[tail++] = source;
    seen[source] = true;
    EdgeCursor cursor = g.forward().cursor();
    while (head < tail) {
      for (int w = cursor.reset(queue[head++]).next(); w >= 0; w = cursor.next()) {
        if (!seen[w]) {
          seen[w] = true;
          queue[tail++] = w;
        }
      }
    }
    return tail;
  }

  private int reachedInModel(String source) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    seen.add(source);
    queue.add(source);
    while (!queue.isEmpty()) {
      for (String edge : out.get(queue.poll())) {
        String target = edge.substring(edge.indexOf('\0') + 1);
        if (seen.add(target)) {
          queue.add(target);
        }
      }
    }
    return seen.size();
  }
}
