package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import io.graphsnap.reader.NodeDetails;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code graphsnap lookup NAME}: one symbol's kind, effects, file, lines, hash, notes and metadata. */
@Command(name = "lookup", description = "Show one symbol: kind, effects, file, lines, hash, notes, metadata.")
final class LookupCommand implements Callable<Integer>, SnapshotAnswer, QuickOptions {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "Symbol name: in full, or a unique part (StringUtils, StringUtils#isBlank, isBlank).")
  String name;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(names = "--stdin", description = "Read names from standard input, one per line; print one JSON line per name.")
  boolean stdin;

  // QuickOptions: the options above, for QuickCommandLine

  @Override
  public void prepare(GraphsnapCommand parent) {
    root = parent;
    snapshot = SnapshotOptions.defaults();
  }

  @Override
  public boolean json() {
    return json;
  }

  @Override
  public boolean flag(String option) {
    switch (option) {
      case "--json" -> json = true;
      case "--stdin" -> stdin = true;
      default -> {
        return snapshot.quickFlag(option);
      }
    }
    return true;
  }

  @Override
  public boolean option(String option, String value) {
    return snapshot.quickOption(option, value);
  }

  @Override
  public boolean parameter(String value) {
    if (name != null) {
      return false;
    }
    name = value;
    return true;
  }

  @Override
  public Integer call() {
    if (stdin != (name == null)) {
      throw CliException.badInput(stdin ? "--stdin reads the names from standard input: give no NAME" : "give a NAME (or --stdin)");
    }
    if (stdin) {
      return StdinBatch.run(snapshot, root.out(), (g, n) -> describe(g, GraphArgs.node(g, n)));
    }
    try (GraphSnapshot g = snapshot.open()) {
      int id = GraphArgs.node(g, name);
      Map<String, Object> doc = describe(g, id);
      if (json) {
        Json.print(root.out(), doc);
      } else {
        var out = root.out();
        doc.forEach((k, v) -> TerminalText.printf(out, "%-9s %s%n", k, v instanceof List<?> l && l.isEmpty() ? "-" : v));
        if (g.isExternal(id)) {
          out.println("external: no file of the snapshot declares it (an unresolved reference target)");
        }
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    return describe(g, GraphArgs.node(g, name));
  }

  @Override
  public Map<String, Object> answer(LayeredSnapshot g, String id) {
    PointGraph points = PointGraph.of(g);
    return describe(points, points.resolve(name));
  }

  static Map<String, Object> describe(GraphSnapshot g, int id) {
    return describe(PointGraph.of(g), id);
  }

  /**
   * The JSON shape of docs/DESIGN.md §5 for node {@code id}: {@code file} and {@code lines} only for declared
   * symbols (an external node, kind {@code external}, has neither), {@code hash}, {@code notes} and
   * {@code metadata} only when present.
   */
  static Map<String, Object> describe(PointGraph g, int id) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", g.name(id));
    doc.put("kind", g.kind(id));
    doc.put("effects", g.effects(id));
    if (!g.isExternal(id)) { // an external node is a target no file declares: it has no file and no lines
      doc.put("file", g.file(id));
      doc.put("lines", List.of(g.lineStart(id), g.lineEnd(id)));
    }
    NodeDetails details = g.details(id);
    if (details.contentHash() != null) {
      doc.put("hash", HexFormat.of().formatHex(details.contentHash()));
    }
    if (!details.notes().isEmpty()) {
      doc.put("notes", details.notes().stream().map(n -> {
        Map<String, String> note = new LinkedHashMap<>();
        note.put("lang", n.lang());
        note.put("text", n.text());
        return note;
      }).toList());
    }
    if (!details.metadata().isEmpty()) {
      doc.put("metadata", details.metadata());
    }
    return doc;
  }
}
