package io.graphsnap.format.snapshot;

/**
 * The sections of a snapshot file, with their stable numeric ids (never reused; only ever added) and what
 * each holds. All integers are little-endian ({@link LittleEndian}) and unaligned reads are allowed; every
 * section starts at a multiple of {@link SnapshotFormat#SECTION_ALIGNMENT}. {@code N} is the node count,
 * {@code E} the distinct edge count, {@code T} the edge-type count, {@code K} the kind count, {@code X} the
 * effect count, {@code F} the file count.
 *
 * <p>Each section's bytes follow the grammar of its family's format class ({@link #formatClassName()}), which
 * also holds the named offsets, a reader over mapped bytes and a writer: the only code that knows them.
 *
 * <p>Names sort by their UTF-8 bytes compared as unsigned values (which is code-point order), so a node
 * lookup is a binary search, and all names with a prefix form one contiguous range of node ids.
 */
public enum SectionId {
  /** {@code BuildInfo --> StringList} ({@link StringListFormat}) of 2·n strings, key then value, keys sorted: tool version, counts. No timestamps. */
  BUILD_INFO(1),
  /**
   * {@code SortedStrings --> StringList} of N distinct names sorted by unsigned UTF-8 bytes; node id = index. In a file
   * with the compact adjacency from version {@link SnapshotFormat#VERSION_FRONT_CODED_NAMES} on, the same strings as
   * a {@code FrontCodedList} ({@link FrontCodedListFormat}).
   */
  NODE_NAMES(2),
  /**
   * {@code Nodes --> NodeRecord^N}: file, lines, kind and flags of each node; see {@link NodeRecordFormat} (bit-packed
   * in a compact file from version 7: {@link PackedNodeFormat}).
   */
  NODES(3),
  /** {@code Kinds --> StringList} of K distinct kind names, sorted; kind id = index. */
  KINDS(4),
  /** {@code Effects --> StringList} of X distinct effect names, sorted; effect id = index. */
  EFFECTS(5),
  /** {@code EdgeTypes --> StringList} of T distinct edge-type names, sorted; type id = index; T ≤ 255. */
  EDGE_TYPES(6),
  /** {@code EdgeTypeCounts --> UInt64^T}: the number of edges of each type. */
  EDGE_TYPE_COUNTS(7),
  /** {@code ForwardOffsets --> UInt64^(N+1)}: out-edges of node v are [Offsets[v], Offsets[v+1]); Offsets[N] = E. */
  FORWARD_OFFSETS(8),
  /** {@code ForwardTargets --> Int32^E}: per source, sorted by (type id, target id), distinct. */
  FORWARD_TARGETS(9),
  /** {@code ForwardTypes --> UInt8^E}: the type id of each edge of ForwardTargets. */
  FORWARD_TYPES(10),
  /** {@code ReverseOffsets --> UInt64^(N+1)}: in-edges of node v are [Offsets[v], Offsets[v+1]). */
  REVERSE_OFFSETS(11),
  /** {@code ReverseSources --> Int32^E}: per target, sorted by (type id, source id), distinct. */
  REVERSE_SOURCES(12),
  /** {@code ReverseTypes --> UInt8^E}: the type id of each edge of ReverseSources. */
  REVERSE_TYPES(13),
  /** {@code KindBitmaps --> BitmapList} of K bitmaps: the node ids of each kind id. */
  KIND_BITMAPS(14),
  /** {@code EffectBitmaps --> BitmapList} of X bitmaps: the node ids with each effect id. */
  EFFECT_BITMAPS(15),
  /** {@code Bloom --> } the blocked Bloom filter over all node names (see the bloom module's BloomFormat). */
  BLOOM(16),
  /**
   * {@code FilePaths --> StringList} of F distinct repository-relative paths, sorted; file id = index. A {@code
   * FrontCodedList} ({@link FrontCodedListFormat}) where NODE_NAMES is one.
   */
  FILE_PATHS(17),
  /**
   * {@code Files --> FileRecord^F}: source hash, object id, language and symbol count of each file; see
   * {@link FileRecordFormat}.
   */
  FILES(18),
  /** {@code Languages --> StringList} of distinct language tags, sorted (the empty tag included when used). */
  LANGUAGES(19),
  /**
   * {@code NodeDetails --> Ends UInt64^(N+1), Data}: each node's hash, notes and metadata, read only on demand;
   * see {@link NodeDetailsFormat}.
   */
  NODE_DETAILS(20),
  /** {@code Conflicts --> StringList} of 3·C strings: name, kept path, dropped path; sorted by name, then dropped path. */
  CONFLICTS(21),
  /**
   * {@code NameIndex --> SlotCount UInt32, Zero UInt32, Slots Int32^SlotCount}: an open-addressing hash table
   * from node name to node id (linear probing), so that a lookup by name is O(1) expected; the exact rule
   * (slot count, hash, home slot, fingerprint, insertion order) is in {@link NameIndexFormat}. Since format
   * version {@link SnapshotFormat#VERSION_NAME_INDEX}; optional: a file without it is served by binary search
   * over NODE_NAMES.
   */
  NAME_INDEX(22),
  /**
   * {@code FileSymbols --> Starts UInt32^(F+1), NodeIds Int32^S}: each file's nodes in line order (LineStart
   * ascending, LineEnd descending, id ascending), for "what does this file declare" and "which symbol encloses
   * this line"; the rule is in {@link FileSymbolsFormat}. Since format version
   * {@link SnapshotFormat#VERSION_FILE_SYMBOLS}; optional: without it those lookups scan the nodes.
   */
  FILE_SYMBOLS(23),
  /**
   * {@code NameTrigrams --> TrigramCount UInt32, Zero UInt32, Trigrams UInt32^TrigramCount, Postings BitmapList}:
   * for each trigram of the ASCII-case-folded names, the nodes whose name contains it, so that a substring search
   * reads a few bitmaps and its candidates instead of every name; the exact rule is in {@link NameTrigramsFormat}.
   * Since format version {@link SnapshotFormat#VERSION_NAME_TRIGRAMS}; optional: a file without it is searched by
   * reading every name.
   */
  NAME_TRIGRAMS(24),
  /**
   * {@code CallSites --> Count UInt32, Zero UInt32, Ends UInt32^(Count+1), Nodes Int32^Count, Data}: the source
   * lines where edges occur (each call of a {@code calls} edge), for the nodes that have such edges, aligned with
   * each node's forward CSR row; a site's file is its source node's. Data stays below 4 GiB (Ends are UInt32: a
   * limit of the format, see {@link SnapshotFormat}). The grammar and the rule are in
   * {@link CallSitesFormat}. Since format version {@link SnapshotFormat#VERSION_CALL_SITES}; optional: a file
   * without it has no sites.
   */
  CALL_SITES(25),
  /**
   * {@code CompactForwardIndex --> Stride UInt32, Zero UInt32, (RowOffset UInt64, EdgeOffset UInt64)^(⌈N/Stride⌉+1)}:
   * where every Stride-th row of {@link #COMPACT_FORWARD_ROWS} starts. Since format version
   * {@link SnapshotFormat#VERSION_COMPACT_ADJACENCY}, in a file with the compact adjacency only (instead of
   * FORWARD_OFFSETS, FORWARD_TARGETS, FORWARD_TYPES); the grammar is {@link CompactCsrFormat}'s.
   */
  COMPACT_FORWARD_INDEX(26),
  /** {@code CompactForwardRows --> Row^N}: each node's out-edges, gap-coded per type; see {@link CompactCsrFormat}. */
  COMPACT_FORWARD_ROWS(27),
  /** {@code CompactReverseIndex}: as {@link #COMPACT_FORWARD_INDEX}, for {@link #COMPACT_REVERSE_ROWS}. */
  COMPACT_REVERSE_INDEX(28),
  /** {@code CompactReverseRows --> Row^N}: each node's in-edges, gap-coded per type; see {@link CompactCsrFormat}. */
  COMPACT_REVERSE_ROWS(29);

  private final int id;

  SectionId(int id) {
    this.id = id;
  }

  /** The stable numeric id written in the section table. */
  public int id() {
    return id;
  }

  /**
   * The fully qualified name of the class whose Javadoc is this section's byte grammar and which reads and writes
   * it. A switch over every constant: a new section does not compile until it names its format. (A name, not a
   * {@code Class}, because the Bloom filter's format lives in the bloom module, which this module does not see.)
   */
  public String formatClassName() {
    return switch (this) {
      case BUILD_INFO, NODE_NAMES, KINDS, EFFECTS, EDGE_TYPES, CONFLICTS -> StringListFormat.class.getName();
      case NODES -> NodeRecordFormat.class.getName();
      case EDGE_TYPE_COUNTS, FORWARD_OFFSETS, FORWARD_TARGETS, FORWARD_TYPES, REVERSE_OFFSETS, REVERSE_SOURCES,
          REVERSE_TYPES -> CsrFormat.class.getName();
      case KIND_BITMAPS, EFFECT_BITMAPS -> BitmapListFormat.class.getName();
      case BLOOM -> "io.graphsnap.bloom.BloomFormat";
      case FILE_PATHS, FILES, LANGUAGES -> FileRecordFormat.class.getName();
      case NODE_DETAILS -> NodeDetailsFormat.class.getName();
      case NAME_INDEX -> NameIndexFormat.class.getName();
      case FILE_SYMBOLS -> FileSymbolsFormat.class.getName();
      case NAME_TRIGRAMS -> NameTrigramsFormat.class.getName();
      case CALL_SITES -> CallSitesFormat.class.getName();
      case COMPACT_FORWARD_INDEX, COMPACT_FORWARD_ROWS, COMPACT_REVERSE_INDEX, COMPACT_REVERSE_ROWS ->
          CompactCsrFormat.class.getName();
    };
  }

  /** Returns the section with numeric id {@code id}, or {@code null} if this version does not know it. */
  public static SectionId byId(int id) {
    for (SectionId s : values()) {
      if (s.id == id) {
        return s;
      }
    }
    return null;
  }
}
