package io.graphsnap.builder.internal.delta;

import io.graphsnap.format.snapshot.SnapshotFormat;

/**
 * A node's NODES record by name, before ids are known. Immutable.
 *
 * @param filePath the defining file, or {@code null} for an external node
 * @param kind the kind
 * @param lineStart first line (0 for external nodes)
 * @param lineEnd last line (0 for external nodes)
 * @param flags {@link SnapshotFormat#NODE_FLAG_EXTERNAL}, {@link SnapshotFormat#NODE_FLAG_MERGED}
 */
record NodeRecord(String filePath, String kind, int lineStart, int lineEnd, int flags) {
  /** The record of every external node. */
  static final NodeRecord EXTERNAL =
      new NodeRecord(null, SnapshotFormat.EXTERNAL_KIND, 0, 0, SnapshotFormat.NODE_FLAG_EXTERNAL);

  /** True for an external node. */
  boolean external() {
    return (flags & SnapshotFormat.NODE_FLAG_EXTERNAL) != 0;
  }
}
