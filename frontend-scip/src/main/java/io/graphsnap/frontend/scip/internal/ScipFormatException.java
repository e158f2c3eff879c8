package io.graphsnap.frontend.scip.internal;

/**
 * The bytes are not a well-formed SCIP protobuf message: a truncated or over-long varint, a length that runs past
 * its enclosing message or past a documented cap, a wire type SCIP never uses, field number 0. The message says
 * what was found, where (a byte offset within the document or the index), and what was expected. Unchecked: the
 * decoders raise it deep inside loops; the public readers catch it and report one problem per document.
 */
public final class ScipFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message} (which names the offset). */
  public ScipFormatException(String message) {
    super(message);
  }
}
