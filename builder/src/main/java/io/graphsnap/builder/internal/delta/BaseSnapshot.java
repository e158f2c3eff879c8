package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.PageCache;
import io.graphsnap.format.snapshot.BitmapListFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.NodeRecordFormat;
import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.NodeFields;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SparseDetailsFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The previous snapshot an incremental build starts from: a {@link GraphSnapshot} for lookups (names, node
 * columns, edges, bitmaps, file table; validated as the reader validates) and the same file mapped a second
 * time for raw, sequential copying of whole sections into the new file. Both mappings, and a descriptor for
 * evicting copied sections from the page cache ({@link #evict}), are owned here and released by {@link
 * #close()}. Single-threaded.
 */
final class BaseSnapshot implements AutoCloseable {
  final GraphSnapshot graph;
  final String resource;
  /** The raw mapping, its header decoded. */
  private final SnapshotFile raw;
  private final MemorySegment file;
  final int nodeCount;
  final int fileCount;
  /**
   * NODE_NAMES as a {@link StringListFormat StringList}: the base's own section, or, when the base's names are
   * front-coded (a compact file, {@link FrontCodedListFormat}), a decoded copy in {@link #decodedNames}.
   */
  final MemorySegment names;
  /** Holds the decoded copies of front-coded names and paths (O(name and path bytes) off the heap), or null. */
  private final Arena decodedNames;
  final MemorySegment nodes;
  final MemorySegment details;
  /**
   * Reads of NODES when they are {@link PackedNodeFormat packed} or {@link BlockedNodeFormat blocked} (and NODE_DETAILS {@link SparseDetailsFormat sparse}):
   * a compact base from format version 7; {@code null} for {@link NodeRecordFormat} records.
   */
  final NodeFields nodeFields;
  private final long presentCount;
  /** FILE_PATHS as a {@link StringListFormat StringList}: the base's section or a decoded copy, as {@link #names}. */
  final MemorySegment filePaths;
  final MemorySegment files;
  /** {@link #files} read in its layout (fixed records, or packed in compact files from version 10). */
  final FileRecordFormat.View fileRecords;
  final MemorySegment bloom;
  final String[] languages;
  private final MemorySegment kindBitmaps;
  private final MemorySegment effectBitmaps;
  private final ImmutableRoaringBitmap[] kindCache;
  private final ImmutableRoaringBitmap[] effectCache;
  private final Path path;
  private PageCache.File pageCache; // opened on first use: describing a snapshot never evicts
  private boolean evictOnClose;

  private BaseSnapshot(GraphSnapshot graph, Path path, SnapshotFile raw) {
    this.graph = graph;
    this.resource = path.toString();
    this.raw = raw;
    this.file = raw.bytes();
    this.path = path;
    this.nodeCount = graph.nodeCount();
    this.fileCount = graph.fileCount();
    if (FrontCodedListFormat.frontCoded(raw.header())) {
      this.decodedNames = Arena.ofShared(); // read by the delta's side thread too
      this.names = decode(section(SectionId.NODE_NAMES), decodedNames);
      this.filePaths = decode(section(SectionId.FILE_PATHS), decodedNames);
    } else {
      this.decodedNames = null;
      this.names = section(SectionId.NODE_NAMES);
      this.filePaths = section(SectionId.FILE_PATHS);
    }
    this.nodes = section(SectionId.NODES);
    this.details = section(SectionId.NODE_DETAILS);
    this.nodeFields = BlockedNodeFormat.blocked(raw.header())
        ? new BlockedNodeFormat.Fields(nodes, PackedNodeFormat.header(nodes), nodeCount)
        : PackedNodeFormat.packed(raw.header()) ? new PackedNodeFormat.Fields(nodes, PackedNodeFormat.header(nodes))
        : null;
    this.presentCount = nodeFields != null ? presentCount(details, nodeCount) : 0;
    this.files = section(SectionId.FILES);
    this.fileRecords = new FileRecordFormat.View(files, fileCount, FileRecordFormat.packed(raw.header()));
    this.bloom = section(SectionId.BLOOM);
    this.languages = strings(section(SectionId.LANGUAGES));
    this.kindBitmaps = section(SectionId.KIND_BITMAPS);
    this.effectBitmaps = section(SectionId.EFFECT_BITMAPS);
    this.kindCache = new ImmutableRoaringBitmap[Math.toIntExact(StringListFormat.count(kindBitmaps))];
    this.effectCache = new ImmutableRoaringBitmap[Math.toIntExact(StringListFormat.count(effectBitmaps))];
  }

  /**
   * Opens and maps {@code path} twice (reader and raw), as the base of an incremental build.
   *
   * @throws IOException if it cannot be opened, or is not a snapshot of the version this builder writes
   */
  static BaseSnapshot open(Path path) throws IOException {
    return open(path, true);
  }

  /**
   * Opens and maps {@code path} twice (reader and raw); with {@code currentVersionOnly} false, any version the
   * reader accepts (for describing a snapshot, not for copying its sections into a new one).
   */
  static BaseSnapshot open(Path path, boolean currentVersionOnly) throws IOException {
    GraphSnapshot graph = GraphSnapshot.open(path);
    SnapshotFile raw = null;
    boolean ok = false;
    try {
      if (currentVersionOnly && graph.formatVersion() != SnapshotFormat.VERSION_CURRENT) {
        throw new IOException("base snapshot " + path + " has format version " + graph.formatVersion()
            + ", this builder writes " + SnapshotFormat.VERSION_CURRENT);
      }
      raw = SnapshotFile.open(path);
      BaseSnapshot base = new BaseSnapshot(graph, path, raw);
      ok = true;
      return base;
    } finally {
      if (!ok) {
        if (raw != null) {
          raw.close();
        }
        graph.close();
      }
    }
  }

  /** The bytes of section {@code id}. */
  MemorySegment section(SectionId id) {
    MemorySegment section = raw.optional(id);
    if (section == null) {
      throw new IllegalStateException("base snapshot " + resource + " has no section " + id);
    }
    return section;
  }

  // ---------------------------------------------------------------- page cache

  /**
   * Evicts bytes {@code [from, to)} of {@code section} (a slice of this file's raw mapping, as {@link #section}
   * returns) from the page cache: the caller has copied them and will not read them again in this build.
   * Best effort; see {@link PageCache}. O(pages).
   */
  void evict(MemorySegment section, long from, long to) {
    if (from >= to || file.asOverlappingSlice(section).isEmpty()) {
      return; // nothing, or not a slice of this mapping (the reader's own mapping of the file is left alone)
    }
    long offset = section.address() - file.address();
    if (offset < 0 || offset + to > file.byteSize()) {
      return;
    }
    pageCache().evict(offset + from, to - from);
  }

  /** The page-cache handle of this file, opened when first needed (it loads native bindings). */
  private PageCache.File pageCache() {
    if (pageCache == null) {
      pageCache = PageCache.open(path, file);
    }
    return pageCache;
  }

  /** Evicts the whole of {@code section}; see {@link #evict(MemorySegment, long, long)}. */
  void evict(MemorySegment section) {
    evict(section, 0, section.byteSize());
  }

  /**
   * Evicts the whole base file once it is closed (the new snapshot replaces it): call after the new file is
   * complete. Not for a build that republishes the base.
   */
  void evictOnClose() {
    pageCache(); // opened while the file is still mapped
    evictOnClose = true;
  }

  // ---------------------------------------------------------------- names

  /**
   * Decodes a front-coded list into a StringList allocated in {@code arena}: two sequential passes (the lengths,
   * then the ends and bytes). O(name bytes).
   */
  private static MemorySegment decode(MemorySegment frontCoded, Arena arena) {
    long count = FrontCodedListFormat.count(frontCoded);
    long[] dataBytes = {0};
    FrontCodedListFormat.forEach(frontCoded, (bytes, length) -> dataBytes[0] += length);
    MemorySegment list = arena.allocate(StringListFormat.sectionBytes(count, dataBytes[0]), Long.BYTES);
    list.set(ValueLayout.JAVA_INT_UNALIGNED, StringListFormat.COUNT, (int) count);
    long[] at = {0, 0}; // item, data offset
    long dataBase = StringListFormat.dataOffset(count);
    list.set(LittleEndian.LONG, StringListFormat.endOffset(0), 0L);
    FrontCodedListFormat.forEach(frontCoded, (bytes, length) -> {
      MemorySegment.copy(bytes, 0, list, LittleEndian.BYTE, dataBase + at[1], length);
      at[1] += length;
      list.set(LittleEndian.LONG, StringListFormat.endOffset(++at[0]), at[1]);
    });
    return list;
  }

  /** Offset in {@link #names} of node {@code id}'s first name byte; {@code nameStart(N)} is the end. */
  long nameStart(int id) {
    return StringListFormat.itemStart(names, nodeCount, id);
  }

  /** The UTF-8 bytes of node {@code id}'s name. */
  byte[] nameBytes(int id) {
    long start = nameStart(id);
    return names.asSlice(start, nameStart(id + 1) - start).toArray(ValueLayout.JAVA_BYTE);
  }

  // ---------------------------------------------------------------- bitmaps

  /**
   * The nodes of base kind {@code kind}, over the raw mapping. Unlike the reader's bitmaps these are not
   * validated (that would cost O(N) per build): the base is this builder's own output, trusted as a copy
   * source is; {@code graphsnap verify} checks it. O(1) after the first call.
   */
  ImmutableRoaringBitmap kindBitmap(int kind) {
    if (kindCache[kind] == null) {
      kindCache[kind] = bitmap(kindBitmaps, kind);
    }
    return kindCache[kind];
  }

  /** The nodes with base effect {@code effect}; see {@link #kindBitmap}. */
  ImmutableRoaringBitmap effectBitmap(int effect) {
    if (effectCache[effect] == null) {
      effectCache[effect] = bitmap(effectBitmaps, effect);
    }
    return effectCache[effect];
  }

  /** The number of base effects. */
  int effectCount() {
    return effectCache.length;
  }

  /** The base effects of node {@code id}, by name. O(effects) bitmap probes. */
  java.util.Set<String> effectsOf(int id, java.util.List<String> effectNames) {
    java.util.Set<String> effects = new java.util.HashSet<>(4);
    for (int e = 0; e < effectCache.length; e++) {
      if (effectBitmap(e).contains(id)) {
        effects.add(effectNames.get(e));
      }
    }
    return effects;
  }

  private static ImmutableRoaringBitmap bitmap(MemorySegment list, int i) {
    MemorySegment item = BitmapListFormat.item(list, i);
    if (item.byteSize() == 0) {
      return new org.roaringbitmap.buffer.MutableRoaringBitmap();
    }
    return new ImmutableRoaringBitmap(item.asByteBuffer());
  }

  // ---------------------------------------------------------------- node records

  int nodeFile(int id) {
    return nodeFields != null ? stored(id, nodeFields.fileId(id)) : NodeRecordFormat.fileId(nodes, id);
  }

  int nodeKind(int id) {
    return nodeFields != null ? stored(id, nodeFields.kindId(id)) : NodeRecordFormat.kindId(nodes, id);
  }

  int nodeFlags(int id) {
    if (nodeFields == null) {
      return NodeRecordFormat.flags(nodes, id);
    }
    int flags = nodeFields.flags(id);
    return stored(id, flags < 0 ? BlockedNodeFormat.Fields.DAMAGED : flags);
  }

  int nodeLineStart(int id) {
    return nodeFields != null ? stored(id, nodeFields.lineStart(id)) : NodeRecordFormat.lineStart(nodes, id);
  }

  int nodeLineEnd(int id) {
    return nodeFields != null ? stored(id, nodeFields.lineEnd(id)) : NodeRecordFormat.lineEnd(nodes, id);
  }

  /**
   * A field of node {@code id} read from packed or blocked NODES, as an int: a damaged block's read (a value outside
   * the int range, such as {@link BlockedNodeFormat.Fields#DAMAGED}) is refused, never carried into the new
   * snapshot.
   *
   * @throws CorruptSnapshotException naming the base and NODES
   */
  private int stored(int id, long value) {
    if (value != (int) value) {
      throw new CorruptSnapshotException(resource, SectionId.NODES.name(), 0, "node " + id + " of the base reads "
          + value + ": its block is damaged; rebuild with --full");
    }
    return (int) value;
  }

  // ---------------------------------------------------------------- details

  /**
   * Node {@code id}'s NODE_DETAILS entry as {@link NodeDetailsFormat} has it, copied: from a sparse section, an absent
   * entry is the empty one of an external node and the empty symbol entry of any other.
   */
  byte[] detailBytes(int id) {
    long start;
    long end;
    if (nodeFields != null) {
      long i = SparseDetailsFormat.entryIndex(details, id);
      if (i < 0) {
        return (nodeFlags(id) & NodeRecordFormat.FLAG_EXTERNAL) != 0 ? new byte[0]
            : NodeDetailsFormat.emptySymbolEntry();
      }
      long data = SparseDetailsFormat.dataOffset(nodeCount, presentCount);
      start = data + SparseDetailsFormat.end(details, nodeCount, i);
      end = data + SparseDetailsFormat.end(details, nodeCount, i + 1);
    } else {
      start = NodeDetailsFormat.dataOffset(nodeCount) + NodeDetailsFormat.end(details, id);
      end = NodeDetailsFormat.dataOffset(nodeCount) + NodeDetailsFormat.end(details, id + 1);
    }
    return details.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE);
  }

  /** P, the present entries of a sparse NODE_DETAILS (0 when it is not sparse). */
  private static long presentCount(MemorySegment details, int nodeCount) {
    long b = SparseDetailsFormat.blockCount(nodeCount) - 1;
    return b < 0 ? 0 : SparseDetailsFormat.rank(details, b) + Long.bitCount(SparseDetailsFormat.present(details, b));
  }

  // ---------------------------------------------------------------- files

  /** Offset in {@link #filePaths} of file {@code id}'s first path byte; {@code pathStart(F)} is the end. */
  long pathStart(int id) {
    return StringListFormat.itemStart(filePaths, fileCount, id);
  }

  int fileLanguageId(int id) {
    return fileRecords.languageId(id);
  }

  int fileSymbolCount(int id) {
    return fileRecords.symbolCount(id);
  }

  /** The first file id whose path is not below {@code path} in code-point order: its insertion point. O(log F). */
  int filePathLowerBound(byte[] path) {
    return lowerBound(filePaths, fileCount, path);
  }

  /** The first node id whose name is not below {@code utf8}: its insertion point. O(log N). */
  int nameLowerBound(byte[] utf8) {
    return lowerBound(names, nodeCount, utf8);
  }

  private static int lowerBound(MemorySegment list, int count, byte[] key) {
    MemorySegment k = MemorySegment.ofArray(key);
    int lo = 0;
    int hi = count;
    long data = StringListFormat.dataOffset(count);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      long start = data + StringListFormat.end(list, mid);
      long end = data + StringListFormat.end(list, mid + 1);
      if (compare(list, start, end, k) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Compares list bytes [start, end) with {@code key} as unsigned bytes. */
  private static int compare(MemorySegment list, long start, long end, MemorySegment key) {
    long len = end - start;
    long mismatch = MemorySegment.mismatch(list, start, end, key, 0, key.byteSize());
    if (mismatch < 0) {
      return 0;
    }
    if (mismatch == len) {
      return -1;
    }
    if (mismatch == key.byteSize()) {
      return 1;
    }
    return Integer.compare(Byte.toUnsignedInt(list.get(ValueLayout.JAVA_BYTE, start + mismatch)),
        Byte.toUnsignedInt(key.get(ValueLayout.JAVA_BYTE, mismatch)));
  }

  /** Decodes a whole StringList section. */
  static String[] strings(MemorySegment list) {
    return StringListFormat.decodeAll(list);
  }

  @Override
  public void close() {
    try {
      raw.close();
    } finally {
      try {
        graph.close();
      } finally {
        if (decodedNames != null) {
          decodedNames.close();
        }
        if (pageCache != null) {
          if (evictOnClose) {
            pageCache.evictUnmapped();
          }
          pageCache.close();
        }
      }
    }
  }
}
