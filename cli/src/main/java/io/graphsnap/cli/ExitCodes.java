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
  /**
   * The store is busy: another graphsnap process holds its writer lock (and {@code --wait} ran out, or was not
   * given). Nothing was changed; running the command again later is safe.
   */
  public static final int BUSY = 4;
  /** A conflict-checked write found its path changed by another writer first ({@code ingest} with expectations). */
  public static final int CONFLICT = 5;
  /**
   * Interrupted (Ctrl-C, or SIGTERM): the command stopped cleanly and kept what it had finished ({@code build} and
   * {@code ingest}: the files extracted or stored so far, which the next run reuses). 130, as shells report SIGINT.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
