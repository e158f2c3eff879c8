package io.graphsnap.export;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link Subgraph} of a snapshot into a directory in one format. Each file is written under a
 * temporary name in that directory and renamed into place when complete, so a failed or interrupted export
 * never leaves a partial file under a final name (an older complete file of the same name is replaced only
 * on success). Implementations are immutable and thread-safe; concurrent exports must use different
 * directories.
 */
public interface Exporter {
  /**
   * Writes {@code s} of {@code g} into {@code directory} (created if missing), reporting to {@code listener}.
   *
   * @throws IOException if a file cannot be written (the message names it)
   */
  ExportResult export(GraphSnapshot g, Subgraph s, Path directory, ExportListener listener) throws IOException;
}
