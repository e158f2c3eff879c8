package io.graphsnap.objects.jsonl;

import io.graphsnap.format.object.EncodedFile;
import io.graphsnap.objects.ExpectedObject;

/**
 * One good line of JSON Lines input: a file's summary (encoded as its object), a summary that cannot be stored, or
 * the deletion of a path.
 */
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

  /**
   * A line describing a valid file whose object cannot be stored, such as a path with a lone surrogate (it has no
   * UTF-8 form): reported with {@code message} once the line's shard and {@code expect} are checked, as a line whose
   * object is over the size limit is.
   */
  record Unstorable(String path, String message, ExpectedObject expect) implements ParsedLine { }

  /** A {@code "deleted": true} line. */
  record Delete(String path, ExpectedObject expect) implements ParsedLine { }
}
