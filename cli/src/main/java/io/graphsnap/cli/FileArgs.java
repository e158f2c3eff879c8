package io.graphsnap.cli;

import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.reader.GraphSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the file commands' arguments into file ids, and symbols into rows ({@code symbols}, {@code at}). */
final class FileArgs {
  private FileArgs() {}

  /** The id of the file at {@code path} (normalised as ingest normalises it); exit 1 when there is none. */
  static int file(GraphSnapshot g, String path) {
    return file(PointGraph.of(g), path);
  }

  /** {@link #file(GraphSnapshot, String)} on any {@link PointGraph}. */
  static int file(PointGraph g, String path) {
    String normal;
    try {
      normal = RepoPaths.normalise(path);
    } catch (InvalidSummaryException e) {
      throw CliException.badInput("bad path " + path + ": " + e.getMessage());
    }
    int file = g.fileId(normal);
    if (file < 0) {
      throw CliException.notFound("no file " + normal + " in the snapshot");
    }
    return file;
  }

  /** {@code {"name", "kind", "lines": [start, end]}} for node {@code v}. */
  static Map<String, Object> symbol(GraphSnapshot g, int v) {
    return symbol(PointGraph.of(g), v);
  }

  /** {@link #symbol(GraphSnapshot, int)} on any {@link PointGraph}. */
  static Map<String, Object> symbol(PointGraph g, int v) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", g.name(v));
    row.put("kind", g.kind(v));
    row.put("lines", List.of(g.lineStart(v), g.lineEnd(v)));
    return row;
  }

  /** "start-end" of a row's lines. */
  static String lines(Map<String, Object> row) {
    List<?> lines = (List<?>) row.get("lines");
    return lines.get(0) + "-" + lines.get(1);
  }
}
