package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;

/**
 * A read-only question about one snapshot whose answer is one JSON value: what the command prints with
 * {@code --json} and what {@code graphsnap serve} sends for the same parameters (both through {@link Json}).
 * Implemented by the query commands; their picocli options are the parameters, set before {@link #answer} is
 * called.
 *
 * <p>Not thread-safe: an instance holds one question's parameters. The server keeps one parsed command per
 * worker thread.
 */
public interface SnapshotAnswer {
  /**
   * The answer on {@code g} (maps, lists, strings, numbers), built on the heap: it stays valid after {@code g}
   * is closed. Prints nothing.
   *
   * @throws CliException with {@link ExitCodes#NOT_FOUND} or {@link ExitCodes#BAD_INPUT} for a name that is not
   *     there or a bad parameter
   * @throws IllegalArgumentException for a bad parameter the reader rejects (a query's syntax)
   */
  Object answer(GraphSnapshot g);

  /**
   * {@link #answer(GraphSnapshot)}, calling {@code checkpoint} now and then during a long computation (PageRank:
   * after each iteration), so that background work can pause there (the checkpoint blocks) or give up (it throws;
   * the exception goes to the caller). By default the answer takes no checkpoints.
   */
  default Object answer(GraphSnapshot g, Runnable checkpoint) {
    return answer(g);
  }

  /**
   * The answer on a base + delta ({@code g}, named {@code id}: what a server follows while a watch publishes layers),
   * equal to {@link #answer(GraphSnapshot)} on the snapshot that compacts the two (the id apart). By default the
   * question needs a whole snapshot; the point questions ({@code lookup}, {@code neighbors}, {@code degree},
   * {@code symbols}, {@code info}) answer here through {@link PointGraph}.
   *
   * @throws WholeSnapshotNeeded if this question, or this instance of it (a name given in part), needs a whole snapshot
   */
  default Object answer(LayeredSnapshot g, String id) {
    throw new WholeSnapshotNeeded("this question is answered on whole snapshots only");
  }

  /**
   * True if answering may take time or memory in proportion to the whole graph (PageRank, cycles, reach
   * without a depth): the server runs only a few of those at a time.
   */
  default boolean expensive() {
    return false;
  }
}
