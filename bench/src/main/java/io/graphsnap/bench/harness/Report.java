package io.graphsnap.bench.harness;

import io.graphsnap.bench.harness.Comparison.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the systems' results into the rows of the report, with the goals of issue 7. Stateless.
 *
 * <p>Derived figures: the PageRank job is graphsnap's open + PageRank against JGraphT's load + PageRank; BFS
 * per source is the median wall time of one full forward reachability over every edge type. graphsnap's BFS,
 * SCC and PageRank against the peers are those of the reader's analysis API when the run measured them (else
 * the harness's own code over the mapped CSR); the "same code" rows hold the harness's line-for-line twins,
 * over the mapped snapshot and over heap arrays, against each other.
 */
public final class Report {
  private static final String SIZE = "Size on disk";
  private static final String LOAD = "Build, load and open";
  private static final String LOOKUP = "Lookups and queries (JMH, median of iterations)";
  private static final String TRAVERSAL = "Traversal and ranking";

  private Report() {}

  /** The rows, in report order, from the results by system name and the preparation's figures. */
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
    rows.add(row(r, SIZE, "Snapshot vs MapDB file", Unit.BYTES, snapshot, "mapdb", x -> x.number("disk.bytes"),
        Double.NaN, ""));

    double build = gs.number("load.seconds");
    rows.add(row(r, LOAD, "Build snapshot (from files) vs load SQLite", Unit.SECONDS, build, "sqlite",
        x -> x.number("load.seconds"), Double.NaN, ""));
    rows.add(row(r, LOAD, "Build snapshot (from files) vs load MapDB", Unit.SECONDS, build, "mapdb",
        x -> x.number("load.seconds"), Double.NaN, ""));
    rows.add(row(r, LOAD, "Build snapshot (from files) vs load JGraphT", Unit.SECONDS, build, "jgrapht",
        x -> x.number("load.seconds"), Double.NaN, ""));
    double open = gs.number("open.seconds");
    rows.add(row(r, LOAD, "Open snapshot vs load JGraphT", Unit.SECONDS, open, "jgrapht",
        x -> x.number("load.seconds"), 1000, "open ≥ 1000× faster than loading JGraphT"));
    rows.add(row(r, LOAD, "Open snapshot vs open SQLite", Unit.SECONDS, open, "sqlite",
        x -> x.number("open.seconds"), Double.NaN, ""));
    rows.add(row(r, LOAD, "Heap after open vs JGraphT's heap", Unit.BYTES, gs.number("heap.bytes"), "jgrapht",
        x -> x.number("heap.bytes"), Double.NaN, ""));

    for (String peer : List.of("sqlite", "mapdb", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Lookup by name, hit", Unit.NANOS, gs.number("lookup.hit.ns"), peer,
          x -> x.number("lookup.hit.ns"), peer.equals("sqlite") ? 20 : Double.NaN,
          peer.equals("sqlite") ? "lookup ≥ 20× faster than SQLite's indexed lookup" : ""));
    }
    for (String peer : List.of("sqlite", "mapdb", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Lookup by name, miss", Unit.NANOS, gs.number("lookup.miss.ns"), peer,
          x -> x.number("lookup.miss.ns"), Double.NaN, ""));
    }
    for (String peer : List.of("sqlite", "mapdb", "jgrapht", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Neighbours of one node (calls)", Unit.NANOS, gs.number("neighbours.ns"), peer,
          x -> x.number("neighbours.ns"), Double.NaN, ""));
    }
    for (String peer : List.of("sqlite", "heap-csr")) {
      rows.add(row(r, LOOKUP, "Count by kind + effect", Unit.NANOS, gs.number("query.ns"), peer,
          x -> x.number("query.ns"), Double.NaN, ""));
    }

    // The product's figures (the reader's analysis API) carry the goals against the peers when present; the
    // same-code rows (MappedCsr vs HeapCsr) measure what mapping costs against heap arrays.
    boolean api = !Double.isNaN(gs.number("bfs.api.seconds"));
    String by = api ? " (graphsnap: analysis API, " + (long) gs.number("analysis.threads") + " threads)"
        : " (graphsnap: top-down over the mapped CSR)";
    double bfs = gs.number(api ? "bfs.api.seconds" : "bfs.seconds");
    for (String peer : List.of("sqlite", "jgrapht", "mapdb", "heap-csr")) {
      double goal = peer.equals("sqlite") ? 100 : peer.equals("jgrapht") ? 15 : Double.NaN;
      String text = peer.equals("sqlite") ? "BFS ≥ 100× faster than SQLite's recursive CTE"
          : peer.equals("jgrapht") ? "BFS ≥ 15× faster than JGraphT" : "";
      rows.add(row(r, TRAVERSAL, "BFS, all edge types, per source" + by, Unit.SECONDS, bfs, peer,
          x -> x.number("bfs.seconds"), goal, text));
    }
    rows.add(row(r, TRAVERSAL, "BFS, same top-down code: mapped snapshot vs heap arrays", Unit.SECONDS,
        gs.number("bfs.seconds"), "heap-csr", x -> x.number("bfs.seconds"), 1 / 1.3,
        "within 1.3× of a bare heap CSR"));
    double scc = gs.number(api ? "scc.api.seconds" : "scc.seconds");
    for (String peer : List.of("jgrapht", "heap-csr")) {
      rows.add(row(r, TRAVERSAL, "Strongly connected components, whole graph" + by, Unit.SECONDS, scc, peer,
          x -> x.number("scc.seconds"), Double.NaN, ""));
    }
    rows.add(row(r, TRAVERSAL, "Strongly connected components, same Tarjan code: mapped vs heap", Unit.SECONDS,
        gs.number("scc.seconds"), "heap-csr", x -> x.number("scc.seconds"), Double.NaN, ""));
    rows.add(row(r, TRAVERSAL, "PageRank, one iteration, same code: mapped snapshot vs heap arrays", Unit.SECONDS,
        gs.number("pagerank.iteration.seconds"), "heap-csr", x -> x.number("pagerank.iteration.seconds"), 1 / 1.3,
        "within 1.3× of a bare heap CSR"));
    double iteration = gs.number(api ? "pagerank.api.iteration.seconds" : "pagerank.iteration.seconds");
    for (String peer : List.of("jgrapht", "heap-csr")) {
      Comparison c = row(r, TRAVERSAL, "PageRank, one iteration" + by + (peer.equals("jgrapht")
          ? "; JGraphT after its set-up" : ""), Unit.SECONDS, iteration, peer,
          x -> x.number("pagerank.iteration.seconds"), Double.NaN, "");
      SystemResult p = r.get(peer);
      if (peer.equals("jgrapht") && c.note().isEmpty() && p != null && !(c.peerFigure() > 0)) {
        // 20 iterations minus 1 iteration came out at or below zero: the set-up's run-to-run spread is larger.
        c = new Comparison(c.section(), c.measure(), c.unit(), c.graphsnap(), c.peer(), Double.NaN, c.goal(),
            c.goalText(), String.format(java.util.Locale.ROOT, "not resolvable: all iterations %.2f s, 1 iteration"
                + " %.2f s (its set-up varies more than the iterations cost)", p.number("pagerank.seconds"),
                p.number("pagerank.setup.seconds")));
      }
      rows.add(c);
    }
    double job = open + gs.number(api ? "pagerank.api.seconds" : "pagerank.seconds");
    rows.add(row(r, TRAVERSAL, "PageRank job: open + iterate vs load + iterate" + by, Unit.SECONDS, job, "jgrapht",
        x -> x.number("load.seconds") + x.number("pagerank.seconds"), 20,
        "PageRank job ≥ 20× faster than JGraphT's"));
    return rows;
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
