package io.graphsnap.objects.jsonl;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.ExpectedObject;

/** One good line of JSON Lines input: a file's summary, or the deletion of a path. */
sealed interface ParsedLine {
  /** The normalised repository path the line is about. */
  String path();

  /** The line's {@code "expect"}: what the path must hold before the line applies; null when not given. */
  ExpectedObject expect();

  /** A line describing a file. */
  record Put(FileSummary summary, ExpectedObject expect) implements ParsedLine {
    @Override
    public String path() {
      return summary.path();
    }
  }

  /** A {@code "deleted": true} line. */
  record Delete(String path, ExpectedObject expect) implements ParsedLine { }
}
