package io.graphsnap.builder;

/**
 * The objects cannot be compiled into a snapshot: two objects share a path, a string is not valid UTF-8, or a
 * {@link BuildLimits limit} or format limit (255 edge types, 65,535 kinds) is exceeded. The message names the
 * object or file and shows the actual against the allowed value. Nothing is published when it is thrown.
 *
 * <p>Unchecked: it reports bad input, not a failed I/O operation.
 */
public class BuildInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is wrong and where. */
  public BuildInputException(String message) {
    super(message);
  }
}
