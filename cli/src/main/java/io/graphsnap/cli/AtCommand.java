package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap at FILE:LINE}: the innermost symbol whose lines enclose LINE, then the symbols enclosing it,
 * outwards ({@link GraphSnapshot#enclosing}). {@code --json} prints {@code {"path", "line", "symbols": [{"name",
 * "kind", "lines": [start, end]}]}}, innermost first; exit 1 when no symbol encloses the line or the snapshot has
 * no such file.
 */
@Command(name = "at", description = "Show the innermost symbol enclosing FILE:LINE and the symbols enclosing it.")
final class AtCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "FILE:LINE", description = "A repository-relative path and a 1-based line number.")
  String position;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    line();
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> chain = (List<Map<String, Object>>) doc.get("symbols");
      for (int i = 0; i < chain.size(); i++) {
        Map<String, Object> s = chain.get(i);
        TerminalText.printf(out, "%s%-12s %-40s %s%n", "  ".repeat(chain.size() - 1 - i), s.get("kind"),
            s.get("name"), FileArgs.lines(s));
      }
    });
  }

  /** The line number of FILE:LINE; exit 2 when there is none. */
  private int line() {
    int colon = position.lastIndexOf(':');
    int line;
    try {
      line = colon <= 0 ? -1 : Integer.parseInt(position.substring(colon + 1));
    } catch (NumberFormatException e) {
      line = -1;
    }
    if (line < 0) {
      throw CliException.badInput("expected FILE:LINE with a line number >= 0, e.g. src/Foo.java:120, not '" + position + "'");
    }
    return line;
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    int line = line();
    int file = FileArgs.file(g, position.substring(0, position.lastIndexOf(':')));
    List<Map<String, Object>> chain = new ArrayList<>();
    for (int v : g.enclosing(file, line)) {
      chain.add(FileArgs.symbol(g, v));
    }
    if (chain.isEmpty()) {
      throw CliException.notFound("no symbol of " + g.filePath(file) + " encloses line " + line);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("path", g.filePath(file));
    doc.put("line", line);
    doc.put("symbols", chain);
    return doc;
  }
}
