package io.graphsnap.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraphML and TSV exports open in NetworkX with the snapshot's counts. Skipped, with the reason printed, where
 * {@code python3 -c "import networkx"} does not work.
 */
class NetworkxGraphMlTest {
  @TempDir Path dir;

  @Test
  void networkxReadsGraphMlAndTsvWithTheSameCounts() throws Exception {
    String missing = networkxMissing();
    if (missing != null) {
      System.err.println("NetworkxGraphMlTest skipped: " + missing);
    }
    assumeTrue(missing == null, missing);
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 6, 20, 20, 3))) {
      new GraphMlExporter().export(g, Subgraph.whole(g), dir, ExportListener.NONE);
      new TsvExporter().export(g, Subgraph.whole(g), dir, ExportListener.NONE);
      int external = g.ofKind("external").getCardinality();
      String script = String.join("\n",
          "import networkx as nx, sys",
          "g = nx.read_graphml(sys.argv[1])",
          "ext = sum(1 for _, k in g.nodes(data='kind') if k == 'external')",
          "named = g.nodes['n5']['label']",
          "t = nx.read_edgelist(sys.argv[2], delimiter='\\t', nodetype=int, data=[('type', str)],"
              + " create_using=nx.MultiDiGraph)",
          "print(g.number_of_nodes(), g.number_of_edges(), ext, g.is_directed(), t.number_of_edges(),"
              + " repr(named))");
      String out = python(script, dir.resolve(GraphMlExporter.FILE).toString(),
          dir.resolve(TsvExporter.EDGES_FILE).toString());
      assertEquals(g.nodeCount() + " " + g.edgeCount() + " " + external + " True " + g.edgeCount() + " "
          + pythonRepr(g.name(5)), out.strip());
    }
  }

  private static String pythonRepr(String s) {
    // The fixture's node 5 has a quote, tab, backslash and Cyrillic: Python's repr of it.
    return "'" + s.replace("\\", "\\\\").replace("\t", "\\t").replace("'", "\\'") + "'";
  }

  private static String networkxMissing() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import networkx").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "python3 -c 'import networkx' did not finish in 60 s";
      }
      return p.exitValue() == 0 ? null : "python3 cannot import networkx: " + out.strip();
    } catch (IOException e) {
      return "no python3 on PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String python(String script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
