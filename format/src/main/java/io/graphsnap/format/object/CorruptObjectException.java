package io.graphsnap.format.object;

import java.io.IOException;

/**
 * A loose object's bytes are not a valid object: a bad identifier or schema version, an offset outside the
 * buffer, a field that breaks the data model, or (from the store) bytes whose SHA-256 is not their name.
 * The message names the object (its id or file) and what is wrong.
 */
public class CorruptObjectException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code resource} names the object or file. */
  public CorruptObjectException(String resource, String problem) {
    super(problem + " (object=" + resource + ")");
  }

  /** Creates the exception with a cause; {@code resource} names the object or file. */
  public CorruptObjectException(String resource, String problem, Throwable cause) {
    super(problem + " (object=" + resource + ")", cause);
  }
}
