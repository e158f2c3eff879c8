package io.graphsnap.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.bench.Scale;
import io.graphsnap.bench.SyntheticGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness at scale {@code tiny} with few repetitions, each system in its own JVM as the command
 * does, and checks that every system answered the same questions the same way. No timing assertions.
 */
class BenchHarnessTest {
  @TempDir
  Path dir;

  @Test
  void everySystemGivesTheSameAnswersAtTinyScale() throws Exception {
    BenchHarness.Options options = BenchHarness.parse(new String[] {"--scale", "tiny", "--quick", "--xmx", "512m",
        "--work", dir.resolve("work").toString(), "--results", dir.resolve("results").toString()});
    BenchHarness.Outcome outcome = BenchHarness.run(options, "test", System.out);

    assertEquals(List.of(), outcome.disagreements());
    Map<String, SystemResult> results = outcome.results();
    List<String> expected = new java.util.ArrayList<>(List.of("bandwidth"));
    expected.addAll(SystemRunner.SYSTEMS);
    assertEquals(expected, List.copyOf(results.keySet()));
    for (var e : results.entrySet()) {
      assertNull(e.getValue().firstError(), e.getKey() + " failed");
    }
    for (String system : SystemRunner.SYSTEMS) {
      SystemResult r = results.get(system);
      assertTrue(r.string("answer.bfs") != null, system + " answered BFS");
      if (!system.equals("webgraph")) {
        assertEquals(results.get("heap-csr").string("answer.counts"), r.string("answer.counts"), system + " N:E");
      }
      assertEquals(results.get("heap-csr").string("answer.bfs"), r.string("answer.bfs"), system + " BFS");
    }
    for (String system : List.of("jgrapht", "jgrapht-sparse", "webgraph")) {
      assertEquals(results.get("heap-csr").string("answer.scc"), results.get(system).string("answer.scc"), system);
    }
    for (String system : List.of("duckdb", "kuzu", "neo4j", "jgrapht-sparse")) {
      assertEquals(results.get("heap-csr").string("answer.neighbours"), results.get(system).string("answer.neighbours"),
          system + " neighbours");
    }
    assertTrue(results.get("webgraph").number("webgraph.bitsPerArc") > 0, "WebGraph's bits per arc");
    for (String system : List.of("graphsnap", "heap-csr", "sqlite", "mapdb", "duckdb", "kuzu", "neo4j")) {
      SystemResult r = results.get(system);
      long[] hits = numbers(r.string("answer.lookup.hit"));
      long[] misses = numbers(r.string("answer.lookup.miss"));
      assertTrue(Arrays.stream(hits).allMatch(id -> id >= 0), system + " found every existing name");
      assertTrue(Arrays.stream(misses).allMatch(id -> id == -1), system + " found no absent name");
      assertTrue(r.number("lookup.hit.ns") > 0, system + " has a lookup latency");
    }
    for (String system : List.of("graphsnap", "heap-csr", "sqlite", "duckdb", "kuzu", "neo4j")) {
      assertEquals(results.get("heap-csr").string("answer.query"), results.get(system).string("answer.query"), system);
    }
    for (String reached : results.get("sqlite").string("answer.bfs").split(",")) {
      assertTrue(Long.parseLong(reached.split(":")[0]) > 1, "BFS reached more than its source: " + reached);
    }
    SystemResult graphsnap = results.get("graphsnap");
    assertEquals(results.get("heap-csr").string("answer.bfs"), graphsnap.string("answer.bfs.api"), "analysis API BFS");
    assertEquals(results.get("heap-csr").string("answer.scc"), graphsnap.string("answer.scc.api"), "analysis API SCC");
    assertEquals(results.get("jgrapht").string("answer.scc"), results.get("heap-csr").string("answer.scc"));
    Path rep = options.work().toAbsolutePath().resolve("results/rep-1");
    double[] heapRank = AnswerCheck.readVector(rep.resolve("heap-csr.pagerank"));
    assertEquals(1.0, Arrays.stream(heapRank).sum(), 1e-9, "ranks sum to 1");
    for (String pr : List.of("graphsnap", "graphsnap-api", "graphsnap-reader", "heap-csr-reader", "jgrapht",
        "jgrapht-sparse")) {
      assertTrue(Files.isRegularFile(rep.resolve(pr + ".pagerank")), pr);
    }
    assertTrue(graphsnap.number("pagerank.job.cold.seconds") > 0, "cold PageRank job timed");

    String md = Files.readString(outcome.markdown());
    assertTrue(md.contains("Commit: `"), md);
    assertTrue(md.contains("## Was the machine quiet?"), md);
    assertTrue(md.contains("## " + Report.SAME), md);
    assertTrue(md.contains("## " + Report.API), md);
    assertTrue(md.contains("| BFS, top-down (MappedCsr vs HeapCsr, line for line) |"), md);
    assertTrue(md.contains("| Lookup by name, hit |"), md);
    assertTrue(md.contains("| FORWARD_TARGETS |"), "the snapshot's sections are listed");
    assertTrue(Files.size(outcome.chart()) > 10_000, "chart written");
  }

  @Test
  void disagreeingAnswersAreReported() throws Exception {
    Workload workload = new Workload(dir, Scale.TINY, 10, SyntheticGraph.DEFAULT_SEED, Settings.of(Scale.TINY, true));
    Queries queries = new Queries(new String[] {"a", "b"}, new String[] {"x", "y"}, new int[] {1, 2}, "calls",
        List.of(), new int[] {0});
    Map<String, SystemResult> results = new LinkedHashMap<>();
    results.put("heap-csr", answers("3,4", "-1,-1", "5:10"));
    results.put("graphsnap", answers("3,4", "-1,-1", "5:10"));
    results.put("sqlite", answers("3,5", "-1,-1", "4:9"));
    List<String> d = AnswerCheck.disagreements(results, queries, workload);
    assertEquals(2, d.size(), d.toString());
    assertTrue(d.get(0).startsWith("lookup.hit[1] (b): sqlite=5 heap-csr=4"), d.get(0));
    assertTrue(d.get(1).startsWith("bfs[0]"), d.get(1));
    assertFalse(d.stream().anyMatch(s -> s.contains("graphsnap")), d.toString());
  }

  private static SystemResult answers(String hits, String misses, String bfs) {
    SystemResult r = new SystemResult();
    r.put("answer.lookup.hit", hits);
    r.put("answer.lookup.miss", misses);
    r.put("answer.bfs", bfs);
    return r;
  }

  private static long[] numbers(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
