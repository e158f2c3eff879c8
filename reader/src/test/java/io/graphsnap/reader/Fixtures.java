package io.graphsnap.reader;

import io.graphsnap.format.snapshot.Conflict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Test graphs and helpers to write their snapshots to files. */
final class Fixtures {
  private Fixtures() {}

  static byte[] sha(int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    b[0] |= 1; // never all zero
    return b;
  }

  /** A small graph with every feature: non-ASCII names, externals, merged namespace, details, conflicts. */
  static TestGraph small() {
    TestGraph g = new TestGraph();
    g.file("src/auth.cov", "covenant", sha(1), sha(2), 4);
    g.file("src/db.cov", "covenant", null, sha(3), 1);
    g.file("src/ünï.py", "python", sha(4), sha(5), 2);
    g.file("test/login_test.cov", "covenant", sha(6), sha(7), 1);
    g.node("auth", "module").file("src/auth.cov", 1, 40).merged();
    g.node("auth.login", "fn").file("src/auth.cov", 3, 20).effects("db", "net").hash(sha(10))
        .note("en", "Checks a password.").note("md", "*Checks* a password.").meta("owner", "team-a").meta("since", "1.2");
    g.node("auth.logout", "fn").file("src/auth.cov", 22, 30).effects("net");
    g.node("auth.User", "class").file("src/auth.cov", 32, 40).hash(sha(11));
    g.node("db.query", "fn").file("src/db.cov", 1, 9).effects("db", "io");
    g.node("test.login", "test").file("test/login_test.cov", 1, 12).note("en", "covers R-12");
    g.node("ünïcode.fn", "fn").file("src/ünï.py", 1, 5).effects("io").meta("ключ", "значение");
    g.node("αβγ.x", "data").file("src/ünï.py", 7, 7);
    g.node("R-12", "requirement").file("src/auth.cov", 1, 1);
    g.edge("auth.login", "calls", "db.query", 5, 9)
        .edge("auth.login", "references", "auth.User")
        .edge("auth.login", "calls", "ext.crypt", 7)
        .edge("auth.login", "calls", "db.query", 12, 5) // duplicate: stored once, its lines united
        .edge("test.login", "tests", "auth.login")
        .edge("test.login", "calls", "auth.login", 3, 4, 5, 6, 7, 8, 9, 10, 11, 200) // ten lines: Head and MoreLines
        .edge("test.login", "covers", "R-12")
        .edge("auth", "contains", "auth.login")
        .edge("auth", "contains", "auth.logout")
        .edge("auth", "contains", "auth.User")
        .edge("auth.logout", "calls", "auth.login", 25, 1_000_000)
        .edge("auth.logout", "calls", "ext.log")
        .edge("ünïcode.fn", "calls", "αβγ.x")
        .edge("ünïcode.fn", "references", "ext.crypt", 2) // any edge type may have sites
        .edge("db.query", "calls", "db.query", 4); // self-loop
    g.buildInfo.put("tool", "graphsnap-test 0");
    g.buildInfo.put("nodes", "12");
    g.conflicts.add(new Conflict("auth.User", "src/auth.cov", "src/db.cov"));
    g.conflicts.add(new Conflict("db.query", "src/db.cov", "src/ünï.py"));
    return g;
  }

  /** A seeded random graph: {@code n} defined nodes, about {@code e} edges over a few types, some externals. */
  static TestGraph random(long seed, int n, int e) {
    Random r = new Random(seed);
    TestGraph g = new TestGraph();
    String[] kinds = {"fn", "method", "class", "test", "module"};
    String[] effects = {"io", "net", "db", "meta"};
    String[] types = {"calls", "references", "contains", "tests", "covers"};
    String[] langs = {"java", "covenant", "python"};
    int fileCount = Math.max(1, n / 20);
    for (int f = 0; f < fileCount; f++) {
      g.file("src/f" + f + (r.nextInt(10) == 0 ? "é" : "") + ".x", langs[r.nextInt(langs.length)],
          r.nextBoolean() ? sha(r.nextInt()) : null, sha(r.nextInt()), r.nextInt(50));
    }
    var paths = g.filePaths();
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "p" + r.nextInt(10) + (r.nextInt(8) == 0 ? "ß" : "") + ".n" + i;
      TestGraph.Node node = g.node(names[i], kinds[r.nextInt(kinds.length)])
          .file(paths.get(r.nextInt(paths.size())), r.nextInt(100), 100 + r.nextInt(100));
      for (String x : effects) {
        if (r.nextInt(4) == 0) {
          node.effects(x);
        }
      }
      if (r.nextInt(3) == 0) {
        node.hash(sha(i)).note("en", "note " + i).meta("k" + r.nextInt(3), "v" + i);
      }
    }
    for (int i = 0; i < e; i++) {
      String from = names[r.nextInt(n)];
      String to = r.nextInt(20) == 0 ? "ext.e" + r.nextInt(Math.max(1, n / 10)) : names[r.nextInt(n)];
      g.edge(from, types[r.nextInt(types.length)], to);
    }
    Random lines = new Random(seed ^ 0x5EED); // sites: their own sequence, so the graph is as before
    for (TestGraph.Edge edge : List.copyOf(g.edges)) {
      if (lines.nextInt(3) == 0) {
        int[] at = new int[1 + lines.nextInt(lines.nextInt(10) == 0 ? 20 : 3)];
        for (int i = 0; i < at.length; i++) {
          at[i] = 1 + lines.nextInt(lines.nextInt(20) == 0 ? Integer.MAX_VALUE - 1 : 300);
        }
        g.edge(edge.from(), edge.type(), edge.to(), at);
      }
    }
    g.buildInfo.put("tool", "random " + seed);
    return g;
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.write(p, bytes);
      return p;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
