package io.graphsnap.builder;

import java.util.Objects;

/**
 * How a {@link SnapshotBuilder} reports its work. Immutable. Options never change the snapshot's bytes.
 *
 * @param progress receives phase changes and progress; {@link BuildProgress#NONE} by default
 */
public record BuildOptions(BuildProgress progress) {
  /** Checks the argument. */
  public BuildOptions {
    Objects.requireNonNull(progress, "progress");
  }

  /** The defaults: no progress reporting. */
  public static BuildOptions defaults() {
    return new BuildOptions(BuildProgress.NONE);
  }

  /** A copy with {@code listener} as the progress listener. */
  public BuildOptions withProgress(BuildProgress listener) {
    return new BuildOptions(listener);
  }
}
