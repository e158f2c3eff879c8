package io.graphsnap.cli;

/**
 * A read-only question about a store rather than one snapshot ({@code refs}, {@code diff}): the command's
 * {@code --json} document, which {@code graphsnap serve} sends as is. Lock-free: takes no store lock.
 * Not thread-safe (one instance holds one question's parameters).
 */
public interface StoreAnswer {
  /**
   * The answer, built on the heap (maps, lists, strings, numbers). Prints nothing.
   *
   * @throws CliException with the exit code of the failure (not found, bad input, corrupt)
   */
  Object answer();

  /** True if answering may take time or memory in proportion to whole snapshots (a diff). */
  default boolean expensive() {
    return false;
  }
}
