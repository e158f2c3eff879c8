package io.graphsnap.reader;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.bloom.InvalidBloomException;
import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.StringListFormat;
import io.graphsnap.reader.internal.BitmapListView;
import io.graphsnap.reader.internal.CallSitesView;
import io.graphsnap.reader.internal.ChecksumVerifier;
import io.graphsnap.reader.internal.DetailsReader;
import io.graphsnap.reader.internal.Dictionary;
import io.graphsnap.reader.internal.FileSymbolsView;
import io.graphsnap.reader.internal.FileTable;
import io.graphsnap.reader.internal.NameIndexView;
import io.graphsnap.reader.internal.NameTrigramsView;
import io.graphsnap.reader.internal.NodeTable;
import io.graphsnap.reader.internal.Section;
import io.graphsnap.reader.internal.SectionTable;
import io.graphsnap.reader.internal.SortedStrings;
import io.graphsnap.reader.internal.StringListView;
import io.graphsnap.reader.internal.StructureVerifier;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The views over every section of one mapped snapshot, built with the checks {@link GraphSnapshot}
 * documents under "What open checks" (O(sections + dictionaries)), and {@link #verify()}. Immutable apart
 * from two idempotent caches; thread-safe. Does not own the memory: the {@link GraphSnapshot} does.
 */
final class MappedSnapshot {
  final String resource;
  final MemorySegment file;
  final SnapshotHeader header;
  final SortedStrings names;
  final NodeTable nodes;
  final Dictionary kinds;
  final Dictionary effects;
  final Dictionary edgeTypes;
  final long[] edgeTypeCounts;
  /** Which adjacency the file holds ({@link CompactCsrFormat#layoutOf}). */
  final CompactCsrFormat.Layout layout;
  final CsrView forward;
  final CsrView reverse;
  final BitmapListView kindBitmaps;
  final BitmapListView effectBitmaps;
  final BloomView bloom;
  /** The hash index over names, or {@code null} when the file has none (format version 1). */
  final NameIndexView nameIndex;
  /** The search index over names, or {@code null} when the file has none (format versions 1 and 2). */
  final NameTrigramsView nameTrigrams;
  /** Whether the Bloom filter hashes with the index's seed, so a lookup can give it the index's hash. */
  final boolean bloomTakesIndexHash;
  /**
   * Whether a lookup asks the Bloom filter before the name index: with the packed index of a version-7 compact file
   * (short fingerprints make an index miss compare names), when the filter takes the index's hash.
   */
  final boolean bloomFirst;
  final FileTable files;
  /** Each file's nodes in line order, or {@code null} when the file has none (format version 2 and older). */
  final FileSymbolsView fileSymbols;
  final DetailsReader details;
  /** The lines where edges occur, or {@code null} when the file has none (format version 3 and older). */
  final CallSitesView callSites;
  private final SectionTable sections;
  private final StringListView buildInfoList;
  private final StringListView conflictList;
  private volatile Map<String, String> buildInfo;
  private volatile List<Conflict> conflicts;

  /** Decodes the header of {@code file} and opens every section view, checking as documented. */
  MappedSnapshot(String resource, MemorySegment file) {
    this.resource = resource;
    this.file = file;
    this.header = SnapshotHeader.decode(file, resource);
    SectionTable table = new SectionTable(resource, file, header);
    this.sections = table;
    boolean frontCoded = FrontCodedListFormat.frontCoded(header);
    this.names = SortedStrings.open(table.required(SectionId.NODE_NAMES), frontCoded, "node names");
    int n = names.count();
    this.kinds = Dictionary.open(table.required(SectionId.KINDS), SnapshotFormat.MAX_KINDS, "kinds");
    this.effects = Dictionary.open(table.required(SectionId.EFFECTS), Integer.MAX_VALUE, "effects");
    this.edgeTypes = Dictionary.open(table.required(SectionId.EDGE_TYPES), SnapshotFormat.MAX_EDGE_TYPES, "edge types");
    Dictionary languages = Dictionary.open(table.required(SectionId.LANGUAGES), Integer.MAX_VALUE, "languages");
    SortedStrings paths = SortedStrings.open(table.required(SectionId.FILE_PATHS), frontCoded, "file paths");
    this.files = new FileTable(paths, table.required(SectionId.FILES), languages.names().toArray(String[]::new),
        FileRecordFormat.packed(header));
    boolean packed = PackedNodeFormat.packed(header);
    this.nodes = NodeTable.open(table.required(SectionId.NODES), packed, BlockedNodeFormat.blocked(header), n,
        kinds.size(), files.count());
    int t = edgeTypes.size();
    this.layout = CompactCsrFormat.layoutOf(header);
    for (SectionId absent : layout.absent()) {
      if (table.optional(absent) != null) {
        throw table.optional(absent).corrupt(0, "a file with the " + layout.label() + " adjacency holds a section"
            + " of the other layout: actual=present vs expected=absent");
      }
    }
    if (layout == CompactCsrFormat.Layout.COMPACT) {
      CompactCsrFormat.RowCoding coding = CompactCsrFormat.RowCoding.of(header.formatVersion());
      this.forward = CsrView.openCompact(resource, false, table.required(SectionId.COMPACT_FORWARD_INDEX),
          table.required(SectionId.COMPACT_FORWARD_ROWS), n, -1, t, coding);
      this.reverse = CsrView.openCompact(resource, true, table.required(SectionId.COMPACT_REVERSE_INDEX),
          table.required(SectionId.COMPACT_REVERSE_ROWS), n, forward.edgeCount(), t, coding);
    } else {
      this.forward = CsrView.open(resource, false, table.required(SectionId.FORWARD_OFFSETS),
          table.required(SectionId.FORWARD_TARGETS), table.required(SectionId.FORWARD_TYPES), n, -1, t);
      this.reverse = CsrView.open(resource, true, table.required(SectionId.REVERSE_OFFSETS),
          table.required(SectionId.REVERSE_SOURCES), table.required(SectionId.REVERSE_TYPES), n,
          forward.edgeCount(), t);
    }
    long e = forward.edgeCount();
    this.edgeTypeCounts = readEdgeTypeCounts(table.required(SectionId.EDGE_TYPE_COUNTS), t, e);
    this.kindBitmaps = BitmapListView.open(table.required(SectionId.KIND_BITMAPS), kinds.size(), "K", n);
    this.effectBitmaps = BitmapListView.open(table.required(SectionId.EFFECT_BITMAPS), effects.size(), "X", n);
    this.bloom = wrapBloom(table.required(SectionId.BLOOM));
    Section index = table.optional(SectionId.NAME_INDEX);
    this.nameIndex = index == null ? null : NameIndexView.open(index, packed, n);
    Section trigrams = table.optional(SectionId.NAME_TRIGRAMS);
    this.nameTrigrams = trigrams == null ? null : NameTrigramsView.open(trigrams, n);
    this.bloomTakesIndexHash = nameIndex != null && bloom.seed() == NameIndexFormat.HASH_SEED;
    this.bloomFirst = bloomTakesIndexHash && packed;
    this.details = DetailsReader.open(table.required(SectionId.NODE_DETAILS), packed, n);
    Section symbols = table.optional(SectionId.FILE_SYMBOLS);
    this.fileSymbols = symbols == null ? null : FileSymbolsView.open(symbols, packed, files.count(), n);
    Section sites = table.optional(SectionId.CALL_SITES);
    this.callSites = sites == null ? null : CallSitesView.open(sites, n);
    this.buildInfoList = openGrouped(table.optional(SectionId.BUILD_INFO), StringListFormat.BUILD_INFO_GROUP,
        "key/value pairs");
    this.conflictList = openGrouped(table.optional(SectionId.CONFLICTS), StringListFormat.CONFLICT_GROUP,
        "(name, kept, dropped) triples");
  }

  /**
   * Checks every CRC, the padding and every structural invariant; see {@link GraphSnapshot#verify()}. The
   * checks run section by section, in id order, each named by {@link #verifier}.
   */
  void verify() {
    ChecksumVerifier.verify(resource, file, header);
    StructureVerifier structure = new StructureVerifier(names, nodes, kinds, files, kindBitmaps, effectBitmaps,
        bloom, sections.required(SectionId.BLOOM), details, buildInfoList, conflictList);
    long[] edgeSetHash = new long[1];
    for (SectionId id : SectionId.values()) {
      verifier(id, structure, edgeSetHash).run();
    }
  }

  /**
   * What {@link #verify} checks for section {@code id}, beyond its CRC: a switch over every section, so a new
   * one does not compile until it says how it is verified. Sections checked in full at open, or together with
   * another section, say so and do nothing here.
   */
  private Runnable verifier(SectionId id, StructureVerifier structure, long[] edgeSetHash) {
    Section counts = sections.required(SectionId.EDGE_TYPE_COUNTS);
    return switch (id) {
      case BUILD_INFO -> structure::verifyBuildInfo;
      case NODE_NAMES -> structure::verifyNames;
      case NODES -> structure::verifyNodes;
      // Dictionaries are checked in full (UTF-8, strictly increasing, size) when they are opened.
      case KINDS, EFFECTS, EDGE_TYPES, LANGUAGES -> () -> { };
      // Checked at open against E; per type by each direction's check below.
      case EDGE_TYPE_COUNTS -> () -> { };
      // Either layout's adjacency is checked here, before the sections that refer to its rows (CALL_SITES).
      case FORWARD_OFFSETS -> () -> edgeSetHash[0] = CsrVerifier.verify(forward, edgeTypeCounts, counts);
      case REVERSE_OFFSETS -> () -> {
        long reverseHash = CsrVerifier.verify(reverse, edgeTypeCounts, counts);
        if (reverseHash != edgeSetHash[0]) {
          throw sections.required(layout == CompactCsrFormat.Layout.COMPACT ? SectionId.COMPACT_REVERSE_ROWS
              : SectionId.REVERSE_SOURCES).corrupt(0, String.format(
              "the reverse CSR is not the transpose of the forward CSR: edge-set hash actual=%016x vs expected=%016x",
              reverseHash, edgeSetHash[0]));
        }
      };
      // Checked with their direction above.
      case COMPACT_FORWARD_INDEX, COMPACT_REVERSE_INDEX -> () -> { };
      case FORWARD_TARGETS, FORWARD_TYPES, REVERSE_SOURCES, REVERSE_TYPES, COMPACT_FORWARD_ROWS,
          COMPACT_REVERSE_ROWS -> () -> { };
      case KIND_BITMAPS -> structure::verifyKindBitmaps;
      case EFFECT_BITMAPS -> structure::verifyEffectBitmaps;
      case BLOOM -> structure::verifyBloom;
      case FILE_PATHS -> structure::verifyFiles;
      // Checked with FILE_PATHS (one record per path, language ids, counts).
      case FILES -> () -> { };
      case NODE_DETAILS -> structure::verifyDetails;
      case CONFLICTS -> structure::verifyConflicts;
      case NAME_INDEX -> () -> {
        if (nameIndex != null) {
          nameIndex.verify(names);
        }
      };
      case FILE_SYMBOLS -> () -> {
        if (fileSymbols != null) {
          fileSymbols.verify(nodes);
        }
      };
      case NAME_TRIGRAMS -> () -> {
        if (nameTrigrams != null) {
          nameTrigrams.verify(names);
        }
      };
      case CALL_SITES -> () -> {
        if (callSites != null) {
          callSites.verify(forward, nodes);
        }
      };
    };
  }

  /** The build metadata, decoded at first use. */
  Map<String, String> buildInfo() {
    Map<String, String> info = buildInfo;
    if (info == null) {
      TreeMap<String, String> map = new TreeMap<>();
      if (buildInfoList != null) {
        for (int i = 0; i + 1 < buildInfoList.count(); i += StringListFormat.BUILD_INFO_GROUP) {
          String key = buildInfoList.get(i);
          if (map.put(key, buildInfoList.get(i + 1)) != null) {
            throw buildInfoList.ends().section().corrupt(StringListFormat.endOffset(i), "build-info key repeats: \"" + key + "\"");
          }
        }
      }
      info = Collections.unmodifiableMap(map);
      buildInfo = info;
    }
    return info;
  }

  /** The conflicts, decoded at first use. */
  List<Conflict> conflicts() {
    List<Conflict> list = conflicts;
    if (list == null) {
      List<Conflict> decoded = new ArrayList<>();
      if (conflictList != null) {
        for (int i = 0; i + 2 < conflictList.count(); i += StringListFormat.CONFLICT_GROUP) {
          decoded.add(new Conflict(conflictList.get(i), conflictList.get(i + 1), conflictList.get(i + 2)));
        }
      }
      list = Collections.unmodifiableList(decoded);
      conflicts = list;
    }
    return list;
  }

  private static long[] readEdgeTypeCounts(Section section, int typeCount, long edgeCount) {
    section.requireLength(CsrFormat.typeCountsBytes(typeCount), typeCount + " counts of " + CsrFormat.COUNT_BYTES
        + " bytes");
    long[] counts = new long[typeCount];
    long sum = 0;
    for (int t = 0; t < typeCount; t++) {
      long c = CsrFormat.typeCount(section.bytes(), t);
      if (c < 0 || c > edgeCount - sum) {
        throw section.corrupt(CsrFormat.typeCountAt(t), "edge count of type " + t + " out of range: actual=" + c + " vs expected in [0, "
            + (edgeCount - sum) + "]");
      }
      counts[t] = c;
      sum += c;
    }
    if (sum != edgeCount) {
      throw section.corrupt(0, "edge-type counts do not sum to the edge count: actual=" + sum + " vs expected="
          + edgeCount);
    }
    return counts;
  }

  private static BloomView wrapBloom(Section section) {
    try {
      return BloomView.wrap(section.bytes());
    } catch (InvalidBloomException e) {
      throw section.corrupt(0, e.getMessage());
    }
  }

  private static StringListView openGrouped(Section section, int group, String what) {
    if (section == null) {
      return null;
    }
    StringListView list = StringListView.open(section);
    if (list.count() % group != 0) {
      throw section.corrupt(0, "count is not a multiple of " + group + ": actual=" + list.count() + " vs expected "
          + what);
    }
    return list;
  }
}
