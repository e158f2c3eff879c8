package io.graphsnap.bench.harness;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that every system answered every question it answered (and graphsnap's analysis API, under the keys
 * {@code answer.<question>.api}) the same way as the reference, the bare heap
 * CSR (built by {@link GraphResolver}, independently of the graphsnap builder), or the first system that
 * answered when the reference did not. A benchmark that compares different answers is worthless: the harness
 * writes no report when this finds a disagreement. Stateless.
 */
public final class AnswerCheck {
  /** The reference system. */
  public static final String REFERENCE = "heap-csr";
  private static final int MAX_PER_QUESTION = 5;
  private static final List<String> QUESTIONS = List.of("counts", "lookup.hit", "lookup.miss", "neighbours", "query",
      "bfs", "scc");

  private AnswerCheck() {}

  /**
   * The disagreements, one line each ({@code question[i] (detail): system=X reference=Y}); empty when all agree.
   *
   * @param results by system name, in run order
   */
  public static List<String> disagreements(Map<String, SystemResult> results, Queries queries, Workload workload)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String question : QUESTIONS) {
      String key = "answer." + question;
      String referenceName = reference(results, key);
      if (referenceName == null) {
        continue;
      }
      String[] expected = results.get(referenceName).string(key).split(",", -1);
      for (var entry : results.entrySet()) {
        for (String variant : List.of("", ".api")) {
          String actualString = entry.getValue().string(key + variant);
          if (actualString == null || (variant.isEmpty() && entry.getKey().equals(referenceName))) {
            continue;
          }
          compare(question, entry.getKey() + variant.replace('.', ' '), actualString.split(",", -1), referenceName,
              expected, queries, out);
        }
      }
    }
    comparePageRanks(results, workload, out);
    return out;
  }

  private static void compare(String question, String system, String[] actual, String referenceName,
      String[] expected, Queries queries, List<String> out) {
    if (actual.length != expected.length) {
      out.add(question + ": " + system + " gave " + actual.length + " answers, " + referenceName + " "
          + expected.length);
      return;
    }
    int reported = 0;
    for (int i = 0; i < actual.length && reported < MAX_PER_QUESTION; i++) {
      if (!actual[i].equals(expected[i])) {
        out.add(question + "[" + i + "] (" + detail(question, i, queries) + "): " + system + "=" + actual[i] + " "
            + referenceName + "=" + expected[i]);
        reported++;
      }
    }
  }

  private static String reference(Map<String, SystemResult> results, String key) {
    if (results.containsKey(REFERENCE) && results.get(REFERENCE).string(key) != null) {
      return REFERENCE;
    }
    for (var e : results.entrySet()) {
      if (e.getValue().string(key) != null) {
        return e.getKey();
      }
    }
    return null;
  }

  private static String detail(String question, int i, Queries q) {
    return switch (question) {
      case "lookup.hit" -> q.hits()[i];
      case "lookup.miss" -> q.misses()[i];
      case "neighbours" -> "node " + q.neighbourNodes()[i] + " " + q.neighbourType();
      case "query" -> String.join("+", q.kindEffects().get(i));
      case "bfs" -> "from node " + q.bfsSources()[i] + ", count:sum of ids";
      case "scc" -> "components:largest";
      default -> "N:E";
    };
  }

  private static void comparePageRanks(Map<String, SystemResult> results, Workload workload, List<String> out)
      throws IOException {
    double[] reference = null;
    String referenceName = null;
    List<String> names = new ArrayList<>();
    for (String name : results.keySet()) {
      names.add(name);
      names.add(name + "-api");
    }
    names.remove(REFERENCE);
    names.addFirst(REFERENCE);
    for (String name : names) {
      Path file = workload.pageRankFile(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      double[] rank = readVector(file);
      if (reference == null) {
        reference = rank;
        referenceName = name;
        continue;
      }
      if (rank.length != reference.length) {
        out.add("pagerank: " + name + " ranked " + rank.length + " nodes, " + referenceName + " " + reference.length);
        continue;
      }
      int reported = 0;
      for (int v = 0; v < rank.length && reported < MAX_PER_QUESTION; v++) {
        if (Math.abs(rank[v] - reference[v]) > 1e-12 + 1e-9 * Math.abs(reference[v])) {
          out.add("pagerank[" + v + "]: " + name + "=" + rank[v] + " " + referenceName + "=" + reference[v]);
          reported++;
        }
      }
    }
  }

  /** Reads a rank vector the system runner wrote. */
  static double[] readVector(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      double[] v = new double[in.readInt()];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readDouble();
      }
      return v;
    }
  }
}
