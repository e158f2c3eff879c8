package io.graphsnap.cli;

/** A failure the command line reports in one line on stderr, with the exit code it carries. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** Creates the exception; {@code exitCode} is one of {@link ExitCodes}. */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Creates the exception with a cause, shown only with {@code --verbose}. */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
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
