package io.graphsnap.reader;

/**
 * A {@link GraphSnapshot} (or a view, cursor or bitmap obtained from it) was used after
 * {@link GraphSnapshot#close()}: its mapped memory is gone. A programming error, not a file problem.
 */
public final class AlreadyClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the snapshot file {@code resource}. */
  public AlreadyClosedException(String resource) {
    super("snapshot is already closed (resource=" + resource + ")");
  }

  /** Creates the exception for {@code resource}, caused by the memory access that failed. */
  public AlreadyClosedException(String resource, Throwable cause) {
    super("snapshot is already closed (resource=" + resource + ")", cause);
  }
}
