package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraph;
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
import java.util.List;
import java.util.Set;

/**
 * SQLite through sqlite-jdbc with the schema and indexes a competent user would create for these questions:
 * <pre>
 * nodes(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind INTEGER NOT NULL)
 *   + UNIQUE INDEX nodes_name(name)              -- covering for name → id (the rowid is in the index)
 * node_effects(effect, kind, node, PRIMARY KEY(effect, kind, node)) WITHOUT ROWID
 *                                               -- "kind + effect" is one range count in this index
 * edges(source, type, target, PRIMARY KEY(source, type, target)) WITHOUT ROWID   -- the index on source
 *   + INDEX edges_target(target)
 * kinds / effects / edge_types(id INTEGER PRIMARY KEY, name TEXT UNIQUE)
 * </pre>
 * Kinds and edge types are small integers, which keeps the file small; effects are normalised into their own
 * table (one row per node and effect) rather than a bit mask, so that counting by kind and effect reads an
 * index range instead of scanning every node. The bulk load runs in one transaction with the journal and syncs
 * off, indexes created after the rows, then ANALYZE. Queries use prepared statements; the database is read
 * through SQLite's mmap ({@code PRAGMA mmap_size}), as graphsnap maps its file. BFS is one recursive CTE whose
 * {@code UNION} keeps each reached node once (SQLite's documented way to walk a graph).
 */
public final class SqliteSystem extends SqlGraphSystem {
  private static final String BFS = "WITH RECURSIVE r(id) AS (SELECT ? UNION SELECT e.target FROM edges e"
      + " JOIN r ON e.source = r.id) SELECT count(*), sum(id) FROM r";
  private PreparedStatement neighbours;

  @Override
  public String name() {
    return "sqlite";
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
    file = dir.resolve("graph.sqlite");
    Files.deleteIfExists(file);
    ResolvedGraph g = ResolvedGraphFile.read(workload.resolvedGraph());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=OFF");
        s.execute("PRAGMA synchronous=OFF");
        s.execute("PRAGMA cache_size=-262144");
        s.execute("CREATE TABLE kinds(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE effects(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE edge_types(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        s.execute("CREATE TABLE nodes(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind INTEGER NOT NULL)");
        s.execute("CREATE TABLE node_effects(effect INTEGER NOT NULL, kind INTEGER NOT NULL, node INTEGER NOT NULL,"
            + " PRIMARY KEY(effect, kind, node)) WITHOUT ROWID");
        s.execute("CREATE TABLE edges(source INTEGER NOT NULL, type INTEGER NOT NULL, target INTEGER NOT NULL,"
            + " PRIMARY KEY(source, type, target)) WITHOUT ROWID");
      }
      c.setAutoCommit(false);
      insertNames(c, "kinds", g.kinds());
      insertNames(c, "effects", g.effects());
      insertNames(c, "edge_types", g.edgeTypes());
      insertNodes(c, g);
      insertEdges(c, g);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE UNIQUE INDEX nodes_name ON nodes(name)");
        s.execute("CREATE INDEX edges_target ON edges(target)");
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    }
    open();
  }

  private static void insertNames(Connection c, String table, List<String> names) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + "(id, name) VALUES (?, ?)")) {
      for (int i = 0; i < names.size(); i++) {
        p.setInt(1, i);
        p.setString(2, names.get(i));
        p.executeUpdate();
      }
    }
  }

  private static void insertNodes(Connection c, ResolvedGraph g) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO nodes(id, name, kind) VALUES (?, ?, ?)");
        PreparedStatement e = c.prepareStatement("INSERT INTO node_effects(effect, kind, node) VALUES (?, ?, ?)")) {
      String[] names = g.names();
      for (int v = 0; v < names.length; v++) {
        p.setInt(1, v);
        p.setString(2, names[v]);
        p.setInt(3, g.kindOf()[v]);
        p.addBatch();
        int mask = g.effectMask()[v];
        for (int bit = 0; mask != 0; bit++, mask >>>= 1) {
          if ((mask & 1) != 0) {
            e.setInt(1, bit);
            e.setInt(2, g.kindOf()[v]);
            e.setInt(3, v);
            e.addBatch();
          }
        }
        if ((v & 8191) == 8191) {
          p.executeBatch();
          e.executeBatch();
        }
      }
      p.executeBatch();
      e.executeBatch();
    }
  }

  private static void insertEdges(Connection c, ResolvedGraph g) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO edges(source, type, target) VALUES (?, ?, ?)")) {
      int[] offsets = g.offsets();
      int pending = 0;
      int[] targets = g.targets();
      byte[] types = g.types();
      for (int v = 0; v < g.nodeCount(); v++) {
        for (int i = offsets[v]; i < offsets[v + 1]; i++) {
          p.setInt(1, v);
          p.setInt(2, types[i]);
          p.setInt(3, targets[i]);
          p.addBatch();
          if (++pending == 8192) {
            p.executeBatch();
            pending = 0;
          }
        }
      }
      p.executeBatch();
    }
  }

  @Override
  protected void open() throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA mmap_size=" + (1L << 40));
      s.execute("PRAGMA cache_size=-262144");
      s.execute("PRAGMA query_only=ON");
    }
    prepare("SELECT id FROM nodes WHERE name = ?",
        "SELECT count(*) FROM node_effects WHERE kind = (SELECT id FROM kinds WHERE name = ?)"
            + " AND effect = (SELECT id FROM effects WHERE name = ?)", BFS);
    neighbours = db.prepareStatement("SELECT target FROM edges WHERE source = ? AND type = ?");
  }

  @Override
  public long neighbours(int node, int typeId) throws SQLException {
    neighbours.setInt(1, node);
    neighbours.setInt(2, typeId);
    long sum = 0;
    long count = 0;
    try (ResultSet rs = neighbours.executeQuery()) {
      while (rs.next()) {
        sum += rs.getInt(1);
        count++;
      }
    }
    return sum + (count << 40);
  }
}
