package io.graphsnap.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote. Immutable.
 *
 * @param files the files written, in the order written
 * @param nodes the number of node rows written
 * @param edges the number of edge rows written
 * @param bytes the total size of {@code files}
 */
public record ExportResult(List<Path> files, long nodes, long edges, long bytes) {
  /** Copies {@code files}. */
  public ExportResult {
    files = List.copyOf(files);
  }
}
