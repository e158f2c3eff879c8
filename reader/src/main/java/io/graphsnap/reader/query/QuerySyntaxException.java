package io.graphsnap.reader.query;

/**
 * A query that does not parse: {@link #column()} is the 1-based column (in UTF-16 chars) of the offending
 * character, and {@link #pointer()} renders the query with a caret under it. Unchecked; raised only by
 * {@link QueryParser}.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String query;
  private final int column;
  private final String reason;

  QuerySyntaxException(String query, int column, String reason) {
    super("column " + column + ": " + reason);
    this.query = query;
    this.column = column;
    this.reason = reason;
  }

  /** The query text as given. */
  public String query() {
    return query;
  }

  /** The 1-based column of the problem; {@code query().length() + 1} for "ended too early". */
  public int column() {
    return column;
  }

  /** What is wrong, without the column. */
  public String reason() {
    return reason;
  }

  /** Two lines: the query, and a caret under {@link #column()}. */
  public String pointer() {
    return query + "\n" + " ".repeat(column - 1) + "^";
  }
}
