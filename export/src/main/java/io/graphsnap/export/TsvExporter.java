package io.graphsnap.export;

import io.graphsnap.export.internal.AtomicFile;
import io.graphsnap.reader.GraphSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes tab-separated edge and node lists, UTF-8, one row per line, for NetworkX, igraph and pandas.
 *
 * <pre>
 * edges.tsv:  # src	dst	type          then  src TAB dst TAB type          (node ids; forward order)
 * nodes.tsv:  # id	name	kind	file	effects  then  id TAB name TAB kind TAB file TAB effects
 * </pre>
 * The first line of each file starts with {@code #}, so that {@code networkx.read_edgelist(path, delimiter="\t",
 * nodetype=int, data=[("type", str)], create_using=nx.MultiDiGraph)} and {@code pandas.read_csv(path, sep="\t",
 * comment="#", names=[...])} skip it. {@code file} is empty for external nodes; {@code effects} is a sorted
 * comma-separated list, empty when none. In text fields a backslash, tab, line feed or carriage return is
 * written as {@code \\}, {@code \t}, {@code \n}, {@code \r}.
 *
 * <p>Streams rows: memory O(1) in the graph's size. Immutable and thread-safe.
 */
public final class TsvExporter implements Exporter {
  /** The edge list's name. */
  public static final String EDGES_FILE = "edges.tsv";
  /** The node list's name. */
  public static final String NODES_FILE = "nodes.tsv";
  private static final int BUFFER = 1 << 20;

  @Override
  public ExportResult export(GraphSnapshot g, Subgraph s, Path directory, ExportListener listener) throws IOException {
    Path edgesFile = directory.resolve(EDGES_FILE);
    long edges;
    try (AtomicFile file = new AtomicFile(edgesFile)) {
      try (Writer out = writer(file.temp())) {
        out.write("# src\tdst\ttype\n");
        List<String> types = g.edgeTypes();
        String[] typeText = new String[types.size()];
        for (int t = 0; t < typeText.length; t++) {
          typeText[t] = escape(types.get(t));
        }
        StringBuilder line = new StringBuilder(64);
        edges = GraphRows.forEachEdge(g, s, (src, dst, type) -> {
          line.setLength(0);
          line.append(src).append('\t').append(dst).append('\t').append(typeText[type]).append('\n');
          out.append(line);
        }, listener);
      }
      file.commit();
    }

    Path nodesFile = directory.resolve(NODES_FILE);
    long nodes = 0;
    long total = s.nodeCount();
    try (AtomicFile file = new AtomicFile(nodesFile)) {
      try (Writer out = writer(file.temp())) {
        out.write("# id\tname\tkind\tfile\teffects\n");
        StringBuilder line = new StringBuilder(128);
        for (NodeRows r = new NodeRows(g, s); r.next(); ) {
          line.setLength(0);
          line.append(r.id()).append('\t').append(escape(r.name())).append('\t').append(escape(r.kind()))
              .append('\t');
          String path = r.file();
          if (path != null) {
            line.append(escape(path));
          }
          line.append('\t').append(escape(r.effectsJoined(','))).append('\n');
          out.append(line);
          if (++nodes % GraphRows.REPORT_EVERY == 0) {
            listener.progress("nodes", nodes, total);
          }
        }
      }
      listener.progress("nodes", nodes, total);
      file.commit();
    }
    return new ExportResult(List.of(edgesFile, nodesFile), nodes, edges, Files.size(edgesFile) + Files.size(nodesFile));
  }

  private static Writer writer(Path path) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), BUFFER);
  }

  /** {@code text} with backslash, tab, LF and CR escaped as {@code \\ \t \n \r}; the same string if none occurs. */
  static String escape(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
