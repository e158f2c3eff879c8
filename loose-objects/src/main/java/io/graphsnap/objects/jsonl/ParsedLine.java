package io.graphsnap.objects.jsonl;

import io.graphsnap.format.object.FileSummary;

/** One good line of JSON Lines input: a file's summary, or the deletion of a path. */
sealed interface ParsedLine {
  /** The normalised repository path the line is about. */
  String path();

  /** A line describing a file. */
  record Put(FileSummary summary) implements ParsedLine {
    @Override
    public String path() {
      return summary.path();
    }
  }

  /** A {@code "deleted": true} line. */
  record Delete(String path) implements ParsedLine { }
}
