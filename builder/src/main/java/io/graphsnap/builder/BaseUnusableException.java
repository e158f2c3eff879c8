package io.graphsnap.builder;

/**
 * An incremental build cannot start from its base: the base snapshot is missing, damaged or of another format
 * or tool version, an object it was built from is gone, or the index disagrees with the objects. Nothing was
 * written; build in full instead (the result is the same bytes). The message says why.
 */
public final class BaseUnusableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the reason and its cause. */
  public BaseUnusableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
