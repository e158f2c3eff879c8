package io.graphsnap.bench.harness;

import io.graphsnap.bench.harness.Comparison.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns one repetition's results into the rows of the report, with the goals of issue 7. Stateless; every
 * repetition gives the same rows in the same order ({@link Repeated} lines them up).
 *
 * <p>Sections, in order: sizes; build, load and open; lookups and queries; <b>same code on one thread</b> (the
 * headline: the harness's line-for-line twins {@link MappedCsr}/{@link HeapCsr}, and the reader's own PageRank
 * over the mapping and over an in-memory CSR, so that only the memory differs); <b>graphsnap on one thread vs the
 * peers</b> (top-down BFS, Tarjan, the reader's PageRank with {@code parallel(false)}: the goals against peers are
 * judged here, where nobody gets more cores than the peer); and <b>the analysis API</b> (direction-optimising BFS,
 * parallel SCC and PageRank on every core: what users get by default), labelled as such and without goals.
 */
public final class Report {
  private static final String SIZE = "Size on disk";
  private static final String LOAD = "Build, load and open";
  private static final String LOOKUP = "Lookups and queries (JMH, median of iterations)";
  static final String SAME = "Same code on one thread: mapped snapshot vs memory (headline)";
  static final String PEERS = "graphsnap on one thread vs the peers (top-down BFS, Tarjan, reader PageRank with"
      + " parallel(false))";
  static final String API = "The analysis API (direction-optimising BFS, parallel SCC and PageRank, all cores)";
  private static final List<String> STORES = List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "webgraph");
  private static final List<String> LOADERS = List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "jgrapht",
      "jgrapht-sparse", "webgraph", "heap-csr");
  private static final List<String> BFS_PEERS = List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "jgrapht",
      "jgrapht-sparse", "webgraph", "heap-csr");

  private Report() {}

  /** The rows, in report order, from one repetition's results by system name and the preparation's figures. */
  public static List<Comparison> rows(Map<String, SystemResult> r, SystemResult prepared) {
    List<Comparison> rows = new ArrayList<>();
    SystemResult gs = r.getOrDefault("graphsnap", new SystemResult());
    double snapshot = gs.number("disk.bytes");
    rows.add(row(r, SIZE, "Snapshot vs SQLite file", Unit.BYTES, snapshot, "sqlite", x -> x.number("disk.bytes"),
        4, "snapshot ≤ 1/4 of the SQLite file"));
    rows.add(new Comparison(SIZE, "Snapshot vs gzip'd JSONL", Unit.BYTES, snapshot, "jsonl.gz",
        prepared.number("gzip.bytes"), 2, "snapshot ≤ 1/2 of gzip'd JSONL", ""));
    rows.add(new Comparison(SIZE, "Snapshot vs JSONL", Unit.BYTES, snapshot, "jsonl", prepared.number("jsonl.bytes"),
        Double.NaN, "", ""));
    rows.add(row(r, SIZE, "Snapshot vs Parquet export (zstd; DuckDB's and Kuzu's input)", Unit.BYTES, snapshot,
        "duckdb", x -> x.number("parquet.bytes"), Double.NaN, ""));
    for (String peer : STORES) {
      if (!peer.equals("sqlite")) {
        rows.add(row(r, SIZE, "Snapshot vs the peer's store", Unit.BYTES, snapshot, peer,
            x -> x.number("disk.bytes"), Double.NaN, ""));
      }
    }

    double build = gs.number("load.seconds");
    for (String peer : LOADERS) {
      rows.add(row(r, LOAD, "Build snapshot (from files) vs load the peer", Unit.SECONDS, build, peer,
          x -> x.number("load.seconds"), Double.NaN, ""));
    }
    double open = gs.number("open.seconds");
    rows.add(row(r, LOAD, "Open snapshot vs load JGraphT", Unit.SECONDS, open, "jgrapht",
        x -> x.number("load.seconds"), 1000, "open ≥ 1000× faster than loading JGraphT"));
    rows.add(row(r, LOAD, "Open snapshot vs load JGraphT", Unit.SECONDS, open, "jgrapht-sparse",
        x -> x.number("load.seconds"), Double.NaN, ""));
    for (String peer : STORES) {
      rows.add(row(r, LOAD, "Open snapshot vs open the peer's store", Unit.SECONDS, open, peer,
          x -> x.number("open.seconds"), Double.NaN, ""));
    }
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "neo4j")) {
      rows.add(row(r, LOAD, "Heap after open vs the peer's heap", Unit.BYTES, gs.number("heap.bytes"), peer,
          x -> x.number("heap.bytes"), Double.NaN, ""));
    }

    for (String peer : List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Lookup by name, hit", Unit.NANOS, gs.number("lookup.hit.ns"), peer,
          x -> x.number("lookup.hit.ns"), peer.equals("sqlite") ? 20 : Double.NaN,
          peer.equals("sqlite") ? "lookup ≥ 20× faster than SQLite's indexed lookup" : ""));
    }
    for (String peer : List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Lookup by name, miss", Unit.NANOS, gs.number("lookup.miss.ns"), peer,
          x -> x.number("lookup.miss.ns"), Double.NaN, ""));
    }
    for (String peer : List.of("sqlite", "duckdb", "kuzu", "neo4j", "mapdb", "jgrapht", "jgrapht-sparse",
        "heap-csr")) {
      rows.add(row(r, LOOKUP, "Neighbours of one node (calls)", Unit.NANOS, gs.number("neighbours.ns"), peer,
          x -> x.number("neighbours.ns"), Double.NaN, ""));
    }
    for (String peer : List.of("sqlite", "duckdb", "kuzu", "neo4j", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Count by kind + effect", Unit.NANOS, gs.number("query.ns"), peer,
          x -> x.number("query.ns"), Double.NaN, ""));
    }

    double within = 1 / 1.3;
    String withinText = "within 1.3× of memory";
    rows.add(row(r, SAME, "BFS, top-down (MappedCsr vs HeapCsr, line for line)", Unit.SECONDS,
        gs.number("bfs.seconds"), "heap-csr", x -> x.number("bfs.seconds"), within, withinText));
    rows.add(row(r, SAME, "SCC, iterative Tarjan (MappedCsr vs HeapCsr)", Unit.SECONDS, gs.number("scc.seconds"),
        "heap-csr", x -> x.number("scc.seconds"), Double.NaN, ""));
    rows.add(row(r, SAME, "PageRank iteration, the reader's PageRank (parallel(false)): mapped snapshot vs the same"
        + " code over an in-memory CSR", Unit.SECONDS, gs.number("pagerank.reader.iteration.seconds"), "heap-csr",
        x -> x.number("pagerank.reader.iteration.seconds"), within, withinText));
    rows.add(row(r, SAME, "PageRank iteration, the reader's PageRank (parallel(false)) over the mapping vs the naive"
        + " pull loop over heap int[]", Unit.SECONDS, gs.number("pagerank.reader.iteration.seconds"), "heap-csr",
        x -> x.number("pagerank.iteration.seconds"), within, withinText));
    rows.add(row(r, SAME, "PageRank iteration, naive pull loop (MappedCsr vs HeapCsr, line for line)", Unit.SECONDS,
        gs.number("pagerank.iteration.seconds"), "heap-csr", x -> x.number("pagerank.iteration.seconds"),
        Double.NaN, ""));

    double bfs = gs.number("bfs.seconds");
    for (String peer : BFS_PEERS) {
      if (peer.equals("heap-csr")) {
        continue;
      }
      double goal = peer.equals("sqlite") ? 100 : peer.equals("jgrapht") ? 15 : Double.NaN;
      String text = peer.equals("sqlite") ? "BFS ≥ 100× faster than SQLite's recursive CTE"
          : peer.equals("jgrapht") ? "BFS ≥ 15× faster than JGraphT" : "";
      rows.add(row(r, PEERS, "BFS, all edge types, per source", Unit.SECONDS, bfs, peer, x -> x.number("bfs.seconds"),
          goal, text));
    }
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "webgraph")) {
      rows.add(row(r, PEERS, "Strongly connected components, whole graph", Unit.SECONDS, gs.number("scc.seconds"),
          peer, x -> x.number("scc.seconds"), Double.NaN, ""));
    }
    double iteration = gs.number("pagerank.reader.iteration.seconds");
    for (String peer : List.of("jgrapht", "jgrapht-sparse")) {
      rows.add(pageRankIteration(r, PEERS, iteration, peer));
    }
    double warmJob = open + gs.number("pagerank.reader.seconds");
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "heap-csr")) {
      rows.add(row(r, PEERS, "PageRank job, warm: open + 20 iterations vs load + 20 iterations", Unit.SECONDS,
          warmJob, peer, x -> x.number("load.seconds") + x.number("pagerank.seconds"),
          peer.equals("jgrapht") ? 20 : Double.NaN, peer.equals("jgrapht") ? "PageRank job ≥ 20× faster than"
              + " JGraphT's" : ""));
    }
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "heap-csr")) {
      rows.add(row(r, PEERS, "PageRank job, cold (file's pages dropped first): open + 20 iterations vs load + 20"
          + " iterations", Unit.SECONDS, gs.number("pagerank.job.cold.seconds"), peer,
          x -> x.number("pagerank.job.cold.seconds"), Double.NaN, ""));
    }

    String threads = " (graphsnap: " + (long) gs.number("analysis.threads") + " threads)";
    for (String peer : BFS_PEERS) {
      rows.add(row(r, API, "BFS, direction-optimising, per source" + threads, Unit.SECONDS,
          gs.number("bfs.api.seconds"), peer, x -> x.number("bfs.seconds"), Double.NaN, ""));
    }
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "webgraph", "heap-csr")) {
      rows.add(row(r, API, "Strongly connected components" + threads, Unit.SECONDS, gs.number("scc.api.seconds"),
          peer, x -> x.number("scc.seconds"), Double.NaN, ""));
    }
    for (String peer : List.of("jgrapht", "jgrapht-sparse", "heap-csr")) {
      rows.add(pageRankIteration(r, API, gs.number("pagerank.api.iteration.seconds"), peer).withMeasure(
          "PageRank iteration, parallel" + threads));
    }
    double apiJob = open + gs.number("pagerank.api.seconds");
    for (String peer : List.of("jgrapht", "jgrapht-sparse")) {
      rows.add(row(r, API, "PageRank job, warm: open + 20 parallel iterations vs load + 20 iterations", Unit.SECONDS,
          apiJob, peer, x -> x.number("load.seconds") + x.number("pagerank.seconds"), Double.NaN, ""));
      rows.add(row(r, API, "PageRank job, cold: open + 20 parallel iterations vs load + 20 iterations", Unit.SECONDS,
          gs.number("pagerank.api.job.cold.seconds"), peer, x -> x.number("pagerank.job.cold.seconds"), Double.NaN,
          ""));
    }
    return rows;
  }

  /** graphsnap's PageRank iteration vs the peer's; a JGraphT iteration is (20 iterations − 1 iteration) ÷ 19. */
  private static Comparison pageRankIteration(Map<String, SystemResult> r, String section, double graphsnap,
      String peer) {
    String measure = "PageRank iteration" + (peer.startsWith("jgrapht") ? " (JGraphT's after its set-up)" : "");
    Comparison c = row(r, section, measure, Unit.SECONDS, graphsnap, peer,
        x -> x.number("pagerank.iteration.seconds"), Double.NaN, "");
    SystemResult p = r.get(peer);
    if (peer.startsWith("jgrapht") && c.note().isEmpty() && p != null && !(c.peerFigure() > 0)) {
      // 20 iterations minus 1 iteration came out at or below zero: the set-up's run-to-run spread is larger.
      c = new Comparison(c.section(), c.measure(), c.unit(), c.graphsnap(), c.peer(), Double.NaN, c.goal(),
          c.goalText(), String.format(Locale.ROOT, "not resolvable: all iterations %.2f s, 1 iteration %.2f s",
              p.number("pagerank.seconds"), p.number("pagerank.setup.seconds")));
    }
    return c;
  }

  private static Comparison row(Map<String, SystemResult> r, String section, String measure, Unit unit,
      double graphsnap, String peer, ToDoubleFunction<SystemResult> figure, double goal, String goalText) {
    SystemResult result = r.get(peer);
    double value = result == null ? Double.NaN : figure.applyAsDouble(result);
    String note = result == null ? peer + " not run" : result.firstError() != null && Double.isNaN(value)
        ? peer + " failed: " + result.firstError() : "";
    return new Comparison(section, measure, unit, graphsnap, peer, value, goal, goalText, note);
  }
}
