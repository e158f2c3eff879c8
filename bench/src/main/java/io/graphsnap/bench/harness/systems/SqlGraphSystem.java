package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the SQL peers (SQLite, DuckDB) answer the same way through JDBC: a database file, prepared statements for
 * name → id, the kind + effect count and the recursive-CTE BFS, counts by {@code SELECT count(*)}, reopen and
 * close. A subclass loads its own schema, opens its connection with its own settings ({@link #open}, which calls
 * {@link #prepare}), and answers neighbours in its own schema.
 *
 * <p>Not thread-safe: one harness thread drives a system.
 */
abstract class SqlGraphSystem implements GraphSystem {
  /** The database file, set by {@code load}. */
  protected Path file;
  /** The open connection, or null. */
  protected Connection db;
  private PreparedStatement lookup;
  private PreparedStatement countKindEffect;
  private PreparedStatement bfs;

  /**
   * Opens {@link #file}: sets {@link #db} with the system's settings, then calls {@link #prepare} and prepares
   * the subclass's own statements.
   */
  protected abstract void open() throws SQLException;

  /**
   * Prepares the shared statements on {@link #db}: {@code lookupSql} takes a name and selects the id;
   * {@code countSql} takes a kind and an effect name and selects a count; {@code bfsSql} takes a source id and
   * selects the count of reached nodes and the sum of their ids.
   */
  protected final void prepare(String lookupSql, String countSql, String bfsSql) throws SQLException {
    lookup = db.prepareStatement(lookupSql);
    countKindEffect = db.prepareStatement(countSql);
    bfs = db.prepareStatement(bfsSql);
  }

  @Override
  public final void reopen() throws Exception {
    close();
    open();
  }

  @Override
  public final long diskBytes() throws IOException {
    return Files.size(file);
  }

  @Override
  public final long nodeCount() throws SQLException {
    return single("SELECT count(*) FROM nodes");
  }

  @Override
  public final long edgeCount() throws SQLException {
    return single("SELECT count(*) FROM edges");
  }

  private long single(String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public final int lookup(String name) throws SQLException {
    lookup.setString(1, name);
    try (ResultSet rs = lookup.executeQuery()) {
      return rs.next() ? rs.getInt(1) : -1;
    }
  }

  @Override
  public final long countKindEffect(String kind, String effect) throws SQLException {
    countKindEffect.setString(1, kind);
    countKindEffect.setString(2, effect);
    try (ResultSet rs = countKindEffect.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public final long[] bfs(int source) throws SQLException {
    bfs.setInt(1, source);
    try (ResultSet rs = bfs.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), -1};
    }
  }

  @Override
  public final void close() throws SQLException {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
