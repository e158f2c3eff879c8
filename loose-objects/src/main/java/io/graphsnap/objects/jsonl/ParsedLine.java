package io.graphsnap.objects.jsonl;

import io.graphsnap.format.object.EncodedFile;
import io.graphsnap.objects.ExpectedObject;

/** One good line of JSON Lines input: a file's summary (encoded as its object), or the deletion of a path. */
sealed interface ParsedLine {
  /** The normalised repository path the line is about. */
  String path();

  /** The line's {@code "expect"}: what the path must hold before the line applies; null when not given. */
  ExpectedObject expect();

  /** A line describing a file: its summary, already encoded (on the parsing thread). */
  record Put(EncodedFile file, ExpectedObject expect) implements ParsedLine {
    @Override
    public String path() {
      return file.path();
    }
  }

  /** A {@code "deleted": true} line. */
  record Delete(String path, ExpectedObject expect) implements ParsedLine { }
}
