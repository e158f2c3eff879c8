package io.graphsnap.format.delta;

import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.StringListFormat;

/**
 * The sections of a delta file ({@link DeltaFormat}), with their stable numeric ids (never reused; only ever
 * added). All are required in version 1 except {@link #NAME_INDEX} and {@link #CALL_SITES}. Ids are in the
 * layered id spaces ({@link DeltaBaseFormat}): {@code N} base nodes then {@code A} new names; {@code D} dirty
 * nodes, {@code R} tombstones, {@code F} base files then {@code G} new paths, {@code H} dirty files.
 *
 * <p>Each section's bytes follow the grammar of its format class ({@link #formatClassName()}); most reuse a
 * snapshot section's grammar over a shorter list, as stated per constant.
 */
public enum DeltaSectionId {
  /**
   * {@code Info --> StringList} ({@link StringListFormat}, BUILD_INFO's shape) of key/value pairs, keys sorted: the
   * layered graph's totals ({@code edges}, {@code externalNodes}, {@code files}, {@code nodes}) and {@code tool}.
   */
  INFO(1),
  /** {@code Base --> } the base snapshot's id and table sizes; see {@link DeltaBaseFormat}. */
  BASE(2),
  /**
   * {@code NewNames --> StringList} of A names absent from the base, sorted by unsigned UTF-8 bytes; name i has
   * node id {@code N + i}. Base ids never move.
   */
  NEW_NAMES(3),
  /**
   * {@code NameIndex --> } the snapshot's NAME_INDEX rule ({@link NameIndexFormat}) applied to NEW_NAMES alone:
   * slot values hold positions in NEW_NAMES (add N for the node id). Optional: without it NEW_NAMES is binary
   * searched.
   */
  NAME_INDEX(4),
  /**
   * {@code Tombstones --> IdList} ({@link IdListFormat}) of base node ids that are no nodes any more (no file
   * declares them and no live edge targets them). No live row, base or delta, names a tombstone.
   */
  TOMBSTONES(5),
  /**
   * {@code DirtyNodes --> IdList} of the D live nodes whose record is the delta's: every new node and every base
   * node whose record, details or effects changed. Position i keys NODES and NODE_DETAILS.
   */
  DIRTY_NODES(6),
  /**
   * {@code Nodes --> NodeRecord^D} ({@link NodeRecordFormat}) of the dirty nodes in DIRTY_NODES order; FileId and
   * KindId index the layered file table and kind dictionary. The kind bitmaps of the layered graph follow from
   * these records: a node is of kind k iff (it is dirty and its record says k) or (it is a live, non-dirty base node
   * of base kind k).
   */
  NODES(7),
  /** {@code NodeDetails --> } NODE_DETAILS' grammar ({@link NodeDetailsFormat}) over the D dirty nodes. */
  NODE_DETAILS(8),
  /**
   * {@code EffectBitmaps --> BitmapList} ({@link BitmapListFormat}) of one bitmap per layered effect id (base
   * effects, then ADDED_EFFECTS): the dirty nodes with that effect. Layered: {@code (base − dirty − tombstones) ∪
   * delta}.
   */
  EFFECT_BITMAPS(9),
  /**
   * {@code Forward --> RowList} ({@link RowListFormat}): the complete out-row of every node whose out-edges or call
   * sites changed (new nodes with edges among them), in layered ids. A node not listed keeps the base's row (none
   * for a new node).
   */
  FORWARD(10),
  /**
   * {@code CallSites --> } CALL_SITES' grammar ({@link CallSitesFormat}) for the FORWARD keys that have sites,
   * positions relative to their FORWARD row. A FORWARD key absent here has no sites; a node not in FORWARD keeps the
   * base's. Optional: absent when no FORWARD row has sites.
   */
  CALL_SITES(11),
  /**
   * {@code ReverseAdded --> RowList}: for each target whose in-edges changed, the in-edges (type, source) it gains.
   * The layered in-row of a listed target is the base's row minus REVERSE_REMOVED's plus these, re-sorted.
   */
  REVERSE_ADDED(12),
  /** {@code ReverseRemoved --> RowList}: for each target whose in-edges changed, the base in-edges it loses. */
  REVERSE_REMOVED(13),
  /** {@code AddedKinds --> StringList} of kinds absent from the base's KINDS, sorted; kind id = base K + index. */
  ADDED_KINDS(14),
  /** {@code AddedEffects --> StringList} of effects absent from the base, sorted; ids continue the base's. */
  ADDED_EFFECTS(15),
  /** {@code AddedEdgeTypes --> StringList} of edge types absent from the base, sorted; ids continue the base's. */
  ADDED_EDGE_TYPES(16),
  /** {@code AddedLanguages --> StringList} of languages absent from the base, sorted; ids continue the base's. */
  ADDED_LANGUAGES(17),
  /**
   * {@code EdgeTypeCounts --> UInt64^(T + added)} ({@link CsrFormat}'s EDGE_TYPE_COUNTS): the layered graph's
   * edges of each layered type id (zero for a type no edge uses any more).
   */
  EDGE_TYPE_COUNTS(18),
  /** {@code NewFilePaths --> StringList} of G paths absent from the base, sorted; path i has file id F + i. */
  NEW_FILE_PATHS(19),
  /** {@code FileTombstones --> IdList} of base file ids whose file was deleted. */
  FILE_TOMBSTONES(20),
  /**
   * {@code DirtyFiles --> IdList} of the H live files whose record or symbol list is the delta's: changed and new
   * files, and files that gained or lost a node. Position i keys FILES and FILE_SYMBOLS.
   */
  DIRTY_FILES(21),
  /** {@code Files --> FileRecord^H} ({@link FileRecordFormat}); LanguageId indexes the layered languages. */
  FILES(22),
  /**
   * {@code FileSymbols --> } FILE_SYMBOLS' grammar ({@link FileSymbolsFormat}) over the H dirty files: each one's
   * nodes by LineStart ascending, LineEnd descending, then name (so the order equals a compacted snapshot's).
   */
  FILE_SYMBOLS(23),
  /**
   * {@code ConflictNames --> StringList} of names, sorted, whose base conflicts the delta replaces (the names the
   * changed files declared before or after).
   */
  CONFLICT_NAMES(24),
  /** {@code Conflicts --> StringList} of 3·C strings, CONFLICTS' shape: the new conflicts of CONFLICT_NAMES. */
  CONFLICTS(25);

  private final int id;

  DeltaSectionId(int id) {
    this.id = id;
  }

  /** The stable numeric id written in the section table. */
  public int id() {
    return id;
  }

  /** True for a section a version-1 delta may omit. */
  public boolean optional() {
    return this == NAME_INDEX || this == CALL_SITES;
  }

  /** The fully qualified name of the class whose Javadoc is this section's grammar. */
  public String formatClassName() {
    return switch (this) {
      case INFO, NEW_NAMES, ADDED_KINDS, ADDED_EFFECTS, ADDED_EDGE_TYPES, ADDED_LANGUAGES, NEW_FILE_PATHS,
          CONFLICT_NAMES, CONFLICTS -> StringListFormat.class.getName();
      case BASE -> DeltaBaseFormat.class.getName();
      case NAME_INDEX -> NameIndexFormat.class.getName();
      case TOMBSTONES, DIRTY_NODES, FILE_TOMBSTONES, DIRTY_FILES -> IdListFormat.class.getName();
      case NODES -> NodeRecordFormat.class.getName();
      case NODE_DETAILS -> NodeDetailsFormat.class.getName();
      case EFFECT_BITMAPS -> BitmapListFormat.class.getName();
      case FORWARD, REVERSE_ADDED, REVERSE_REMOVED -> RowListFormat.class.getName();
      case CALL_SITES -> CallSitesFormat.class.getName();
      case EDGE_TYPE_COUNTS -> CsrFormat.class.getName();
      case FILES -> FileRecordFormat.class.getName();
      case FILE_SYMBOLS -> FileSymbolsFormat.class.getName();
    };
  }

  /** The section with numeric id {@code id}, or {@code null} if this version does not know it. */
  public static DeltaSectionId byId(int id) {
    for (DeltaSectionId s : values()) {
      if (s.id == id) {
        return s;
      }
    }
    return null;
  }
}
