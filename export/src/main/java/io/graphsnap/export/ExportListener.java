package io.graphsnap.export;

/**
 * Receives an export's progress: the phase ({@code "nodes"}, {@code "edges"}, {@code "neighbourhood"}), rows
 * done and the total if known ({@code -1} otherwise). Called from the exporting thread, every few tens of
 * thousands of rows and once at the end of each phase; an implementation throttles its own drawing.
 */
@FunctionalInterface
public interface ExportListener {
  /** A listener that ignores everything. */
  ExportListener NONE = (phase, done, total) -> {};

  /** Reports that {@code done} of {@code total} rows of {@code phase} are written. */
  void progress(String phase, long done, long total);
}
