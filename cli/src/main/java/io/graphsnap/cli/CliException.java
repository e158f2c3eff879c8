package io.graphsnap.cli;

/** A failure the command line reports in one line on stderr, with the exit code it carries. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;
  private final String error;
  private final java.util.List<String> candidates;

  /** Creates the exception; {@code exitCode} is one of {@link ExitCodes}. */
  public CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /** Creates the exception with a cause, shown only with {@code --verbose}. */
  public CliException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, cause, message, java.util.List.of());
  }

  /**
   * Creates the exception with what {@code --json} prints for it, {@code {"error": error, "candidates":
   * [...]}}: {@code error} is a short description ({@code "not found"}, {@code "ambiguous"}), {@code
   * candidates} the names the user may have meant (may be empty).
   */
  public CliException(int exitCode, String message, Throwable cause, String error, java.util.List<String> candidates) {
    super(message, cause);
    this.exitCode = exitCode;
    this.error = error;
    this.candidates = java.util.List.copyOf(candidates);
  }

  /** The short description {@code --json} prints as {@code "error"}. */
  public String error() {
    return error;
  }

  /** The names the user may have meant, for "did you mean" (empty when there are none). */
  public java.util.List<String> candidates() {
    return candidates;
  }

  /** The exit code, one of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }

  /** Shorthand for a not-found failure (exit 1). */
  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  /** Shorthand for a bad-input failure (exit 2). */
  public static CliException badInput(String message) {
    return new CliException(ExitCodes.BAD_INPUT, message);
  }
}
