package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * DuckDB (JDBC, embedded) over graphsnap's Parquet export ({@code graphsnap export --format parquet}: the
 * harness writes {@code nodes.parquet} and {@code edges.parquet} once, see {@link Workload#parquetDir()}). Load
 * imports them into a DuckDB database file, as a user who queries them repeatedly would (querying the Parquet
 * files directly re-reads and decompresses them on every query):
 * <pre>
 * nodes(id INTEGER, name VARCHAR, kind VARCHAR)               sorted by id  + UNIQUE INDEX (ART) on name
 * node_effects(effect VARCHAR, kind VARCHAR, node INTEGER)    sorted by (effect, kind, node)
 * edges(src INTEGER, type VARCHAR, dst INTEGER)               sorted by (src, type, dst) + INDEX (ART) on src
 * </pre>
 * Sorted tables let DuckDB's zone maps skip row groups; the ART indexes serve the point lookups (DuckDB uses an
 * index scan for an equality filter on an indexed column). Queries are prepared statements; BFS is a recursive
 * CTE whose {@code UNION} keeps each node once. DuckDB runs with its default threads (all cores).
 */
public final class DuckDbSystem implements GraphSystem {
  private static final String BFS = "WITH RECURSIVE r(id) AS (SELECT CAST(? AS INTEGER) UNION SELECT e.dst FROM edges e"
      + " JOIN r ON e.src = r.id) SELECT count(*), sum(id) FROM r";
  private Path file;
  private Connection db;
  private PreparedStatement lookup;
  private PreparedStatement neighbours;
  private PreparedStatement query;
  private PreparedStatement bfs;
  private String[] edgeTypeNames;
  private double parquetBytes;

  @Override
  public String name() {
    return "duckdb";
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
    file = dir.resolve("graph.duckdb");
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir.resolve("graph.duckdb.wal"));
    edgeTypeNames = ResolvedGraphFile.edgeTypes(workload.resolvedGraph()).toArray(new String[0]);
    String nodes = sqlPath(workload.parquetDir().resolve("nodes.parquet"));
    String edges = sqlPath(workload.parquetDir().resolve("edges.parquet"));
    parquetBytes = Files.size(workload.parquetDir().resolve("nodes.parquet"))
        + Files.size(workload.parquetDir().resolve("edges.parquet"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE nodes AS SELECT id, name, kind FROM read_parquet(" + nodes + ") ORDER BY id");
      s.execute("CREATE TABLE node_effects AS SELECT unnest(effects) AS effect, kind, id AS node FROM read_parquet("
          + nodes + ") ORDER BY effect, kind, node");
      s.execute("CREATE TABLE edges AS SELECT src, type, dst FROM read_parquet(" + edges + ") ORDER BY src, type, dst");
      s.execute("CREATE UNIQUE INDEX nodes_name ON nodes(name)");
      s.execute("CREATE INDEX edges_src ON edges(src)");
      s.execute("CHECKPOINT");
    }
    open();
  }

  private static String sqlPath(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  @Override
  public void reopen() throws Exception {
    close();
    open();
  }

  private void open() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:" + file);
    lookup = db.prepareStatement("SELECT id FROM nodes WHERE name = ?");
    neighbours = db.prepareStatement("SELECT count(*), coalesce(sum(dst), 0) FROM edges WHERE src = ? AND type = ?");
    query = db.prepareStatement("SELECT count(*) FROM node_effects WHERE kind = ? AND effect = ?");
    bfs = db.prepareStatement(BFS);
  }


  @Override
  public long diskBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public Map<String, Double> extraFigures() throws Exception {
    return Map.of("parquet.bytes", parquetBytes);
  }

  @Override
  public long nodeCount() throws Exception {
    return single("SELECT count(*) FROM nodes");
  }

  @Override
  public long edgeCount() throws Exception {
    return single("SELECT count(*) FROM edges");
  }

  private long single(String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public int lookup(String name) throws SQLException {
    lookup.setString(1, name);
    try (ResultSet rs = lookup.executeQuery()) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  @Override
  public long neighbours(int node, int typeId) throws SQLException {
    neighbours.setInt(1, node);
    neighbours.setString(2, edgeTypeNames[typeId]);
    try (ResultSet rs = neighbours.executeQuery()) {
      rs.next();
      return rs.getLong(2) + (rs.getLong(1) << 40);
    }
  }

  @Override
  public long countKindEffect(String kind, String effect) throws SQLException {
    query.setString(1, kind);
    query.setString(2, effect);
    try (ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public long[] bfs(int source) throws SQLException {
    bfs.setInt(1, source);
    try (ResultSet rs = bfs.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), -1};
    }
  }

  @Override
  public void close() throws SQLException {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
