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
 * Writes {@code graph.dot}, a Graphviz digraph of a (small) subgraph, usually a neighbourhood made by
 * {@link Subgraph#around}: render it with {@code dot -Tsvg graph.dot -o graph.svg}.
 *
 * <pre>
 * // header comment: centre, node and edge counts, "truncated" when the node limit cut the search
 * digraph graphsnap {
 *   graph/node/edge defaults (left-to-right, rounded boxes)
 *   n&lt;id&gt; [label="name\nkind"]          one per node; the centre bold and filled, external nodes dashed
 *   n&lt;id&gt; -&gt; n&lt;id&gt; [label="type", color=…]   one per edge; one colour per edge type
 * }
 * </pre>
 * Labels escape {@code "} and {@code \} and show line breaks as {@code \n}. Whole graphs are allowed but only
 * useful when small. Streams rows; immutable and thread-safe.
 */
public final class DotExporter implements Exporter {
  /** The file's name. */
  public static final String FILE = "graph.dot";
  private static final String[] PALETTE = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
  };

  @Override
  public ExportResult export(GraphSnapshot g, Subgraph s, Path directory, ExportListener listener) throws IOException {
    Path target = directory.resolve(FILE);
    long nodes = 0;
    long edges;
    try (AtomicFile file = new AtomicFile(target)) {
      try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file.temp()),
          StandardCharsets.UTF_8), 1 << 16)) {
        if (s.center() >= 0) {
          out.write("// graphsnap: neighbourhood of " + g.name(s.center()).replace('\n', ' ') + ", "
              + s.nodeCount() + " nodes" + (s.truncated() ? " (truncated at the node limit)" : "") + "\n");
        } else {
          out.write("// graphsnap: " + s.nodeCount() + " nodes\n");
        }
        out.write("digraph graphsnap {\n");
        out.write("  graph [rankdir=LR, fontname=\"Helvetica\"];\n");
        out.write("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n");
        out.write("  edge [fontname=\"Helvetica\", fontsize=8];\n");
        for (NodeRows r = new NodeRows(g, s); r.next(); ) {
          out.write("  n" + r.id() + " [label=\"" + quote(r.name()) + "\\n" + quote(r.kind()) + "\"");
          if (r.id() == s.center()) {
            out.write(", style=\"rounded,bold,filled\", fillcolor=\"#ffe9a8\"");
          } else if (r.file() == null) {
            out.write(", style=\"rounded,dashed\"");
          }
          out.write("];\n");
          nodes++;
        }
        listener.progress("nodes", nodes, nodes);
        List<String> types = g.edgeTypes();
        edges = GraphRows.forEachEdge(g, s, (src, dst, type) -> out.write("  n" + src + " -> n" + dst
            + " [label=\"" + quote(types.get(type)) + "\", color=\"" + PALETTE[type % PALETTE.length] + "\"];\n"),
            listener);
        out.write("}\n");
      }
      file.commit();
    }
    return new ExportResult(List.of(target), nodes, edges, Files.size(target));
  }

  /** {@code text} escaped for a double-quoted DOT string: {@code \ " } escaped, line breaks as {@code \n}. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
