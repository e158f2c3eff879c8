package io.graphsnap.bench.harness.systems;

import com.kuzudb.Connection;
import com.kuzudb.Database;
import com.kuzudb.FlatTuple;
import com.kuzudb.PreparedStatement;
import com.kuzudb.QueryResult;
import com.kuzudb.Value;
import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kuzu (embedded graph database, Cypher) over graphsnap's Parquet export, bulk-loaded with {@code COPY … FROM
 * (LOAD FROM 'x.parquet' …)}, Kuzu's fast path:
 * <pre>
 * NODE TABLE Node(id INT64 PRIMARY KEY, kind STRING, effects STRING[])
 * NODE TABLE Name(name STRING PRIMARY KEY, id INT64)     -- name → id: Kuzu indexes only primary keys
 * REL TABLE `calls`(FROM Node TO Node), one per edge type
 * </pre>
 * Kuzu has no secondary indexes, so a lookup by name goes through a second node table keyed by name (its hash
 * index), the documented way to get a second key; it is loaded from a Parquet file DuckDB rewrites during the load,
 * since Kuzu 0.11.2 cannot decode the export's delta-encoded name column. Neighbours: {@code MATCH (a:Node {id: $id})-[:calls]->(b)};
 * kind + effect: a filtered count over the columnar Node table; BFS: Kuzu's recursive join
 * {@code (a)-[* SHORTEST 1..K]->(b)}, a breadth-first search that keeps one shortest path per reached node, with K
 * raised to {@value #MAX_DEPTH} ({@code var_length_extend_max_depth}; the answers are checked against the
 * unbounded BFS). Prepared statements; Kuzu's default threads (all cores).
 */
public final class KuzuSystem implements GraphSystem {
  private static final int MAX_DEPTH = 1000;
  private Path file;
  private Database db;
  private Connection conn;
  private PreparedStatement lookup;
  private PreparedStatement[] neighbours;
  private PreparedStatement query;
  private PreparedStatement bfs;
  private List<String> edgeTypes;

  @Override
  public String name() {
    return "kuzu";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.OPEN, Capability.LOOKUP, Capability.NEIGHBOURS, Capability.QUERY, Capability.BFS);
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    Path dir = workload.systemDir(name());
    Files.createDirectories(dir);
    file = dir.resolve("graph.kuzu");
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir.resolve("graph.kuzu.wal"));
    edgeTypes = ResolvedGraphFile.edgeTypes(workload.resolvedGraph());
    String nodes = quote(workload.parquetDir().resolve("nodes.parquet").toAbsolutePath().toString());
    String edges = quote(workload.parquetDir().resolve("edges.parquet").toAbsolutePath().toString());
    open();
    run("CREATE NODE TABLE Node(id INT64, kind STRING, effects STRING[], PRIMARY KEY(id))");
    run("CREATE NODE TABLE Name(name STRING, id INT64, PRIMARY KEY(name))");
    for (String type : edgeTypes) {
      run("CREATE REL TABLE `" + type + "`(FROM Node TO Node)");
    }
    run("COPY Node FROM (LOAD FROM " + nodes + " RETURN CAST(id AS INT64), kind, effects)");
    // Kuzu 0.11.2's Parquet reader stops on the export's delta-encoded name column (KU_UNREACHABLE in
    // column_reader.cpp line 502), and its CSV reader on names that hold quotes or commas; so the load rewrites
    // (name, id) as plain-encoded Parquet with DuckDB (in memory, inside the timed load) and copies that.
    Path names = dir.resolve("names.parquet");
    Files.deleteIfExists(names);
    try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = duck.createStatement()) {
      s.execute("COPY (SELECT name, CAST(id AS BIGINT) AS id FROM read_parquet(" + nodes + ")) TO "
          + quote(names.toAbsolutePath().toString()) + " (FORMAT parquet)");
    }
    run("COPY Name FROM " + quote(names.toAbsolutePath().toString()));
    for (String type : edgeTypes) {
      run("COPY `" + type + "` FROM (LOAD FROM " + edges + " WHERE type = " + quote(type)
          + " RETURN CAST(src AS INT64), CAST(dst AS INT64))");
    }
    run("CHECKPOINT");
    prepare();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Override
  public void reopen() throws Exception {
    close();
    open();
    prepare();
  }

  private void open() {
    db = new Database(file.toString());
    conn = new Connection(db);
  }

  private void prepare() {
    run("CALL var_length_extend_max_depth=" + MAX_DEPTH);
    lookup = prepared("MATCH (n:Name {name: $name}) RETURN n.id");
    neighbours = new PreparedStatement[edgeTypes.size()];
    for (int t = 0; t < neighbours.length; t++) {
      neighbours[t] = prepared("MATCH (a:Node {id: $id})-[:`" + edgeTypes.get(t) + "`]->(b)"
          + " RETURN count(*), coalesce(sum(b.id), 0)");
    }
    query = prepared("MATCH (n:Node) WHERE n.kind = $kind AND list_contains(n.effects, $effect) RETURN count(*)");
    bfs = prepared("MATCH (a:Node {id: $id})-[* SHORTEST 1.." + MAX_DEPTH + "]->(b) WHERE b.id <> $id"
        + " RETURN count(*), coalesce(sum(b.id), 0)");
  }

  private PreparedStatement prepared(String cypher) {
    PreparedStatement p = conn.prepare(cypher);
    if (!p.isSuccess()) {
      throw new IllegalStateException("Kuzu could not prepare " + cypher + ": " + p.getErrorMessage());
    }
    return p;
  }

  private void run(String cypher) {
    try (QueryResult r = conn.query(cypher)) {
      if (!r.isSuccess()) {
        throw new IllegalStateException("Kuzu failed on " + cypher + ": " + r.getErrorMessage());
      }
    }
  }

  /** The first row's columns as longs (null as -1), or null when there is no row. */
  private long[] first(PreparedStatement p, Map<String, Object> parameters) {
    Map<String, Value> values = new HashMap<>();
    for (var e : parameters.entrySet()) {
      values.put(e.getKey(), new Value(e.getValue()));
    }
    try (QueryResult r = conn.execute(p, values)) {
      if (!r.isSuccess()) {
        throw new IllegalStateException("Kuzu query failed: " + r.getErrorMessage());
      }
      if (!r.hasNext()) {
        return null;
      }
      try (FlatTuple t = r.getNext()) {
        long[] row = new long[(int) r.getNumColumns()];
        for (int i = 0; i < row.length; i++) {
          try (Value v = t.getValue(i)) {
            row[i] = v.isNull() ? -1 : ((Number) v.getValue()).longValue();
          }
        }
        return row;
      }
    } finally {
      for (Value v : values.values()) {
        v.close();
      }
    }
  }

  @Override
  public long diskBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public long nodeCount() {
    return single("MATCH (n:Node) RETURN count(*)");
  }

  @Override
  public long edgeCount() {
    return single("MATCH ()-[r]->() RETURN count(*)");
  }

  private long single(String cypher) {
    try (QueryResult r = conn.query(cypher)) {
      if (!r.isSuccess()) {
        throw new IllegalStateException("Kuzu failed on " + cypher + ": " + r.getErrorMessage());
      }
      try (FlatTuple t = r.getNext(); Value v = t.getValue(0)) {
        return ((Number) v.getValue()).longValue();
      }
    }
  }

  @Override
  public int lookup(String name) {
    long[] row = first(lookup, Map.of("name", name));
    return row == null ? -1 : (int) row[0];
  }

  @Override
  public long neighbours(int node, int typeId) {
    long[] row = first(neighbours[typeId], Map.of("id", (long) node));
    return row == null ? 0 : row[1] + (row[0] << 40);
  }

  @Override
  public long countKindEffect(String kind, String effect) {
    long[] row = first(query, Map.of("kind", kind, "effect", effect));
    return row == null ? 0 : row[0];
  }

  @Override
  public long[] bfs(int source) {
    long[] row = first(bfs, Map.of("id", (long) source));
    long count = row == null ? 0 : row[0];
    long sum = row == null ? 0 : row[1];
    return new long[] {count + 1, sum + source, -1};
  }

  @Override
  public void close() {
    for (PreparedStatement p : new PreparedStatement[] {lookup, query, bfs}) {
      if (p != null) {
        p.close();
      }
    }
    if (neighbours != null) {
      for (PreparedStatement p : neighbours) {
        p.close();
      }
    }
    lookup = null;
    query = null;
    bfs = null;
    neighbours = null;
    if (conn != null) {
      conn.close();
      conn = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
