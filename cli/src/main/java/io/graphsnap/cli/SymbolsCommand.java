package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
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
 * {@code graphsnap symbols FILE}: what a file declares, in line order, from the snapshot's per-file symbol index
 * ({@link GraphSnapshot#fileSymbols}). {@code --json} prints {@code {"path", "language", "object", "symbols":
 * [{"name", "kind", "lines": [start, end]}]}}; exit 1 when the snapshot has no such file.
 */
@Command(name = "symbols", description = "List what a file declares, in line order.")
final class SymbolsCommand implements Callable<Integer>, SnapshotAnswer {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Parameters(paramLabel = "FILE", description = "A repository-relative path, as the snapshot records it.")
  String path;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    return AnswerPrinter.print(root, snapshot, json, this::answer, (out, doc, g) -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> symbols = (List<Map<String, Object>>) doc.get("symbols");
      for (Map<String, Object> s : symbols) {
        TerminalText.printf(out, "%-12s %-40s %s%n", s.get("kind"), s.get("name"), FileArgs.lines(s));
      }
    });
  }

  @Override
  public Map<String, Object> answer(GraphSnapshot g) {
    return answer(PointGraph.of(g));
  }

  @Override
  public Map<String, Object> answer(LayeredSnapshot g, String id) {
    return answer(PointGraph.of(g));
  }

  private Map<String, Object> answer(PointGraph g) {
    int file = FileArgs.file(g, path);
    List<Map<String, Object>> symbols = new ArrayList<>();
    int[] ids = g.fileSymbols(file);
    InlineWork.check(ids.length, "symbols of the file");
    for (int v : ids) {
      symbols.add(FileArgs.symbol(g, v));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("path", g.filePath(file));
    doc.put("language", g.fileLanguage(file));
    doc.put("object", g.fileObjectId(file));
    doc.put("symbols", symbols);
    return doc;
  }
}
