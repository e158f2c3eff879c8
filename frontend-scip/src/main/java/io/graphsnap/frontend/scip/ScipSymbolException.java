package io.graphsnap.frontend.scip;

/**
 * A SCIP symbol string that does not follow the grammar of {@code scip.proto}'s {@code Symbol} message: the
 * message names the column and what was expected there. Checked: callers decide per symbol what to drop.
 */
public final class ScipSymbolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A parse failure described by {@code message}. */
  public ScipSymbolException(String message) {
    super(message);
  }
}
