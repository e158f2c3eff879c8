package io.graphsnap.reader.internal;

/**
 * The NODES section as the reader sees it, whatever its encoding: fixed records ({@link
 * io.graphsnap.format.snapshot.NodeRecordFormat}) or bit-packed ones ({@link
 * io.graphsnap.format.snapshot.PackedNodeFormat}, compact files of format versions 7 and 8) or bit-packed in blocks
 * ({@link io.graphsnap.format.snapshot.BlockedNodeFormat}, from version 9). Every read is O(1); a kind or
 * file id read is checked against K or F (one compare), so a corrupt id is reported, never used as an index.
 * Implementations are immutable and thread-safe, and read the snapshot's memory (they must not outlive it).
 */
public interface NodeTable {
  /**
   * Opens NODES: {@code packed} says which encoding ({@link io.graphsnap.format.snapshot.PackedNodeFormat#packed}).
   * Checks the section's length (and a packed header) against the counts. O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if they do not fit
   */
  static NodeTable open(Section section, boolean packed, int nodeCount, int kindCount, int fileCount) {
    return open(section, packed, false, nodeCount, kindCount, fileCount);
  }

  /**
   * {@link #open(Section, boolean, int, int, int)} where {@code blocked} says the section is {@link
   * io.graphsnap.format.snapshot.BlockedNodeFormat blocked} (compact files from format version 9; then {@code packed}
   * is ignored).
   */
  static NodeTable open(Section section, boolean packed, boolean blocked, int nodeCount, int kindCount,
      int fileCount) {
    if (blocked) {
      return new BlockedNodeTable(section, nodeCount, kindCount, fileCount);
    }
    return packed ? new PackedNodeTable(section, nodeCount, kindCount, fileCount)
        : new FixedNodeTable(section, nodeCount, kindCount, fileCount);
  }

  /** The node's file id in [-1, F); -1 when it has none. */
  int fileId(int id);

  /** The node's kind id in [0, K). */
  int kindId(int id);

  /** The node's first line. */
  int lineStart(int id);

  /** The node's last line. */
  int lineEnd(int id);

  /** The node's flags. */
  int flags(int id);

  /** The section, for messages. */
  Section section();

  /** Offset in the section of node {@code id}'s flags, for messages. */
  long flagsOffset(int id);

  /** Offset in the section of node {@code id}'s kind id, for messages. */
  long kindIdOffset(int id);

  /** Offset in the section of node {@code id}'s file id, for messages. */
  long fileIdOffset(int id);

  /** Checks what only the encoding itself can get wrong, beyond each record's fields (O(N)); none by default. */
  default void verifyEncoding() {}
}
