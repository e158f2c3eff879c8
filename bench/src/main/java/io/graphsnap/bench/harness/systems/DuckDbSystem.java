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
public final class DuckDbSystem extends SqlGraphSystem {
  private static final String BFS = "WITH RECURSIVE r(id) AS (SELECT CAST(? AS INTEGER) UNION SELECT e.dst FROM edges e"
      + " JOIN r ON e.src = r.id) SELECT count(*), sum(id) FROM r";
  private PreparedStatement neighbours;
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
  protected void open() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:" + file);
    prepare("SELECT id FROM nodes WHERE name = ?", "SELECT count(*) FROM node_effects WHERE kind = ? AND effect = ?", BFS);
    neighbours = db.prepareStatement("SELECT count(*), coalesce(sum(dst), 0) FROM edges WHERE src = ? AND type = ?");
  }

  @Override
  public Map<String, Double> extraFigures() throws Exception {
    return Map.of("parquet.bytes", parquetBytes);
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
}
