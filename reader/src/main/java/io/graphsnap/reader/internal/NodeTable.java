package io.graphsnap.reader.internal;

import static io.graphsnap.reader.internal.Layouts.INT;
import static io.graphsnap.reader.internal.Layouts.SHORT;

import io.graphsnap.format.snapshot.SnapshotFormat;
import java.lang.foreign.MemorySegment;

/**
 * The NODES section: {@code NodeRecord^N}, {@code NodeRecord --> FileId Int32, LineStart Int32, LineEnd Int32,
 * KindId UInt16, Flags UInt16}. Its length is checked at open; each read of a kind or file id checks it
 * against K or F (one compare), so a corrupt id is reported, never used as an index. Immutable; thread-safe.
 */
public final class NodeTable {
  private static final int RECORD = SnapshotFormat.NODE_RECORD_BYTES;
  private static final int FILE_ID = 0;
  private static final int LINE_START = 4;
  private static final int LINE_END = 8;
  private static final int KIND_ID = 12;
  private static final int FLAGS = 14;

  private final Section section;
  private final MemorySegment bytes;
  private final int kindCount;
  private final int fileCount;

  /** Checks that {@code section} holds exactly {@code nodeCount} records. O(1). */
  public NodeTable(Section section, int nodeCount, int kindCount, int fileCount) {
    section.requireLength((long) nodeCount * RECORD, nodeCount + " nodes of " + RECORD + " bytes");
    this.section = section;
    this.bytes = section.bytes();
    this.kindCount = kindCount;
    this.fileCount = fileCount;
  }

  /** The node's file id in [-1, F); -1 when it has none. */
  public int fileId(int id) {
    long at = (long) id * RECORD + FILE_ID;
    int file = bytes.get(INT, at);
    if (file < -1 || file >= fileCount) {
      throw section.corrupt(at, "node " + id + " file id out of range: actual=" + file + " vs expected in [-1, "
          + fileCount + ")");
    }
    return file;
  }

  /** The node's kind id in [0, K). */
  public int kindId(int id) {
    long at = (long) id * RECORD + KIND_ID;
    int kind = bytes.get(SHORT, at) & 0xFFFF;
    if (kind >= kindCount) {
      throw section.corrupt(at, "node " + id + " kind id out of range: actual=" + kind + " vs expected<" + kindCount);
    }
    return kind;
  }

  /** The node's first line. */
  public int lineStart(int id) {
    return bytes.get(INT, (long) id * RECORD + LINE_START);
  }

  /** The node's last line. */
  public int lineEnd(int id) {
    return bytes.get(INT, (long) id * RECORD + LINE_END);
  }

  /** The node's flags (UInt16). */
  public int flags(int id) {
    return bytes.get(SHORT, (long) id * RECORD + FLAGS) & 0xFFFF;
  }

  /** The section, for messages. */
  public Section section() {
    return section;
  }

  /** Offset in the section of node {@code id}'s flags, for messages. */
  public static long flagsOffset(int id) {
    return (long) id * RECORD + FLAGS;
  }

  /** Offset in the section of node {@code id}'s kind id, for messages. */
  public static long kindIdOffset(int id) {
    return (long) id * RECORD + KIND_ID;
  }

  /** Offset in the section of node {@code id}'s file id, for messages. */
  public static long fileIdOffset(int id) {
    return (long) id * RECORD + FILE_ID;
  }
}
