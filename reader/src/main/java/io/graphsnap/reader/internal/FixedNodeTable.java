package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.NodeRecordFormat;
import java.lang.foreign.MemorySegment;

/**
 * The NODES section of fixed records: {@code NodeRecord^N} ({@link NodeRecordFormat}). Its length is checked at open; each read of a kind or file id checks it
 * against K or F (one compare), so a corrupt id is reported, never used as an index. Immutable; thread-safe.
 */
final class FixedNodeTable implements NodeTable {
  private static final int RECORD = NodeRecordFormat.RECORD_BYTES;

  private final Section section;
  private final MemorySegment bytes;
  private final int kindCount;
  private final int fileCount;

  /** Checks that {@code section} holds exactly {@code nodeCount} records. O(1). */
  FixedNodeTable(Section section, int nodeCount, int kindCount, int fileCount) {
    section.requireLength(NodeRecordFormat.sectionBytes(nodeCount), nodeCount + " nodes of " + RECORD + " bytes");
    this.section = section;
    this.bytes = section.bytes();
    this.kindCount = kindCount;
    this.fileCount = fileCount;
  }

  /** The node's file id in [-1, F); -1 when it has none. */
  @Override
  public int fileId(int id) {
    long at = fileIdOffset(id);
    int file = NodeRecordFormat.fileId(bytes, id);
    if (file < -1 || file >= fileCount) {
      throw section.corrupt(at, "node " + id + " file id out of range: actual=" + file + " vs expected in [-1, "
          + fileCount + ")");
    }
    return file;
  }

  /** The node's kind id in [0, K). */
  @Override
  public int kindId(int id) {
    long at = kindIdOffset(id);
    int kind = NodeRecordFormat.kindId(bytes, id);
    if (kind >= kindCount) {
      throw section.corrupt(at, "node " + id + " kind id out of range: actual=" + kind + " vs expected<" + kindCount);
    }
    return kind;
  }

  /** The node's first line. */
  @Override
  public int lineStart(int id) {
    return NodeRecordFormat.lineStart(bytes, id);
  }

  /** The node's last line. */
  @Override
  public int lineEnd(int id) {
    return NodeRecordFormat.lineEnd(bytes, id);
  }

  /** The node's flags (UInt16). */
  @Override
  public int flags(int id) {
    return NodeRecordFormat.flags(bytes, id);
  }

  /** The section, for messages. */
  @Override
  public Section section() {
    return section;
  }

  /** Offset in the section of node {@code id}'s flags, for messages. */
  @Override
  public long flagsOffset(int id) {
    return NodeRecordFormat.offset(id) + NodeRecordFormat.FLAGS;
  }

  /** Offset in the section of node {@code id}'s kind id, for messages. */
  @Override
  public long kindIdOffset(int id) {
    return NodeRecordFormat.offset(id) + NodeRecordFormat.KIND_ID;
  }

  /** Offset in the section of node {@code id}'s file id, for messages. */
  @Override
  public long fileIdOffset(int id) {
    return NodeRecordFormat.offset(id) + NodeRecordFormat.FILE_ID;
  }
}
