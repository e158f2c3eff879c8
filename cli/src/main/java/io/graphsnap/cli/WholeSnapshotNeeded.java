package io.graphsnap.cli;

/**
 * Thrown when a question asked of a base + delta ({@link SnapshotAnswer#answer(io.graphsnap.reader.LayeredSnapshot,
 * String)}) cannot be answered there as the compacted snapshot would answer it: a whole-graph question, or a name
 * given in part (which needs the search index). A server answers it on the next whole snapshot instead.
 */
public final class WholeSnapshotNeeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param why what the layered graph cannot answer */
  public WholeSnapshotNeeded(String why) {
    super(why, null, false, false);
  }
}
