package io.graphsnap.frontend.java;

/**
 * A Java source file that the compiler's parser rejected. The message reads
 * {@code path:line:column: diagnostic}, with the first error javac reported.
 *
 * <p>Checked, because a bad file is an expected input: callers report it and go on with the other files.
 */
public final class JavaSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long line;
  private final long column;
  private final String diagnostic;

  /**
   * @param path repository-relative path of the file
   * @param line 1-based line of the first error, or 0 if javac gave none
   * @param column 1-based column of the first error, or 0 if javac gave none
   * @param diagnostic the compiler's message for that error
   */
  public JavaSyntaxException(String path, long line, long column, String diagnostic) {
    super(path + ":" + line + ":" + column + ": " + diagnostic);
    this.path = path;
    this.line = line;
    this.column = column;
    this.diagnostic = diagnostic;
  }

  /** The repository-relative path of the file that did not parse. */
  public String path() {
    return path;
  }

  /** The 1-based line of the first error, or 0 if unknown. */
  public long line() {
    return line;
  }

  /** The 1-based column of the first error, or 0 if unknown. */
  public long column() {
    return column;
  }

  /** The compiler's message for the first error, without the position. */
  public String diagnostic() {
    return diagnostic;
  }
}
