package io.graphsnap.cli;

import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code graphsnap info}: counts, edge types, kinds, size and conflicts of a snapshot. */
@Command(name = "info", description = "Show a snapshot's counts, edge types, kinds, size and conflicts.")
final class InfoCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, InfoCommand::printText);
  }

  private static void printText(PrintWriter out, Map<String, Object> doc, GraphSnapshot g) {
    @SuppressWarnings("unchecked")
    Map<String, Long> types = (Map<String, Long>) doc.get("edgeTypes");
    @SuppressWarnings("unchecked")
    Map<String, Long> kinds = (Map<String, Long>) doc.get("kinds");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> conflicts = (List<Map<String, String>>) doc.get("conflicts");
    TerminalText.printf(out, "snapshot  %s%n", doc.get("snapshot"));
    TerminalText.printf(out, "path      %s%n", doc.get("path"));
    out.printf("format    v%d, %s adjacency, %,d bytes (%.1f bytes/edge)%n", g.formatVersion(),
        g.adjacencyLayout().label(), g.byteSize(),
        g.edgeCount() == 0 ? 0.0 : (double) g.byteSize() / g.edgeCount());
    out.printf("nodes     %,d%nedges     %,d%nfiles     %,d%n", g.nodeCount(), g.edgeCount(), g.fileCount());
    if (g.hasSites()) {
      out.printf("sites     %,d bytes (%.2f bytes per calls edge): where each call is (neighbors --sites)%n",
          g.sitesBytes(), doc.get("sitesBytesPerCallEdge"));
    } else {
      out.println("sites     none (format v4 adds the line of each call: rebuild)");
    }
    out.println("edge types:");
    types.forEach((k, v) -> TerminalText.printf(out, "  %-16s %,12d%n", k, v));
    out.println("kinds:");
    kinds.forEach((k, v) -> TerminalText.printf(out, "  %-16s %,12d%n", k, v));
    if (!conflicts.isEmpty()) {
      out.printf("conflicts (%d): a name declared by two files; the first path is kept%n", conflicts.size());
      for (Map<String, String> c : conflicts) {
        TerminalText.printf(out, "  %s  kept %s, dropped %s%n", c.get("name"), c.get("keptPath"), c.get("droppedPath"));
      }
    }
  }


  /**
   * The same document for a base + delta, as the snapshot compacting them would give it, except: {@code snapshot} is
   * {@code <base>+<delta>}, {@code path}, {@code formatVersion}, {@code bytes} and {@code sitesBytes} are the base's,
   * and {@code delta} names the delta.
   */
  @Override
  public Map<String, Object> answer(LayeredSnapshot g, String id) {
    GraphSnapshot base = g.base();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("snapshot", id);
    doc.put("path", base.path().toString());
    doc.put("formatVersion", base.formatVersion());
    doc.put("adjacency", base.adjacencyLayout().label());
    doc.put("nodes", g.nodeCount());
    doc.put("edges", g.edgeCount());
    doc.put("files", g.fileCount());
    Map<String, Long> types = new LinkedHashMap<>();
    for (String type : PointGraph.of(g).edgeTypes()) {
      types.put(type, g.edgeCount(g.edgeTypeId(type)));
    }
    doc.put("edgeTypes", types);
    List<String> kindNames = new ArrayList<>(g.kinds());
    kindNames.sort(LayeredSnapshot::compareNames);
    Map<String, Long> kinds = new LinkedHashMap<>();
    for (String kind : kindNames) {
      long count = g.kindCount(kind);
      if (count > 0) {
        kinds.put(kind, count);
      }
    }
    doc.put("kinds", kinds);
    sizesAndConflicts(doc, base, types, g.conflicts());
    doc.put("delta", id.substring(id.indexOf('+') + 1));
    return doc;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    Map<String, Object> doc = new LinkedHashMap<>();
    String file = g.path().getFileName().toString();
    doc.put("snapshot", file.endsWith(".gsnap") ? file.substring(0, file.length() - 6) : file);
    doc.put("path", g.path().toString());
    doc.put("formatVersion", g.formatVersion());
    doc.put("adjacency", g.adjacencyLayout().label());
    doc.put("nodes", g.nodeCount());
    doc.put("edges", g.edgeCount());
    doc.put("files", g.fileCount());
    Map<String, Long> types = new LinkedHashMap<>();
    List<String> typeNames = g.edgeTypes();
    for (int t = 0; t < typeNames.size(); t++) {
      types.put(typeNames.get(t), g.edgeCount(t));
    }
    doc.put("edgeTypes", types);
    Map<String, Long> kinds = new LinkedHashMap<>();
    for (String kind : g.kinds()) {
      kinds.put(kind, g.ofKind(kind).getLongCardinality());
    }
    doc.put("kinds", kinds);
    sizesAndConflicts(doc, g, types, g.conflicts());
    return doc;
  }

  private static void sizesAndConflicts(Map<String, Object> doc, GraphSnapshot g, Map<String, Long> types,
      List<Conflict> conflictList) {
    doc.put("bytes", g.byteSize());
    doc.put("sitesBytes", g.sitesBytes());
    long calls = types.getOrDefault("calls", 0L);
    doc.put("sitesBytesPerCallEdge", calls == 0 ? 0.0 : Math.round(100.0 * g.sitesBytes() / calls) / 100.0);
    List<Map<String, String>> conflicts = conflictList.stream().map(c -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("keptPath", c.keptPath());
      m.put("droppedPath", c.droppedPath());
      return m;
    }).toList();
    doc.put("conflicts", conflicts);
  }
}
