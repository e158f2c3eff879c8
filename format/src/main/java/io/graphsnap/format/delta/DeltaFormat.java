package io.graphsnap.format.delta;

import io.graphsnap.format.snapshot.Container;
import io.graphsnap.format.snapshot.SnapshotFormat;

/**
 * The delta file of a layered snapshot: what changed since a base snapshot, to be read on top of it (docs/LAYERED.md).
 * Same container as a snapshot ({@link SnapshotFormat}'s grammar: header with magic, version, section table with a
 * CRC32C per section and a header CRC, sections at multiples of 64 bytes), with its own magic and versions:
 *
 * <pre>
 * Delta --&gt; Header, Padding, (Section, Padding)^SectionCount      (SnapshotFormat's grammar, magic {@link #MAGIC})
 * </pre>
 *
 * <p>The sections and each one's grammar are listed in {@link DeltaSectionId}; the new layouts are
 * {@link DeltaBaseFormat}, {@link IdListFormat} and {@link RowListFormat}, the others reuse a snapshot section's
 * grammar over a shorter list. What a delta means, the rules a reader relies on:
 * <ul>
 *   <li><b>Id spaces.</b> Base ids never move. New names get node ids {@code N_base + i} in sorted order
 *       (NEW_NAMES); new paths file ids {@code F_base + i}; new kinds, effects, edge types and languages continue the
 *       base's dictionaries (ADDED_*). So the layered dictionaries are the base's followed by the additions (not
 *       sorted as a whole), and an entry nothing uses any more stays listed (its count or bitmap is empty).
 *   <li><b>Live nodes.</b> {@code [0, N_base + A)} minus TOMBSTONES. A node's record, details and effects are the
 *       delta's if it is in DIRTY_NODES, else the base's. Its out-row (and call sites) is the delta's if it is a
 *       FORWARD key, else the base's (empty for a new node). Its in-row is the base's minus REVERSE_REMOVED's plus
 *       REVERSE_ADDED's for a listed target, else the base's.
 *   <li><b>Rows</b> are sorted by (layered type id, layered neighbour id), so per-type runs stay contiguous; with new
 *       names or types that order differs from a compacted snapshot's, whose ids are name ranks.
 *   <li><b>Live files.</b> {@code [0, F_base + G)} minus FILE_TOMBSTONES; records and symbol lists from FILES and
 *       FILE_SYMBOLS for DIRTY_FILES, else the base's.
 *   <li><b>One layer.</b> A delta is always against a snapshot, never against another delta: a reader merges at most
 *       two layers. The next delta against the same base includes the previous one's changes.
 *   <li><b>Deterministic.</b> The bytes depend only on the base and the current objects. The file is named by its
 *       SHA-256 with the extension {@link #FILE_EXTENSION}.
 * </ul>
 *
 * <p>Versions are only ever added: {@link #VERSION_START} … {@link #VERSION_CURRENT}; a change to any section's
 * bytes bumps {@link #VERSION_CURRENT} (the delta golden-file test fails until it does).
 */
public final class DeltaFormat {
  /** The 8 magic bytes at offset 0: {@code "GSDLT" 0x00 0x0D 0x0A}, distinct from a snapshot's. */
  public static final byte[] MAGIC = {'G', 'S', 'D', 'L', 'T', 0x00, 0x0D, 0x0A};
  /** The first format version. */
  public static final int VERSION_START = 1;
  /** The version this code writes; readers accept {@link #VERSION_START} to this. */
  public static final int VERSION_CURRENT = VERSION_START;
  /** File name extension of delta files. */
  public static final String FILE_EXTENSION = ".gdelta";
  /** The delta as a kind of {@link Container}. */
  public static final Container CONTAINER = new Container("delta", MAGIC, VERSION_START, VERSION_CURRENT, id -> {
    DeltaSectionId s = DeltaSectionId.byId(id);
    return s == null ? "#" + id : s.name();
  });

  private DeltaFormat() {}
}
