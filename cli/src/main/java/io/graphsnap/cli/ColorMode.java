package io.graphsnap.cli;

/**
 * {@code --color auto|always|never}: whether help and result tables are coloured. {@code auto} colours when stdout
 * is a terminal and the environment variable {@code NO_COLOR} is unset or empty (no-color.org).
 */
enum ColorMode {
  auto,
  always,
  never;

  /** Whether to colour, for this process. */
  boolean enabled() {
    return switch (this) {
      case always -> true;
      case never -> false;
      case auto -> Progress.isTerminal() && (System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty());
    };
  }

  /** ANSI bold cyan for the first column of result tables (kinds, edge types). */
  static final String KIND = "\u001b[36m";
  /** ANSI reset. */
  static final String RESET = "\u001b[0m";

  /**
   * The format {@code %-Ns} for a table's first column, wrapped in {@link #KIND} colour when colouring. Only the
   * format is coloured; the values stay escaped by {@link TerminalText#printf}.
   */
  String column(int width) {
    String plain = "%-" + width + "s";
    return enabled() ? KIND + plain + RESET : plain;
  }
}
