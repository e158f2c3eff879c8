package io.graphsnap.reader;

import static io.graphsnap.reader.internal.Layouts.LONG;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.bloom.InvalidBloomException;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.format.snapshot.UnsupportedFormatVersionException;
import io.graphsnap.reader.internal.BitmapListView;
import io.graphsnap.reader.internal.ChecksumVerifier;
import io.graphsnap.reader.internal.Closing;
import io.graphsnap.reader.internal.DetailsReader;
import io.graphsnap.reader.internal.Dictionary;
import io.graphsnap.reader.internal.FileTable;
import io.graphsnap.reader.internal.NodeTable;
import io.graphsnap.reader.internal.Section;
import io.graphsnap.reader.internal.SectionTable;
import io.graphsnap.reader.internal.StringListView;
import io.graphsnap.reader.internal.StructureVerifier;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A snapshot file memory-mapped and served in place: node lookup by name, node columns, neighbours in both
 * directions, kind/effect/relation/prefix queries, and on-demand verification. Reads never copy or parse
 * the file: open is O(sections) plus the small dictionaries, not O(size).
 *
 * <h2>What {@link #open} checks</h2>
 * All in O(sections + T + K + X + L) (edge types, kinds, effects, languages), reading only headers and
 * dictionaries:
 * <ul>
 *   <li>the header ({@link SnapshotHeader#decode}): magic, format version (else
 *       {@link UnsupportedFormatVersionException} with the version found and the supported range), header
 *       CRC32C, file length, every section aligned, inside the file, in order, ids increasing;
 *   <li>every required section is present (all of format version 1 except BUILD_INFO and CONFLICTS, which may
 *       be absent and then read as empty);
 *   <li>every section's length is exactly what its counts imply: NODES = 16·N, EDGE_TYPE_COUNTS = 8·T,
 *       FORWARD/REVERSE_OFFSETS = 8·(N+1), targets/sources = 4·E, types = E, FILES = 72·F; each StringList and
 *       BitmapList header fits its section with {@code Ends[0] = 0} and {@code Ends[Count]} = its data length;
 *       NODE_DETAILS' Ends likewise; KIND_BITMAPS holds K bitmaps, EFFECT_BITMAPS X; FILE_PATHS and FILES
 *       agree on F;
 *   <li>{@code Offsets[0] = 0} and {@code Offsets[N] = E} in both CSRs (the same E); the edge-type counts are
 *       non-negative and sum to E; T ≤ 255, K ≤ 65 535;
 *   <li>the dictionaries (EDGE_TYPES, KINDS, EFFECTS, LANGUAGES) are well-formed UTF-8, strictly increasing
 *       and decoded to strings; BUILD_INFO has an even count, CONFLICTS a multiple of three;
 *   <li>the Bloom filter's header and length ({@link BloomView#wrap}).
 * </ul>
 *
 * <h2>What is checked on use</h2>
 * Cheap checks on every access make a structurally invalid file fail with {@link CorruptSnapshotException}
 * instead of reading out of bounds or returning an id out of range: each string's ends lie within its list;
 * node kind ids are below K and file ids in [-1, F); file language ids below L; cursor offsets satisfy
 * {@code 0 <= Offsets[v] <= Offsets[v+1] <= E}; neighbour ids are below N and type ids below T; a typed
 * cursor's edges have its type; each bitmap is fully validated (containers, size, values below N) at its
 * first use; each details entry is decoded with bounds checks. Caller errors (an id outside its range)
 * throw {@link IndexOutOfBoundsException}.
 *
 * <h2>What only {@link #verify} checks</h2>
 * The CRC32C of the header and of every section, zero padding, and in O(N + E) the invariants open does not
 * read: CSR offsets monotonic, every neighbour below N and type below T, edges of each node strictly
 * increasing by (type, neighbour), per-type counts equal to EDGE_TYPE_COUNTS in both directions, the reverse
 * CSR the transpose of the forward one; every StringList's ends monotonic and its strings well-formed UTF-8;
 * node names, paths and dictionaries strictly increasing; node kind ids, file ids and flags valid, external
 * nodes without file, of kind {@code external}, with no details; every bitmap valid, kind bitmaps
 * partitioning the nodes by their kind ids; every name in the Bloom filter; every details entry decodable.
 * A file that passes open but would fail verify (a flipped byte that breaks no checked structure) can make
 * the reader return wrong answers: a name lookup may miss when names are out of order or the Bloom filter
 * lacks a name; a string may decode with replacement characters; columns, lines, details and bitmaps may
 * carry wrong values; on edges not sorted by type a typed cursor may miss edges (it never returns an edge of
 * another type: it throws {@link CorruptSnapshotException}); a reverse CSR that is not the transpose of the
 * forward one answers in-edge queries wrongly.
 * It can never make the reader read outside the file, loop forever, allocate more than the file's size
 * justifies, or throw anything but {@link CorruptSnapshotException}. Run {@link #verify} on files you did not
 * write.
 *
 * <h2>Thread safety and memory</h2>
 * Immutable and thread-safe: any number of threads may query one snapshot concurrently (caches of validated
 * bitmaps and decoded build metadata are filled racily but idempotently). {@link EdgeCursor}s have a position
 * and belong to one thread. The snapshot owns a shared {@link Arena} holding the mapping; every
 * {@link MemorySegment}, {@link CsrView}, {@link EdgeCursor} and {@link ImmutableRoaringBitmap} obtained from it
 * reads that memory and must not be used after {@link #close()}, which unmaps the file: the snapshot's
 * methods, views and cursors then throw {@link AlreadyClosedException}; a bitmap's own methods throw
 * {@link IllegalStateException}. Strings, lists, maps and records returned are copies on the heap and stay
 * valid.
 */
public final class GraphSnapshot implements AutoCloseable {
  private final Path path;
  private final String resource;
  private final Arena arena;
  private final MemorySegment file;
  private final SnapshotHeader header;
  private final SectionTable sections;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final StringListView names;
  private final NodeTable nodes;
  private final Dictionary kinds;
  private final Dictionary effects;
  private final Dictionary edgeTypes;
  private final long[] edgeTypeCounts;
  private final CsrView forward;
  private final CsrView reverse;
  private final BitmapListView kindBitmaps;
  private final BitmapListView effectBitmaps;
  private final BloomView bloom;
  private final FileTable files;
  private final DetailsReader details;
  private final StringListView buildInfoList;
  private final StringListView conflictList;
  private volatile Map<String, String> buildInfo;
  private volatile List<Conflict> conflicts;

  private GraphSnapshot(Path path, String resource, Arena arena, MemorySegment file) {
    this.path = path;
    this.resource = resource;
    this.arena = arena;
    this.file = file;
    this.header = SnapshotHeader.decode(file, resource);
    SectionTable table = new SectionTable(resource, file, header);
    this.sections = table;
    this.names = StringListView.open(table.required(SectionId.NODE_NAMES));
    int n = names.count();
    this.kinds = Dictionary.open(table.required(SectionId.KINDS), SnapshotFormat.MAX_KINDS, "kinds");
    this.effects = Dictionary.open(table.required(SectionId.EFFECTS), Integer.MAX_VALUE, "effects");
    this.edgeTypes = Dictionary.open(table.required(SectionId.EDGE_TYPES), SnapshotFormat.MAX_EDGE_TYPES, "edge types");
    Dictionary languages = Dictionary.open(table.required(SectionId.LANGUAGES), Integer.MAX_VALUE, "languages");
    StringListView paths = StringListView.open(table.required(SectionId.FILE_PATHS));
    this.files = new FileTable(paths, table.required(SectionId.FILES), languages.names().toArray(String[]::new));
    this.nodes = new NodeTable(table.required(SectionId.NODES), n, kinds.size(), files.count());
    int t = edgeTypes.size();
    this.forward = CsrView.open(resource, false, table.required(SectionId.FORWARD_OFFSETS),
        table.required(SectionId.FORWARD_TARGETS), table.required(SectionId.FORWARD_TYPES), n, -1, t);
    long e = forward.edgeCount();
    this.reverse = CsrView.open(resource, true, table.required(SectionId.REVERSE_OFFSETS),
        table.required(SectionId.REVERSE_SOURCES), table.required(SectionId.REVERSE_TYPES), n, e, t);
    this.edgeTypeCounts = readEdgeTypeCounts(table.required(SectionId.EDGE_TYPE_COUNTS), t, e);
    this.kindBitmaps = BitmapListView.open(table.required(SectionId.KIND_BITMAPS), kinds.size(), "K", n);
    this.effectBitmaps = BitmapListView.open(table.required(SectionId.EFFECT_BITMAPS), effects.size(), "X", n);
    this.bloom = wrapBloom(table.required(SectionId.BLOOM));
    this.details = new DetailsReader(table.required(SectionId.NODE_DETAILS), n);
    this.buildInfoList = openGrouped(table.optional(SectionId.BUILD_INFO), 2, "key/value pairs");
    this.conflictList = openGrouped(table.optional(SectionId.CONFLICTS), 3, "(name, kept, dropped) triples");
  }

  /**
   * Maps {@code file} read-only into a new shared arena owned by the snapshot and checks what the class
   * documentation lists under "What open checks". O(sections + dictionaries); no 2 GiB limit. On any
   * failure the mapping is released before the exception propagates.
   *
   * @throws IOException if the file cannot be opened or mapped (the message names it)
   * @throws UnsupportedFormatVersionException if its format version is outside what this code reads
   * @throws CorruptSnapshotException if it is not a structurally valid snapshot (section, offset, actual vs
   *     expected in the message)
   */
  public static GraphSnapshot open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String resource = file.toString();
    Arena arena = Arena.ofShared();
    boolean success = false;
    try {
      MemorySegment mapped;
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      } catch (IOException | UnsupportedOperationException e) {
        throw new IOException("cannot map snapshot " + resource + ": " + e.getMessage(), e);
      }
      GraphSnapshot snapshot = new GraphSnapshot(file, resource, arena, mapped);
      success = true;
      return snapshot;
    } finally {
      if (!success) {
        arena.close();
      }
    }
  }

  /** Unmaps the file. Idempotent. Using the snapshot or anything read from its memory afterwards throws {@link AlreadyClosedException}. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      arena.close();
    }
  }

  // ---------------------------------------------------------------- counts

  /** The file this snapshot maps. */
  public Path path() {
    return path;
  }

  /** N, the number of nodes; ids are [0, N). */
  public int nodeCount() {
    ensureOpen();
    return names.count();
  }

  /** E, the number of distinct edges. */
  public long edgeCount() {
    ensureOpen();
    return forward.edgeCount();
  }

  /** F, the number of files; file ids are [0, F). */
  public int fileCount() {
    ensureOpen();
    return files.count();
  }

  /** The file's size in bytes. */
  public long byteSize() {
    ensureOpen();
    return file.byteSize();
  }

  /** The format version written in the file. */
  public int formatVersion() {
    ensureOpen();
    return header.formatVersion();
  }

  // ---------------------------------------------------------------- lookup

  /**
   * The id of the node named {@code name}, or -1. Encodes the name to UTF-8 once, asks the Bloom filter
   * (absent: -1 without touching the names), then binary-searches the sorted names comparing bytes in place.
   * O(log N) probes, no allocation beyond the encoding.
   */
  public int node(String name) {
    return node(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The id of the node whose UTF-8 name is {@code utf8}, or -1; see {@link #node(String)}. */
  public int node(byte[] utf8) {
    ensureOpen();
    try {
      if (!bloom.mightContain(utf8, 0, utf8.length)) {
        return -1;
      }
      return names.find(MemorySegment.ofArray(utf8));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The contiguous range of node ids whose names start with {@code prefix} (all nodes for the empty prefix),
   * by two binary searches. O(log N).
   */
  public IdRange withPrefix(String prefix) {
    ensureOpen();
    MemorySegment key = MemorySegment.ofArray(prefix.getBytes(StandardCharsets.UTF_8));
    try {
      int start = names.lowerBound(key);
      int end = names.prefixEnd(start, key);
      return new IdRange(start, end);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- node columns

  /** Node {@code id}'s fully qualified name. O(length). */
  public String name(int id) {
    checkNode(id);
    try {
      return names.get(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s kind id, in [0, K). O(1). */
  public int kindId(int id) {
    checkNode(id);
    try {
      return nodes.kindId(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s kind. O(1). */
  public String kind(int id) {
    return kinds.name(kindId(id));
  }

  /** Node {@code id}'s file id in [0, F), or -1 if it has no file (external nodes). O(1). */
  public int fileId(int id) {
    checkNode(id);
    try {
      return nodes.fileId(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The path of node {@code id}'s defining file, or {@code null} if it has none. */
  public String file(int id) {
    int f = fileId(id);
    return f < 0 ? null : filePath(f);
  }

  /** Node {@code id}'s first line. O(1). */
  public int lineStart(int id) {
    checkNode(id);
    try {
      return nodes.lineStart(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s last line. O(1). */
  public int lineEnd(int id) {
    checkNode(id);
    try {
      return nodes.lineEnd(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Whether node {@code id} is external (a target no file defines). O(1). */
  public boolean isExternal(int id) {
    return (flags(id) & SnapshotFormat.NODE_FLAG_EXTERNAL) != 0;
  }

  /** Whether node {@code id} is a namespace merged from several files. O(1). */
  public boolean isMerged(int id) {
    return (flags(id) & SnapshotFormat.NODE_FLAG_MERGED) != 0;
  }

  /** Node {@code id}'s effects, sorted. O(X) bitmap probes. */
  public List<String> effects(int id) {
    checkNode(id);
    List<String> result = new ArrayList<>(2);
    try {
      for (int x = 0; x < effects.size(); x++) {
        if (effectBitmaps.get(x).contains(id)) {
          result.add(effects.name(x));
        }
      }
    } catch (IllegalStateException e) {
      throw closed(e);
    }
    return Collections.unmodifiableList(result);
  }

  /** Node {@code id}'s content hash, notes and metadata, decoded from NODE_DETAILS on demand. O(entry bytes). */
  public NodeDetails details(int id) {
    checkNode(id);
    try {
      return details.read(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- dictionaries

  /** The edge-type names, sorted; type id = index. */
  public List<String> edgeTypes() {
    ensureOpen();
    return edgeTypes.names();
  }

  /** The id of edge type {@code type}, or -1 if the snapshot has no such type. O(1). */
  public int edgeTypeId(String type) {
    ensureOpen();
    return edgeTypes.id(type);
  }

  /** The number of edges of type {@code typeId}. O(1). */
  public long edgeCount(int typeId) {
    ensureOpen();
    Objects.checkIndex(typeId, edgeTypeCounts.length);
    return edgeTypeCounts[typeId];
  }

  /** The kind names, sorted; kind id = index. */
  public List<String> kinds() {
    ensureOpen();
    return kinds.names();
  }

  /** The id of kind {@code kind}, or -1. O(1). */
  public int kindId(String kind) {
    ensureOpen();
    return kinds.id(kind);
  }

  /** The effect names, sorted; effect id = index. */
  public List<String> effectNames() {
    ensureOpen();
    return effects.names();
  }

  /** The id of effect {@code effect}, or -1. O(1). */
  public int effectId(String effect) {
    ensureOpen();
    return effects.id(effect);
  }

  /** The build metadata (tool version, counts; no timestamps), sorted by key; empty if the file has none. */
  public Map<String, String> buildInfo() {
    ensureOpen();
    Map<String, String> info = buildInfo;
    if (info == null) {
      try {
        info = decodeBuildInfo();
      } catch (IllegalStateException e) {
        throw closed(e);
      }
      buildInfo = info;
    }
    return info;
  }

  /** The name conflicts the build resolved (name, kept path, dropped path), sorted by name then dropped path. */
  public List<Conflict> conflicts() {
    ensureOpen();
    List<Conflict> list = conflicts;
    if (list == null) {
      try {
        list = decodeConflicts();
      } catch (IllegalStateException e) {
        throw closed(e);
      }
      conflicts = list;
    }
    return list;
  }

  // ---------------------------------------------------------------- file table

  /** File {@code fileId}'s repository-relative path. */
  public String filePath(int fileId) {
    checkFile(fileId);
    try {
      return files.path(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The id of the file at {@code path}, or -1. O(log F). */
  public int fileId(String path) {
    ensureOpen();
    try {
      return files.paths().find(MemorySegment.ofArray(path.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The SHA-256 of file {@code fileId}'s source bytes (a new 32-byte array), or {@code null} when unknown. */
  public byte[] fileSourceSha256(int fileId) {
    checkFile(fileId);
    try {
      return files.sourceSha256(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The id (64 lowercase hex digits) of the loose object file {@code fileId} was built from. */
  public String fileObjectId(int fileId) {
    checkFile(fileId);
    try {
      return Hex.of(files.objectId(fileId));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** File {@code fileId}'s language tag. */
  public String fileLanguage(int fileId) {
    checkFile(fileId);
    try {
      return files.language(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The number of symbols file {@code fileId} defined. */
  public int fileSymbolCount(int fileId) {
    checkFile(fileId);
    try {
      return files.symbolCount(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- neighbours

  /** The forward CSR (out-edges); see {@link CsrView} for its checks and ownership. */
  public CsrView forward() {
    ensureOpen();
    return forward;
  }

  /** The reverse CSR (in-edges); see {@link CsrView} for its checks and ownership. */
  public CsrView reverse() {
    ensureOpen();
    return reverse;
  }

  /** A new cursor over node {@code id}'s out-edges, in (type, target) order. O(1). */
  public EdgeCursor out(int id) {
    ensureOpen();
    return forward.cursor(id);
  }

  /** A new cursor over node {@code id}'s out-edges of type {@code typeId}. O(log out-degree). */
  public EdgeCursor out(int id, int typeId) {
    ensureOpen();
    return forward.cursor(id, typeId);
  }

  /** A new cursor over node {@code id}'s in-edges, in (type, source) order. O(1). */
  public EdgeCursor in(int id) {
    ensureOpen();
    return reverse.cursor(id);
  }

  /** A new cursor over node {@code id}'s in-edges of type {@code typeId}. O(log in-degree). */
  public EdgeCursor in(int id, int typeId) {
    ensureOpen();
    return reverse.cursor(id, typeId);
  }

  /** Node {@code id}'s number of out-edges. O(1). */
  public int outDegree(int id) {
    ensureOpen();
    return forward.degree(id);
  }

  /** Node {@code id}'s number of in-edges. O(1). */
  public int inDegree(int id) {
    ensureOpen();
    return reverse.degree(id);
  }

  // ---------------------------------------------------------------- queries

  /**
   * The nodes of kind {@code kind}, as a bitmap over the mapped bytes (validated at its first use, then
   * O(1)); empty for an unknown kind. The bitmap reads the snapshot's memory: do not use it after close.
   */
  public ImmutableRoaringBitmap ofKind(String kind) {
    ensureOpen();
    int k = kinds.id(kind);
    if (k < 0) {
      return BitmapListView.empty();
    }
    try {
      return kindBitmaps.get(k);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The nodes with effect {@code effect}; like {@link #ofKind}. */
  public ImmutableRoaringBitmap withEffect(String effect) {
    ensureOpen();
    int x = effects.id(effect);
    if (x < 0) {
      return BitmapListView.empty();
    }
    try {
      return effectBitmaps.get(x);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The nodes with an edge of type {@code type} to the node named {@code target} (the Covenant spec's
   * {@code query_by_relation}), read from the reverse CSR; empty if either is unknown. A new heap bitmap.
   * O(log N + matches).
   */
  public ImmutableRoaringBitmap byRelation(String target, String type) {
    int t = node(target);
    int typeId = edgeTypeId(type);
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    if (t < 0 || typeId < 0) {
      return result;
    }
    EdgeCursor cursor = reverse.cursor(t, typeId);
    IntArrayList sources = new IntArrayList((int) Math.min(cursor.size(), 1 << 16));
    for (int s = cursor.next(); s >= 0; s = cursor.next()) {
      sources.add(s);
    }
    result.addN(sources.elements(), 0, sources.size());
    return result;
  }

  // ---------------------------------------------------------------- verification

  /**
   * Checks every byte and every structural invariant, as listed under "What only verify checks" in the class
   * documentation. O(file size + N + E) time; O(T) memory beyond a few buffers. Returns normally if the file
   * is sound.
   *
   * @throws CorruptSnapshotException for the first problem found, naming the section and byte offset
   */
  public void verify() {
    ensureOpen();
    try {
      ChecksumVerifier.verify(resource, file);
      new StructureVerifier(names, nodes, kinds, files, kindBitmaps, effectBitmaps, bloom,
          sections.required(SectionId.BLOOM), details, buildInfoList, conflictList).verify();
      long forwardHash = CsrVerifier.verify(forward, edgeTypeCounts, sections.required(SectionId.EDGE_TYPE_COUNTS));
      long reverseHash = CsrVerifier.verify(reverse, edgeTypeCounts, sections.required(SectionId.EDGE_TYPE_COUNTS));
      if (forwardHash != reverseHash) {
        throw sections.required(SectionId.REVERSE_SOURCES).corrupt(0, String.format(
            "the reverse CSR is not the transpose of the forward CSR: edge-set hash actual=%016x vs expected=%016x",
            reverseHash, forwardHash));
      }
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  @Override
  public String toString() {
    return "GraphSnapshot[" + resource + (closed.get() ? ", closed" : "") + "]";
  }

  // ---------------------------------------------------------------- internals

  private int flags(int id) {
    checkNode(id);
    try {
      return nodes.flags(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new AlreadyClosedException(resource);
    }
  }

  private void checkNode(int id) {
    ensureOpen();
    Objects.checkIndex(id, names.count());
  }

  private void checkFile(int fileId) {
    ensureOpen();
    Objects.checkIndex(fileId, files.count());
  }

  private RuntimeException closed(IllegalStateException e) {
    return Closing.translate(e, file, resource);
  }

  private static long[] readEdgeTypeCounts(Section section, int typeCount, long edgeCount) {
    section.requireLength(8L * typeCount, typeCount + " counts of 8 bytes");
    long[] counts = new long[typeCount];
    long sum = 0;
    for (int t = 0; t < typeCount; t++) {
      long c = section.bytes().get(LONG, 8L * t);
      if (c < 0 || c > edgeCount - sum) {
        throw section.corrupt(8L * t, "edge count of type " + t + " out of range: actual=" + c + " vs expected in [0, "
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

  private Map<String, String> decodeBuildInfo() {
    TreeMap<String, String> map = new TreeMap<>();
    if (buildInfoList != null) {
      for (int i = 0; i + 1 < buildInfoList.count(); i += 2) {
        String key = buildInfoList.get(i);
        if (map.put(key, buildInfoList.get(i + 1)) != null) {
          throw buildInfoList.ends().section().corrupt(8 + 8L * i, "build-info key repeats: \"" + key + "\"");
        }
      }
    }
    return Collections.unmodifiableMap(map);
  }

  private List<Conflict> decodeConflicts() {
    if (conflictList == null) {
      return List.of();
    }
    List<Conflict> list = new ArrayList<>(conflictList.count() / 3);
    for (int i = 0; i + 2 < conflictList.count(); i += 3) {
      list.add(new Conflict(conflictList.get(i), conflictList.get(i + 1), conflictList.get(i + 2)));
    }
    return Collections.unmodifiableList(list);
  }
}
