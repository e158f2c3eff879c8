package io.graphsnap.format.snapshot;

import io.graphsnap.format.object.Kinds;

/**
 * The snapshot file: constants of its layout, and the index of its format classes. The grammar:
 *
 * <pre>
 * Snapshot     --&gt; Header, Padding, (Section, Padding)^SectionCount
 * Header       --&gt; Magic Byte^8, FormatVersion UInt32, Flags UInt32, SectionCount UInt32, Zero UInt32,
 *                   FileLength UInt64, SectionEntry^SectionCount, HeaderCrc UInt32
 * SectionEntry --&gt; SectionId UInt32, Crc32c UInt32, Offset UInt64, Length UInt64
 * Padding      --&gt; Zero bytes up to the next multiple of 64 (none after the last section)
 * </pre>
 *
 * <ul>
 *   <li>Magic is {@code "GSNAP" 0x00 0x0D 0x0A}: a text-mode transfer or a NUL-truncating tool breaks it.
 *   <li>HeaderCrc is the CRC32C of every header byte before it; each entry's Crc32c covers its section's
 *       {@code Length} bytes. Padding must be zero. So every byte of the file is checked by {@code verify}.
 *   <li>Sections appear in the file in the order of the table, with strictly increasing offsets, each a
 *       multiple of {@link #SECTION_ALIGNMENT}; the table lists each id at most once, in increasing id order.
 *   <li>FileLength equals the file's size, so a truncated file is recognised at open.
 *   <li>The bytes depend only on the loose objects: no timestamps, no host names, sorted everything.
 * </ul>
 *
 * <p>Each section's own grammar is in the format class of its family ({@link SectionId#formatClassName()}):
 * {@link StringListFormat}, {@link BitmapListFormat}, {@link NodeRecordFormat}, {@link CsrFormat},
 * {@link FileRecordFormat}, {@link NodeDetailsFormat}, {@link NameIndexFormat}, {@link FileSymbolsFormat},
 * {@link NameTrigramsFormat}, {@link CallSitesFormat}, {@link CompactCsrFormat}, {@link FrontCodedListFormat}
 * (NODE_NAMES and FILE_PATHS of a compact file from version 6), {@link PackedNodeFormat}, {@link SparseDetailsFormat}
 * and {@link PackedFileSymbolsFormat} (NODES, NODE_DETAILS and FILE_SYMBOLS of a compact file from version 7), the
 * bit fields of {@link BitPacking}, and the bloom module's
 * {@code BloomFormat}. The header itself is {@link SnapshotHeader}'s.
 *
 * <h2>Sizes and limits</h2>
 *
 * Every position and size in the container is 64-bit: a section's Offset and Length and the FileLength are
 * UInt64, the CSR's Offsets are UInt64 (so E may pass 2<sup>31</sup> and a CSR section 4 GiB), and so are the
 * Ends of every StringList, BitmapList and NODE_DETAILS (their data may pass 4 GiB). A 10-million-file graph
 * (about 120 M nodes, 10<sup>9</sup> edges: a 4 GiB neighbour section, a NODE_NAMES section of several GiB,
 * sections starting past 2<sup>32</sup>) fits. A section's Crc32c is computed and checked in chunks, whatever its
 * length. The fields that are 32-bit, and so bound what a snapshot of this format can hold (raising one is a format
 * change, with a new version):
 * <ul>
 *   <li>Node ids are Int32 (CSR neighbours, NAME_INDEX slots, FILE_SYMBOLS and CALL_SITES node lists, the Roaring
 *       bitmaps): N &le; 2<sup>31</sup> &minus; 1. A StringList's Count is UInt32, and the reader indexes items with
 *       an {@code int}: at most 2<sup>31</sup> &minus; 2 items.
 *   <li>{@link SectionId#CALL_SITES}: Count and Ends are UInt32, so its Data stays below 4 GiB (about two bytes a
 *       site: some 2·10<sup>9</sup> sites); the builder refuses more.
 *   <li>{@link SectionId#FILE_SYMBOLS}: Starts are UInt32 (at most 2<sup>32</sup> &minus; 1 listed nodes, which N
 *       already bounds); {@link SectionId#NAME_INDEX}: SlotCount is UInt32 (⌈4·N/3⌉, below 2<sup>32</sup> for every
 *       N); {@link SectionId#NAME_TRIGRAMS}: TrigramCount is UInt32.
 *   <li>The compact adjacency ({@link CompactCsrFormat}): its index entries are UInt64 and its counts VarUInts below
 *       2<sup>32</sup>, so one node has at most 2<sup>32</sup> &minus; 1 edges; the reader decodes rows of fewer than
 *       2<sup>31</sup> &minus; 16 bytes (a limit of the code).
 *   <li>Lines are Int32; at most {@link #MAX_EDGE_TYPES} edge types (a type id is one byte) and {@link #MAX_KINDS}
 *       kinds (two bytes).
 * </ul>
 * Limits of the code rather than the format: the reader decodes or hashes one string (a name, a path) of at most
 * 2<sup>31</sup> &minus; 17 bytes (a Java array), and its {@code int} degree methods throw past 2<sup>31</sup>
 * &minus; 1 edges of one node (its edge cursors count in {@code long}); a full build holds its edges in Java arrays
 * (at most 2<sup>31</sup> &minus; 17 collected edges, the builder's {@code BuildLimits}), while an incremental build
 * streams the CSR from the previous file and is bounded only by the format, except that the rows of the nodes a
 * change touches are held in Java arrays (fewer than 2<sup>31</sup> edges each).
 *
 * <p>Versions are only ever added: {@link #VERSION_START} … {@link #VERSION_CURRENT}. A change to any
 * section's bytes bumps {@link #VERSION_CURRENT} (the golden-file test fails until it does).
 */
public final class SnapshotFormat {
  /** The 8 magic bytes at offset 0. */
  public static final byte[] MAGIC = {'G', 'S', 'N', 'A', 'P', 0x00, 0x0D, 0x0A};
  /** The first format version. */
  public static final int VERSION_START = 1;
  /**
   * Version 2 adds {@link SectionId#NAME_INDEX}, the hash index over node names; every other section is as in
   * version 1, so a version-1 file is read exactly as before (lookups by binary search).
   */
  public static final int VERSION_NAME_INDEX = 2;
  /**
   * Version 3 adds two optional sections, {@link SectionId#FILE_SYMBOLS} (each file's nodes in line order) and
   * {@link SectionId#NAME_TRIGRAMS} (the search index over node names); every other section is as in version 2, so
   * version-1 and version-2 files are read as before (file and position lookups then scan the nodes, searches read
   * every name). The two sections arrived together, so both names denote this one version.
   */
  public static final int VERSION_FILE_SYMBOLS = 3;
  /** The version that adds {@link SectionId#NAME_TRIGRAMS}: the same version 3 as {@link #VERSION_FILE_SYMBOLS}. */
  public static final int VERSION_NAME_TRIGRAMS = VERSION_FILE_SYMBOLS;
  /**
   * Version 4 adds the optional section {@link SectionId#CALL_SITES} (the lines where edges occur: each call's
   * line); every other section is as in version 3, so older files are read as before and have no sites.
   */
  public static final int VERSION_CALL_SITES = 4;
  /**
   * Version 5 adds the compact adjacency ({@link CompactCsrFormat}: gap-coded rows with a sparse index, sections
   * {@link SectionId#COMPACT_FORWARD_INDEX} … {@link SectionId#COMPACT_REVERSE_ROWS}), chosen per build: a
   * version-5 file holds either the fixed adjacency of {@link CsrFormat} (then it is a version-4 file in every
   * byte but the version) or the compact one, never both; {@link CompactCsrFormat#layoutOf} says which. Older
   * files are read as before.
   */
  public static final int VERSION_COMPACT_ADJACENCY = 5;
  /**
   * Version 6 front-codes {@link SectionId#NODE_NAMES} and {@link SectionId#FILE_PATHS} in a file with the compact
   * adjacency ({@link FrontCodedListFormat}, see {@link FrontCodedListFormat#frontCoded}); every other section of such
   * a file is as in version 5. A version-6 file with the fixed adjacency is a version-5 (and so version-4) file in every byte
   * but the version: one version number covers both layouts, as in version 5, so a build writes one version whatever
   * its layout and an incremental build's base check stays "the current version". Version-5 compact files (plain
   * NODE_NAMES) are read as before.
   */
  public static final int VERSION_FRONT_CODED_NAMES = 6;
  /**
   * Version 7 packs the per-node sections of a file with the compact adjacency ({@link PackedNodeFormat#packed}):
   * {@link SectionId#NODES} as bit-packed records ({@link PackedNodeFormat}), {@link SectionId#NODE_DETAILS} with only
   * the entries that say something ({@link SparseDetailsFormat}), {@link SectionId#FILE_SYMBOLS} as bit-packed
   * offsets from a base per file ({@link PackedFileSymbolsFormat}) and {@link SectionId#NAME_INDEX} with bit-packed
   * slots ({@link NameIndexFormat.Coding#packed}); every other section of such a file is as in version 6. A version-7 file with the fixed adjacency is a version-6 (and so version-4) file in every byte but the
   * version, as in versions 5 and 6. Version-5 and version-6 compact files are read as before.
   */
  public static final int VERSION_PACKED_NODES = 7;
  /**
   * Version 8 writes the groups of the compact rows ({@link SectionId#COMPACT_FORWARD_ROWS},
   * {@link SectionId#COMPACT_REVERSE_ROWS}) as Rice-coded bits ({@link CompactCsrFormat.RowCoding#RICE},
   * {@link RiceCode}) instead of VarUInts: the rows and so the RowOffsets of their indexes change, every other
   * section of a compact file is as in version 7. A version-8 file with the fixed adjacency is a version-7 (and so
   * version-4) file in every byte but the version. Version-5 to version-7 compact files are read as before.
   */
  public static final int VERSION_RICE_ROWS = 8;
  /**
   * Version 9 writes {@link SectionId#NODES} of a compact file in blocks of 64 nodes, each with its distinct files
   * and its own line widths ({@link BlockedNodeFormat}) instead of table-wide widths; every other section of a compact
   * file is as in version 8. A version-9 file with the fixed adjacency is a version-8 (and so version-4) file in
   * every byte but the version. Version-7 and version-8 compact files (packed NODES) are read as before.
   */
  public static final int VERSION_BLOCKED_NODES = 9;
  /**
   * Version 10 moves the row headers of a compact file into the rows' bit streams and narrows its index entries
   * ({@link CompactCsrFormat.RowCoding#BIT_HEADERS}): a row's Degree and its groups' counts are Elias gamma codes (the
   * last group's count one bit), and an index Entry is two UInt40 (10 bytes) instead of two UInt64; and it packs the
   * language ids and symbol counts of {@link SectionId#FILES} into a bit-packed tail ({@link FileRecordFormat#packed});
   * every other section of a compact file is as in version 9.
   * A version-10 file with the fixed adjacency is a version-9 (and so version-4) file in every byte but the
   * version. Version-5 to version-9 compact files are read as before.
   */
  public static final int VERSION_BIT_HEADERS = 10;
  /** The version this code writes; readers accept {@link #VERSION_START} to this. */
  public static final int VERSION_CURRENT = VERSION_BIT_HEADERS;
  /** The snapshot as a kind of {@link Container}: its magic, versions and section names. */
  public static final Container CONTAINER = new Container("snapshot", MAGIC, VERSION_START, VERSION_CURRENT,
      id -> {
        SectionId s = SectionId.byId(id);
        return s == null ? "#" + id : s.name();
      });
  /** Alignment of every section's offset, in bytes (a cache line). */
  public static final int SECTION_ALIGNMENT = 64;
  /** Offset of FormatVersion in the header. */
  public static final int VERSION_OFFSET = 8;
  /** Offset of Flags in the header. */
  public static final int FLAGS_OFFSET = 12;
  /** Offset of SectionCount in the header. */
  public static final int SECTION_COUNT_OFFSET = 16;
  /** Offset of the reserved zero field in the header. */
  public static final int ZERO_OFFSET = 20;
  /** Offset of FileLength in the header. */
  public static final int FILE_LENGTH_OFFSET = 24;
  /** Offset of SectionId within a section-table entry. */
  public static final int ENTRY_ID = 0;
  /** Offset of Crc32c within a section-table entry. */
  public static final int ENTRY_CRC = 4;
  /** Offset of Offset within a section-table entry. */
  public static final int ENTRY_OFFSET = 8;
  /** Offset of Length within a section-table entry. */
  public static final int ENTRY_LENGTH = 16;
  /** Bytes of the HeaderCrc after the section table. */
  public static final int HEADER_CRC_BYTES = 4;
  /** Bytes of the fixed header before the section table. */
  public static final int HEADER_FIXED_BYTES = 32;
  /** Bytes of one section-table entry. */
  public static final int SECTION_ENTRY_BYTES = 24;
  /** Most sections a file may list; bounds the header a reader parses. */
  public static final int MAX_SECTIONS = 256;
  /** Bytes of one NodeRecord in {@link SectionId#NODES}; the record is {@link NodeRecordFormat}'s. */
  public static final int NODE_RECORD_BYTES = NodeRecordFormat.RECORD_BYTES;
  /** Bytes of one FileRecord in {@link SectionId#FILES}; the record is {@link FileRecordFormat}'s. */
  public static final int FILE_RECORD_BYTES = FileRecordFormat.RECORD_BYTES;
  /** Most distinct edge types: a type id is one byte. */
  public static final int MAX_EDGE_TYPES = 255;
  /** Most distinct kinds: a kind id is two bytes. */
  public static final int MAX_KINDS = 65_535;
  /** Node flag: the node is external; see {@link NodeRecordFormat#FLAG_EXTERNAL}. */
  public static final int NODE_FLAG_EXTERNAL = NodeRecordFormat.FLAG_EXTERNAL;
  /** Node flag: a merged namespace; see {@link NodeRecordFormat#FLAG_MERGED}. */
  public static final int NODE_FLAG_MERGED = NodeRecordFormat.FLAG_MERGED;
  /** The kind of external nodes ({@link Kinds#EXTERNAL}). */
  public static final String EXTERNAL_KIND = Kinds.EXTERNAL;
  /** File name extension of snapshot files. */
  public static final String FILE_EXTENSION = ".gsnap";

  private SnapshotFormat() {}

  /** Returns the header's size in bytes for {@code sectionCount} sections, before padding. */
  public static int headerBytes(int sectionCount) {
    return HEADER_FIXED_BYTES + sectionCount * SECTION_ENTRY_BYTES + HEADER_CRC_BYTES;
  }

  /** Offset in the file of section-table entry {@code i}. */
  public static int entryOffset(int i) {
    return HEADER_FIXED_BYTES + i * SECTION_ENTRY_BYTES;
  }

  /** Offset in the file of the HeaderCrc for {@code sectionCount} sections. */
  public static int headerCrcOffset(int sectionCount) {
    return headerBytes(sectionCount) - HEADER_CRC_BYTES;
  }

  /** Rounds {@code offset} up to the next multiple of {@link #SECTION_ALIGNMENT}. */
  public static long align(long offset) {
    return (offset + SECTION_ALIGNMENT - 1) & -SECTION_ALIGNMENT;
  }
}
