package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.SHORT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The node table, {@link SectionId#NODES}: one fixed-size record per node id, in id (name) order. The grammar:
 *
 * <pre>
 * Nodes      --&gt; NodeRecord^N
 * NodeRecord --&gt; FileId Int32, LineStart Int32, LineEnd Int32, KindId UInt16, Flags UInt16   (16 bytes)
 * </pre>
 *
 * <ul>
 *   <li>Node v's record starts at {@link #offset(long) offset(v)} = 16·v; its fields at {@link #FILE_ID},
 *       {@link #LINE_START}, {@link #LINE_END}, {@link #KIND_ID} and {@link #FLAGS} within it.
 *   <li>FileId indexes FILE_PATHS, or is -1 for a node without a file (external nodes); KindId indexes KINDS.
 *   <li>Flags: {@link #FLAG_EXTERNAL} (a target no file defines; kind {@link SnapshotFormat#EXTERNAL_KIND}),
 *       {@link #FLAG_MERGED} (a namespace declared by several files, merged); other bits zero.
 *   <li>Read as four Int32s ({@link #INTS}), the last one holds KindId in its low and Flags in its high 16 bits
 *       ({@link #KIND_FLAGS_INT}): the incremental builder remaps whole records that way.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (the reader checks ids against K and F).
 */
public final class NodeRecordFormat {
  /** Bytes of one record. */
  public static final int RECORD_BYTES = 16;
  /** Int32s in one record. */
  public static final int INTS = RECORD_BYTES / 4;
  /** Offset of FileId in a record. */
  public static final int FILE_ID = 0;
  /** Offset of LineStart in a record. */
  public static final int LINE_START = 4;
  /** Offset of LineEnd in a record. */
  public static final int LINE_END = 8;
  /** Offset of KindId in a record. */
  public static final int KIND_ID = 12;
  /** Offset of Flags in a record. */
  public static final int FLAGS = 14;
  /** Index, among a record's {@link #INTS} Int32s, of the one holding KindId (low 16 bits) and Flags (high). */
  public static final int KIND_FLAGS_INT = KIND_ID / 4;
  /** Flag: the node is external (a target no file defines): no file, kind {@link SnapshotFormat#EXTERNAL_KIND}. */
  public static final int FLAG_EXTERNAL = 1;
  /** Flag: the node is a namespace declared by more than one file, merged into one. */
  public static final int FLAG_MERGED = 2;
  /** FileId of a node without a file. */
  public static final int NO_FILE = -1;

  private NodeRecordFormat() {}

  /** Offset of node {@code id}'s record. */
  public static long offset(long id) {
    return RECORD_BYTES * id;
  }

  /** The section's length for {@code nodeCount} nodes. */
  public static long sectionBytes(long nodeCount) {
    return RECORD_BYTES * nodeCount;
  }

  /** Node {@code id}'s FileId. */
  public static int fileId(MemorySegment nodes, long id) {
    return nodes.get(INT, offset(id) + FILE_ID);
  }

  /** Node {@code id}'s LineStart. */
  public static int lineStart(MemorySegment nodes, long id) {
    return nodes.get(INT, offset(id) + LINE_START);
  }

  /** Node {@code id}'s LineEnd. */
  public static int lineEnd(MemorySegment nodes, long id) {
    return nodes.get(INT, offset(id) + LINE_END);
  }

  /** Node {@code id}'s KindId, unsigned. */
  public static int kindId(MemorySegment nodes, long id) {
    return Short.toUnsignedInt(nodes.get(SHORT, offset(id) + KIND_ID));
  }

  /** Node {@code id}'s Flags, unsigned. */
  public static int flags(MemorySegment nodes, long id) {
    return Short.toUnsignedInt(nodes.get(SHORT, offset(id) + FLAGS));
  }

  /** KindId of a record read as ints ({@link #KIND_FLAGS_INT}). */
  public static int kindOfInt(int kindFlags) {
    return kindFlags & 0xFFFF;
  }

  /** The {@link #KIND_FLAGS_INT} int with its KindId replaced by {@code kind}. */
  public static int withKind(int kindFlags, int kind) {
    return (kindFlags & 0xFFFF_0000) | (kind & 0xFFFF);
  }

  /** Writes one record. */
  public static void write(SectionSink out, int fileId, int lineStart, int lineEnd, int kindId, int flags)
      throws IOException {
    out.putInt(fileId);
    out.putInt(lineStart);
    out.putInt(lineEnd);
    out.putShort(kindId);
    out.putShort(flags);
  }
}
