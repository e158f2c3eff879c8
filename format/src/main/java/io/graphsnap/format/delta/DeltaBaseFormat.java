package io.graphsnap.format.delta;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link DeltaSectionId#BASE}: which snapshot a delta lies on, and the sizes of that snapshot's tables that the
 * delta's ids continue from. The grammar:
 *
 * <pre>
 * Base --&gt; SnapshotSha256 Byte^32, NodeCount UInt32, FileCount UInt32, KindCount UInt32, EffectCount UInt32,
 *          EdgeTypeCount UInt32, LanguageCount UInt32, Zero UInt64                                     (64 bytes)
 * </pre>
 *
 * <ul>
 *   <li>SnapshotSha256 is the base snapshot's id (the SHA-256 of its bytes, the name it is stored under); the
 *       counts are its NODE_NAMES, FILE_PATHS, KINDS, EFFECTS, EDGE_TYPES and LANGUAGES counts. A reader opening
 *       the pair compares all seven with the base it was given, in O(1), before reading anything else: a delta is
 *       only ever read on top of its own base.
 *   <li>The layered id spaces follow: node ids {@code [0, NodeCount)} are the base's and
 *       {@code NodeCount + i} is the delta's NEW_NAMES item i; likewise file ids with NEW_FILE_PATHS, and kind,
 *       effect, edge-type and language ids with the ADDED_* dictionaries.
 * </ul>
 * Stateless and thread-safe.
 */
public final class DeltaBaseFormat {
  /** Offset of SnapshotSha256. */
  public static final int SNAPSHOT_SHA256 = 0;
  /** Bytes of SnapshotSha256. */
  public static final int SHA256_BYTES = 32;
  /** Offset of NodeCount. */
  public static final int NODE_COUNT = 32;
  /** Offset of FileCount. */
  public static final int FILE_COUNT = 36;
  /** Offset of KindCount. */
  public static final int KIND_COUNT = 40;
  /** Offset of EffectCount. */
  public static final int EFFECT_COUNT = 44;
  /** Offset of EdgeTypeCount. */
  public static final int EDGE_TYPE_COUNT = 48;
  /** Offset of LanguageCount. */
  public static final int LANGUAGE_COUNT = 52;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 56;
  /** The section's length. */
  public static final int BYTES = 64;

  private DeltaBaseFormat() {}

  /**
   * What the section holds. Immutable.
   *
   * @param snapshotSha256 the base's id (32 bytes)
   * @param nodeCount its node count
   * @param fileCount its file count
   * @param kindCount its kind count
   * @param effectCount its effect count
   * @param edgeTypeCount its edge-type count
   * @param languageCount its language count
   */
  public record Base(byte[] snapshotSha256, int nodeCount, int fileCount, int kindCount, int effectCount,
      int edgeTypeCount, int languageCount) {
    /** Checks and copies the hash. */
    public Base {
      if (snapshotSha256.length != SHA256_BYTES) {
        throw new IllegalArgumentException("a snapshot id has " + SHA256_BYTES + " bytes, not " + snapshotSha256.length);
      }
      snapshotSha256 = snapshotSha256.clone();
    }

    /** The hash, copied. */
    @Override
    public byte[] snapshotSha256() {
      return snapshotSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Base b && java.util.Arrays.equals(snapshotSha256, b.snapshotSha256) && nodeCount == b.nodeCount
          && fileCount == b.fileCount && kindCount == b.kindCount && effectCount == b.effectCount
          && edgeTypeCount == b.edgeTypeCount && languageCount == b.languageCount;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(snapshotSha256) * 31 + nodeCount;
    }

    @Override
    public String toString() {
      return "Base[" + java.util.HexFormat.of().formatHex(snapshotSha256) + ", nodes=" + nodeCount + ", files="
          + fileCount + ", kinds=" + kindCount + ", effects=" + effectCount + ", edgeTypes=" + edgeTypeCount
          + ", languages=" + languageCount + "]";
    }
  }

  /** Decodes a section of {@link #BYTES} bytes (the caller checked the length); unchecked otherwise. */
  public static Base read(MemorySegment section) {
    return new Base(section.asSlice(SNAPSHOT_SHA256, SHA256_BYTES).toArray(ValueLayout.JAVA_BYTE),
        section.get(INT, NODE_COUNT), section.get(INT, FILE_COUNT), section.get(INT, KIND_COUNT),
        section.get(INT, EFFECT_COUNT), section.get(INT, EDGE_TYPE_COUNT), section.get(INT, LANGUAGE_COUNT));
  }

  /** Writes the section. */
  public static void write(SectionSink out, Base base) throws IOException {
    out.put(base.snapshotSha256());
    out.putInt(base.nodeCount());
    out.putInt(base.fileCount());
    out.putInt(base.kindCount());
    out.putInt(base.effectCount());
    out.putInt(base.edgeTypeCount());
    out.putInt(base.languageCount());
    out.putLong(0);
  }
}
