package io.graphsnap.format.object;

/**
 * A file summary breaks a rule of the data model: a bad path, an empty or over-long name, an edge whose
 * source is not a symbol of the file, a hash that is not 32 bytes. The message names the offending value.
 */
public final class InvalidSummaryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the offending value. */
  public InvalidSummaryException(String message) {
    super(message);
  }
}
