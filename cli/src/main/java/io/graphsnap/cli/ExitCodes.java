package io.graphsnap.cli;

/** The command line's exit codes, a contract users script against (docs/DESIGN.md §5). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Not found, or no result where one was asked for. */
  public static final int NOT_FOUND = 1;
  /** Bad usage or bad input (some input lines rejected, unknown option, bad argument). */
  public static final int BAD_INPUT = 2;
  /** Corrupt or unreadable store or snapshot. */
  public static final int CORRUPT = 3;
  /** A conflict-checked write found its path changed by another writer first ({@code ingest} with expectations). */
  public static final int CONFLICT = 5;

  private ExitCodes() {}
}
