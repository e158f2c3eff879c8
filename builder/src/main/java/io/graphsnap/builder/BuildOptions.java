package io.graphsnap.builder;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import java.util.Objects;

/**
 * How a {@link SnapshotBuilder} (and an {@link IncrementalBuilder}) builds. Immutable. The progress listener never
 * changes the snapshot's bytes; the layout chooses the adjacency's encoding, and for one layout the bytes depend
 * only on the objects (a full and an incremental build of the same objects give the same file).
 *
 * @param progress receives phase changes and progress; {@link BuildProgress#NONE} by default
 * @param layout the adjacency's encoding: {@link CompactCsrFormat.Layout#FIXED} (fixed-width rows, the default) or
 *     {@link CompactCsrFormat.Layout#COMPACT} (gap-coded rows, about half the adjacency's bytes; see
 *     {@link CompactCsrFormat})
 */
public record BuildOptions(BuildProgress progress, CompactCsrFormat.Layout layout) {
  /** Checks the arguments. */
  public BuildOptions {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(layout, "layout");
  }

  /** Options with {@code progress} and the fixed layout. */
  public BuildOptions(BuildProgress progress) {
    this(progress, CompactCsrFormat.Layout.FIXED);
  }

  /** The defaults: no progress reporting, the fixed layout. */
  public static BuildOptions defaults() {
    return new BuildOptions(BuildProgress.NONE, CompactCsrFormat.Layout.FIXED);
  }

  /** A copy with {@code listener} as the progress listener. */
  public BuildOptions withProgress(BuildProgress listener) {
    return new BuildOptions(listener, layout);
  }

  /** A copy that writes the adjacency in {@code format}. */
  public BuildOptions withLayout(CompactCsrFormat.Layout format) {
    return new BuildOptions(progress, format);
  }
}
