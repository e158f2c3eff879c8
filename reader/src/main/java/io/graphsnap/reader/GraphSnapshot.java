package io.graphsnap.reader;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FileSymbolsFormat;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.UnsupportedFormatVersionException;
import io.graphsnap.reader.internal.BitmapListView;
import io.graphsnap.reader.internal.Closing;
import io.graphsnap.reader.internal.NameIndexView;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmapWriter;
import org.roaringbitmap.buffer.BufferBitSetUtil;
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
 *   <li>the header ({@link io.graphsnap.format.snapshot.SnapshotHeader#decode}): magic, format version (else
 *       {@link UnsupportedFormatVersionException} with the version found and the supported range), header
 *       CRC32C, file length, every section aligned, inside the file, in order, ids increasing;
 *   <li>every required section is present (all of format version 1 except BUILD_INFO and CONFLICTS, which may
 *       be absent and then read as empty; NAME_INDEX, new in version 2, is optional: without it lookups by name
 *       binary-search);
 *   <li>every section's length is exactly what its counts imply: NODES = 16·N, EDGE_TYPE_COUNTS = 8·T,
 *       FORWARD/REVERSE_OFFSETS = 8·(N+1), targets/sources = 4·E, types = E, FILES = 72·F; each StringList and
 *       BitmapList header fits its section with {@code Ends[0] = 0} and {@code Ends[Count]} = its data length;
 *       NODE_DETAILS' Ends likewise; KIND_BITMAPS holds K bitmaps, EFFECT_BITMAPS X; FILE_PATHS and FILES
 *       agree on F; NAME_INDEX, when present, has SlotCount = ⌈4·N/3⌉, a zero reserved field and
 *       8 + 4·SlotCount bytes; FILE_SYMBOLS (version 3, optional: without it file lookups scan the nodes),
 *       when present, has Starts[0] = 0, Starts[F] ≤ N and 4·(F+1) + 4·Starts[F] bytes; NAME_TRIGRAMS (version
 *       3, optional: without it searches read every name), when present, has a zero reserved field and
 *       8 + 4·TrigramCount bytes of trigrams followed by a BitmapList of TrigramCount postings; CALL_SITES (version
 *       4, optional: without it there are no sites), when present, has a zero reserved field, Count ≤ N, at least
 *       12 + 8·Count bytes, {@code Ends[0] = 0} and {@code Ends[Count]} equal to its data length;
 *   <li>in a compact file of version 7 (packed node sections) instead: NODES' widths within bounds, its reserved
 *       bytes zero, its LineStarts within the int range and its length the header's; NODE_DETAILS' blocks, P + 1
 *       Ends and data fitting, {@code Ends[0] = 0}, {@code Ends[P]} its data length, no presence bit past N;
 *       FILE_SYMBOLS' widths at most 31 bits, Starts[0] = 0, Starts[F] ≤ N and the length its widths imply;
 *       NAME_INDEX's length that of its packed slots;
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
 * first use; each details entry is decoded with bounds checks; each name-index slot a lookup reads is empty
 * or holds an id below N, and a probe stops after SlotCount slots; each file's FILE_SYMBOLS list has ordered
 * Starts within the section and node ids below N; each NAME_TRIGRAMS posting a search reads is validated at its
 * first use (values below N), and its candidates are compared with the names; each CALL_SITES entry a sites lookup
 * reads has ordered ends within the data and is decoded with every value checked (edge positions below the node's
 * out-degree, line counts within the entry's bytes, lines in [1, 2^31)); in a version-7 compact file, each packed
 * LineEnd fits an int and each details entry's index is below P. Caller errors (an id outside its range)
 * throw {@link IndexOutOfBoundsException}.
 *
 * <h2>What only {@link #verify} checks</h2>
 * The CRC32C of the header and of every section, zero padding, and in O(N + E) the invariants open does not
 * read: CSR offsets monotonic, every neighbour below N and type below T, edges of each node strictly
 * increasing by (type, neighbour), per-type counts equal to EDGE_TYPE_COUNTS in both directions, the reverse
 * CSR the transpose of the forward one; every StringList's ends monotonic and its strings well-formed UTF-8;
 * node names, paths and dictionaries strictly increasing; node kind ids, file ids and flags valid, external
 * nodes without file, of kind {@code external}, with no details; every bitmap valid, kind bitmaps
 * partitioning the nodes by their kind ids; every name in the Bloom filter; every details entry decodable;
 * the name index holding every node exactly once, with its fingerprint, where a probe from its home slot finds
 * it; FILE_SYMBOLS listing every node with a file exactly once, under that file, in line order; NAME_TRIGRAMS'
 * trigrams strictly increasing and each posting exactly the nodes whose ASCII-folded name contains its trigram;
 * CALL_SITES' nodes strictly increasing, each below N and with a file, its Ends non-decreasing, every entry
 * non-empty and decodable against its node's out-edges; in a version-7 compact file, that each packed section is
 * the one its rule gives (widths and bases minimal, padding bits zero, every Rank the count before it, no stored
 * empty entry).
 * A file that passes open but would fail verify (a flipped byte that breaks no checked structure) can make
 * the reader return wrong answers: a name lookup may miss when the name index misses it and the names are out
 * of order or the Bloom filter lacks the name (a lookup never returns the id of another name); a string may
 * decode with replacement characters; columns, lines, details and bitmaps may
 * carry wrong values; an edge's sites may be missing or another edge's; on edges not sorted by type a typed cursor may miss edges (it never returns an edge of
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
public final class GraphSnapshot implements AutoCloseable, PointReads {
  private final Path path;
  private final String resource;
  private final Arena arena;
  private final MemorySegment file;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final MappedSnapshot sections;

  private GraphSnapshot(Path path, String resource, Arena arena, MemorySegment file) {
    this.path = path;
    this.resource = resource;
    this.arena = arena;
    this.file = file;
    this.sections = new MappedSnapshot(resource, file);
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
    if (Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO would block the open; a folder cannot map
      throw new IOException("cannot map snapshot " + resource + ": not a regular file (a folder, FIFO or device)");
    }
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
    return sections.names.count();
  }

  /** E, the number of distinct edges. */
  public long edgeCount() {
    ensureOpen();
    return sections.forward.edgeCount();
  }

  /** F, the number of files; file ids are [0, F). */
  public int fileCount() {
    ensureOpen();
    return sections.files.count();
  }

  /** The file's size in bytes. */
  public long byteSize() {
    ensureOpen();
    return file.byteSize();
  }

  /** The format version written in the file. */
  public int formatVersion() {
    ensureOpen();
    return sections.header.formatVersion();
  }

  /**
   * Which adjacency the file holds: fixed-width rows, or the compact gap-coded rows of format version 5 (see
   * {@link io.graphsnap.format.snapshot.CompactCsrFormat#layoutOf}).
   */
  public io.graphsnap.format.snapshot.CompactCsrFormat.Layout adjacencyLayout() {
    ensureOpen();
    return sections.layout;
  }

  // ---------------------------------------------------------------- lookup

  /**
   * The id of the node named {@code name}, or -1. Encodes the name to UTF-8 once, then as {@link #node(byte[])}.
   */
  public int node(String name) {
    return node(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The id of the node whose UTF-8 name is {@code utf8}, or -1. With a NAME_INDEX (format version 2): hashes
   * the name once and probes the index, comparing fingerprints and then the name's bytes in place; a hit is
   * the answer, O(1) expected. On an index miss, and always on a version-1 file: asks the Bloom filter (absent:
   * -1 without touching the names; with the index's hash when the filter uses the same seed, as files this
   * builder writes do, so the name is hashed once), then binary-searches the sorted names, O(log N); so only absent names
   * that pass the Bloom filter (about 0.6%) pay the binary search after the index, and a damaged index can
   * make a lookup slower but never make a present name look absent. The index path allocates nothing. In a compact
   * file of version 7, whose packed index slots carry 5 fingerprint bits instead of about 10, the Bloom filter is
   * asked first, so that a miss does not compare the names of the false fingerprint matches along its probe.
   *
   * @throws CorruptSnapshotException if a probed index slot holds a value out of range (below -1, or a node
   *     id not below N)
   */
  public int node(byte[] utf8) {
    ensureOpen();
    try {
      long h = 0;
      if (sections.nameIndex != null) {
        h = NameIndexView.hash(utf8);
        if (sections.bloomFirst && !sections.bloom.mightContainHash(h)) {
          return -1;
        }
        int id = sections.nameIndex.find(utf8, h, sections.names);
        if (id >= 0) {
          return id;
        }
      }
      if (!(sections.bloomTakesIndexHash ? sections.bloom.mightContainHash(h)
          : sections.bloom.mightContain(utf8, 0, utf8.length))) {
        return -1;
      }
      return sections.names.find(utf8);
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
    byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
    try {
      int start = sections.names.lowerBound(key);
      int end = sections.names.prefixEnd(start, key);
      return new IdRange(start, end);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The nodes whose name contains {@code text}, ignoring ASCII case ({@code A}–{@code Z} match {@code a}–{@code z};
   * other characters match exactly), in id order; every node for the empty text. With the search index
   * (NAME_TRIGRAMS, format version 3) and text of at least three UTF-8 bytes: the intersection of the postings of
   * the text's trigrams, each candidate's name then compared, O(postings read + candidates · name length);
   * otherwise every name is read, O(name bytes). The caller owns the returned bitmap.
   *
   * @throws CorruptSnapshotException if a name or a posting read is damaged
   */
  public org.roaringbitmap.RoaringBitmap namesContaining(String text) {
    ensureOpen();
    try {
      byte[] folded = io.graphsnap.reader.internal.NameTrigramsView.fold(text);
      if (folded.length == 0) {
        return org.roaringbitmap.RoaringBitmap.bitmapOfRange(0, nodeCount());
      }
      if (sections.nameTrigrams != null && folded.length >= io.graphsnap.format.snapshot.NameTrigramsFormat.GRAM) {
        return sections.nameTrigrams.search(folded, sections.names);
      }
      return io.graphsnap.reader.internal.NameTrigramsView.scan(folded, sections.names);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Whether this snapshot has the search index over names (NAME_TRIGRAMS, format version 3). O(1). */
  public boolean hasSearchIndex() {
    ensureOpen();
    return sections.nameTrigrams != null;
  }

  // ---------------------------------------------------------------- node columns

  /** Node {@code id}'s fully qualified name. O(length). */
  public String name(int id) {
    checkNode(id);
    try {
      return sections.names.get(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s kind id, in [0, K). O(1). */
  public int kindId(int id) {
    checkNode(id);
    try {
      return sections.nodes.kindId(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s kind. O(1). */
  public String kind(int id) {
    return sections.kinds.name(kindId(id));
  }

  /** Node {@code id}'s file id in [0, F), or -1 if it has no file (external nodes). O(1). */
  public int fileId(int id) {
    checkNode(id);
    try {
      return sections.nodes.fileId(id);
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
      return sections.nodes.lineStart(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Node {@code id}'s last line. O(1). */
  public int lineEnd(int id) {
    checkNode(id);
    try {
      return sections.nodes.lineEnd(id);
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
      for (int x = 0; x < sections.effects.size(); x++) {
        if (sections.effectBitmaps.get(x).contains(id)) {
          result.add(sections.effects.name(x));
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
      return sections.details.read(id);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- dictionaries

  /** The edge-type names, sorted; type id = index. */
  public List<String> edgeTypes() {
    ensureOpen();
    return sections.edgeTypes.names();
  }

  /** The id of edge type {@code type}, or -1 if the snapshot has no such type. O(1). */
  public int edgeTypeId(String type) {
    ensureOpen();
    return sections.edgeTypes.id(type);
  }

  /** The number of edges of type {@code typeId}. O(1). */
  public long edgeCount(int typeId) {
    ensureOpen();
    Objects.checkIndex(typeId, sections.edgeTypeCounts.length);
    return sections.edgeTypeCounts[typeId];
  }

  /** The kind names, sorted; kind id = index. */
  public List<String> kinds() {
    ensureOpen();
    return sections.kinds.names();
  }

  /** The id of kind {@code kind}, or -1. O(1). */
  public int kindId(String kind) {
    ensureOpen();
    return sections.kinds.id(kind);
  }

  /** The effect names, sorted; effect id = index. */
  public List<String> effectNames() {
    ensureOpen();
    return sections.effects.names();
  }

  /** The id of effect {@code effect}, or -1. O(1). */
  public int effectId(String effect) {
    ensureOpen();
    return sections.effects.id(effect);
  }

  /** The build metadata (tool version, counts; no timestamps), sorted by key; empty if the file has none. */
  public Map<String, String> buildInfo() {
    ensureOpen();
    try {
      return sections.buildInfo();
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The name conflicts the build resolved (name, kept path, dropped path), sorted by name then dropped path. */
  public List<Conflict> conflicts() {
    ensureOpen();
    try {
      return sections.conflicts();
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- file table

  /** File {@code fileId}'s repository-relative path. */
  public String filePath(int fileId) {
    checkFile(fileId);
    try {
      return sections.files.path(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The id of the file at {@code path}, or -1. O(log F). */
  public int fileId(String path) {
    ensureOpen();
    try {
      return sections.files.paths().find(path.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The SHA-256 of file {@code fileId}'s source bytes (a new 32-byte array), or {@code null} when unknown. */
  public byte[] fileSourceSha256(int fileId) {
    checkFile(fileId);
    try {
      return sections.files.sourceSha256(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The id (64 lowercase hex digits) of the loose object file {@code fileId} was built from. */
  public String fileObjectId(int fileId) {
    checkFile(fileId);
    try {
      return Hex.of(sections.files.objectId(fileId));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** File {@code fileId}'s language tag. */
  public String fileLanguage(int fileId) {
    checkFile(fileId);
    try {
      return sections.files.language(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The number of symbols file {@code fileId} defined. */
  public int fileSymbolCount(int fileId) {
    checkFile(fileId);
    try {
      return sections.files.symbolCount(fileId);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The nodes file {@code fileId} defines, in line order: LineStart ascending, then LineEnd descending (an
   * enclosing symbol before what it encloses), then id (the rule of {@link FileSymbolsFormat}). A new array. From
   * FILE_SYMBOLS (format version 3) in O(the file's nodes); on an older file by a scan of every node, O(N). A
   * merged namespace is listed under the one file its record names.
   */
  public int[] fileSymbols(int fileId) {
    checkFile(fileId);
    try {
      if (sections.fileSymbols != null) {
        return sections.fileSymbols.nodes(fileId);
      }
      IntArrayList ids = new IntArrayList();
      for (int v = 0, n = nodeCount(); v < n; v++) {
        if (sections.nodes.fileId(v) == fileId) {
          ids.add(v);
        }
      }
      int[] sorted = ids.toIntArray();
      IntArrays.mergeSort(sorted, (a, b) -> FileSymbolsFormat.compare(sections.nodes.lineStart(a),
          sections.nodes.lineEnd(a), a, sections.nodes.lineStart(b), sections.nodes.lineEnd(b), b));
      return sorted;
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** Whether the file has the FILE_SYMBOLS index (format version 3), so {@link #fileSymbols} does not scan. O(1). */
  public boolean hasFileSymbolIndex() {
    ensureOpen();
    return sections.fileSymbols != null;
  }

  /**
   * The nodes of file {@code fileId} whose lines enclose {@code line} ({@code LineStart <= line <= LineEnd}),
   * innermost first: the reverse of their order in {@link #fileSymbols}, so a symbol comes before those that
   * start earlier or, on the same line, end later. Empty when none does. O(the file's nodes) (see
   * {@link #fileSymbols} for files of format version 2 and older).
   */
  public int[] enclosing(int fileId, int line) {
    int[] ids = fileSymbols(fileId);
    IntArrayList chain = new IntArrayList();
    for (int v : ids) {
      if (lineStart(v) > line) {
        break; // the list is sorted by LineStart
      }
      if (lineEnd(v) >= line) {
        chain.add(v);
      }
    }
    int[] innermostFirst = new int[chain.size()];
    for (int i = 0; i < innermostFirst.length; i++) {
      innermostFirst[i] = chain.getInt(chain.size() - 1 - i);
    }
    return innermostFirst;
  }

  // ---------------------------------------------------------------- neighbours

  /** The forward CSR (out-edges); see {@link CsrView} for its checks and ownership. */
  public CsrView forward() {
    ensureOpen();
    return sections.forward;
  }

  /** The reverse CSR (in-edges); see {@link CsrView} for its checks and ownership. */
  public CsrView reverse() {
    ensureOpen();
    return sections.reverse;
  }

  /** A new cursor over node {@code id}'s out-edges, in (type, target) order. O(1). */
  public EdgeCursor out(int id) {
    ensureOpen();
    return sections.forward.cursor(id);
  }

  /** A new cursor over node {@code id}'s out-edges of type {@code typeId}. O(log out-degree). */
  public EdgeCursor out(int id, int typeId) {
    ensureOpen();
    return sections.forward.cursor(id, typeId);
  }

  /** A new cursor over node {@code id}'s in-edges, in (type, source) order. O(1). */
  public EdgeCursor in(int id) {
    ensureOpen();
    return sections.reverse.cursor(id);
  }

  /** A new cursor over node {@code id}'s in-edges of type {@code typeId}. O(log in-degree). */
  public EdgeCursor in(int id, int typeId) {
    ensureOpen();
    return sections.reverse.cursor(id, typeId);
  }

  /**
   * Node {@code id}'s number of out-edges. O(1).
   *
   * @throws ArithmeticException if it has more than {@link Integer#MAX_VALUE} (the format allows it; {@code
   *     out(id).size()} counts in {@code long})
   */
  public int outDegree(int id) {
    ensureOpen();
    return sections.forward.degree(id);
  }

  /** Node {@code id}'s number of in-edges. O(1); throws {@link ArithmeticException} as {@link #outDegree} does. */
  public int inDegree(int id) {
    ensureOpen();
    return sections.reverse.degree(id);
  }

  // ---------------------------------------------------------------- sites

  /**
   * Whether this snapshot has the CALL_SITES section (format version 4), which holds the lines where edges occur.
   * Without it, {@link #sites} and {@link #outSites} answer "no sites". O(1).
   */
  public boolean hasSites() {
    ensureOpen();
    return sections.callSites != null;
  }

  /** The bytes of the CALL_SITES section, 0 when the snapshot has none. O(1). */
  public long sitesBytes() {
    ensureOpen();
    return sections.callSites == null ? 0 : sections.callSites.byteSize();
  }

  /**
   * The lines where the edge from {@code source} of type {@code typeId} to {@code target} occurs (each call of a
   * {@code calls} edge), strictly increasing, in the file of {@code source} ({@link #file}); a new array, empty when
   * the edge has none, does not exist, or the snapshot has no CALL_SITES. O(log out-degree(source) + log(nodes with
   * sites) + the bytes of source's sites up to that edge).
   *
   * @throws IndexOutOfBoundsException if a node or the type is out of range
   * @throws CorruptSnapshotException if the edge row or the sites entry read is damaged
   */
  public int[] sites(int source, int typeId, int target) {
    checkNode(source);
    checkNode(target);
    Objects.checkIndex(typeId, sections.edgeTypes.size());
    if (sections.callSites == null) {
      return new int[0];
    }
    try {
      CsrView forward = sections.forward;
      if (forward.isCompact()) { // one decode of the row instead of a row search per probe
        EdgeCursor c = forward.cursor(source, typeId);
        for (int w = c.next(); w >= 0 && w <= target; w = c.next()) {
          if (w == target) {
            long position = c.position() - 1 - forward.start(source);
            return sections.callSites.lines(source, (int) position, forward.degree(source));
          }
        }
        return new int[0];
      }
      long start = forward.start(source);
      long lo = start;
      long hi = forward.end(source) - 1;
      long want = (long) typeId << 32 | target;
      while (lo <= hi) {
        long mid = (lo + hi) >>> 1;
        long key = (long) forward.type(mid) << 32 | forward.neighbour(mid);
        if (key < want) {
          lo = mid + 1;
        } else if (key > want) {
          hi = mid - 1;
        } else {
          return sections.callSites.lines(source, (int) (mid - start), forward.degree(source));
        }
      }
      return new int[0];
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The lines of each out-edge of {@code source}, in the order of {@link #out(int)} (type id, then target id):
   * element i holds the lines of the i-th out-edge, or is {@code null} when that edge has none (every element is
   * when the snapshot has no CALL_SITES). A new array. O(out-degree + log(nodes with sites) + source's site bytes).
   *
   * @throws IndexOutOfBoundsException if {@code source} is out of range
   * @throws CorruptSnapshotException if the sites entry is damaged
   */
  public int[][] outSites(int source) {
    checkNode(source);
    try {
      int degree = sections.forward.degree(source);
      if (sections.callSites == null) {
        return new int[degree][];
      }
      return sections.callSites.outLines(source, degree);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- queries

  /**
   * The nodes of kind {@code kind}, as a bitmap over the mapped bytes (validated at its first use, then
   * O(1)); empty for an unknown kind. The bitmap reads the snapshot's memory: do not use it after close.
   */
  public ImmutableRoaringBitmap ofKind(String kind) {
    ensureOpen();
    int k = sections.kinds.id(kind);
    if (k < 0) {
      return BitmapListView.empty();
    }
    try {
      return sections.kindBitmaps.get(k);
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /** The nodes with effect {@code effect}; like {@link #ofKind}. */
  public ImmutableRoaringBitmap withEffect(String effect) {
    ensureOpen();
    int x = sections.effects.id(effect);
    if (x < 0) {
      return BitmapListView.empty();
    }
    try {
      return sections.effectBitmaps.get(x);
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
    EdgeCursor cursor = sections.reverse.cursor(t, typeId);
    IntArrayList sources = new IntArrayList((int) Math.min(cursor.size(), 1 << 16));
    for (int s = cursor.next(); s >= 0; s = cursor.next()) {
      sources.add(s);
    }
    result.addN(sources.elements(), 0, sources.size());
    return result;
  }

  // ---------------------------------------------------------------- in-place scans (the query language's)

  /**
   * The ids among {@code ids} whose UTF-8 name passes {@code test}, each name copied out of the mapped list into
   * one reused array, never decoded into a {@code String}. O(|ids| · name length). A new heap bitmap the caller
   * owns.
   *
   * @throws IndexOutOfBoundsException if {@code ids} holds an id outside [0, N)
   * @throws CorruptSnapshotException if a name's ends are damaged
   */
  public MutableRoaringBitmap namesMatching(ImmutableRoaringBitmap ids, Utf8Predicate test) {
    ensureOpen();
    Objects.requireNonNull(test, "test");
    if (ids.isEmpty()) {
      return new MutableRoaringBitmap();
    }
    Objects.checkIndex(ids.last(), sections.names.count());
    try {
      io.graphsnap.reader.internal.NameCursor names = sections.names.cursor();
      RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
      for (IntIterator it = ids.getIntIterator(); it.hasNext(); ) {
        int v = it.next();
        if (test.test(names.copy(v), names.length())) {
          out.add(v);
        }
      }
      return out.get();
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The file ids in {@code [fromFile, toFile)} whose UTF-8 path passes {@code test}, read in place as
   * {@link #namesMatching} reads names. O(path bytes of the range). A new heap bitmap the caller owns.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= fromFile <= toFile <= F}
   * @throws CorruptSnapshotException if a path's ends are damaged
   */
  public MutableRoaringBitmap filesMatching(int fromFile, int toFile, Utf8Predicate test) {
    ensureOpen();
    Objects.requireNonNull(test, "test");
    Objects.checkFromToIndex(fromFile, toFile, sections.files.count());
    try {
      io.graphsnap.reader.internal.NameCursor paths = sections.files.paths().cursor();
      RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
      for (int f = fromFile; f < toFile; f++) {
        if (test.test(paths.copy(f), paths.length())) {
          out.add(f);
        }
      }
      return out.get();
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The contiguous range of file ids whose paths start with {@code prefix} (all files for the empty prefix):
   * paths are sorted, so two binary searches, O(log F), as {@link #withPrefix} for names.
   */
  public IdRange filesWithPrefix(String prefix) {
    ensureOpen();
    byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
    try {
      io.graphsnap.reader.internal.SortedStrings paths = sections.files.paths();
      int start = paths.lowerBound(key);
      return new IdRange(start, paths.prefixEnd(start, key));
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  /**
   * The nodes defined in files {@code [fromFile, toFile)} (those whose file id lies in the range), as a new heap
   * bitmap the caller owns. With FILE_SYMBOLS (format version 3) one bulk copy of the range's lists, which are
   * adjacent in the section, then a sort, O(S log S) for the S nodes listed, or for more than N/64 of them a bitset,
   * O(S + N/64); on an older file a scan of NODES, O(N).
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= fromFile <= toFile <= F}
   * @throws CorruptSnapshotException if the range's Starts or ids are damaged
   */
  public MutableRoaringBitmap nodesOfFiles(int fromFile, int toFile) {
    ensureOpen();
    Objects.checkFromToIndex(fromFile, toFile, sections.files.count());
    try {
      if (sections.fileSymbols != null) {
        int[] ids = sections.fileSymbols.nodes(fromFile, toFile);
        if (ids.length > nodeCount() >>> 6) { // many: through a bitset, O(S + N/64), instead of a sort
          long[] bits = new long[(nodeCount() + 63) >>> 6];
          for (int v : ids) {
            bits[v >>> 6] |= 1L << v;
          }
          return BufferBitSetUtil.bitmapOf(bits);
        }
        Arrays.sort(ids);
        MutableRoaringBitmap result = new MutableRoaringBitmap();
        result.addN(ids, 0, ids.length);
        return result;
      }
      RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
      for (int v = 0, n = nodeCount(); v < n; v++) {
        int f = sections.nodes.fileId(v);
        if (f >= fromFile && f < toFile) {
          out.add(v);
        }
      }
      return out.get();
    } catch (IllegalStateException e) {
      throw closed(e);
    }
  }

  // ---------------------------------------------------------------- verification

  /**
   * Checks every byte and every structural invariant, as listed under "What only verify checks" in the class
   * documentation. O(file size + N + E) time; O(T) memory plus N bits (the name index check) beyond a few
   * buffers. Returns normally if the file is sound.
   *
   * @throws CorruptSnapshotException for the first problem found, naming the section and byte offset
   */
  public void verify() {
    ensureOpen();
    try {
      sections.verify();
    } catch (IllegalStateException e) {
      throw closed(e);
    } catch (InternalError e) {
      if (MappingFaults.isMappingFault(e)) {
        throw MappingFaults.corrupt(path, file.byteSize());
      }
      throw e;
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
      return sections.nodes.flags(id);
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
    Objects.checkIndex(id, sections.names.count());
  }

  private void checkFile(int fileId) {
    ensureOpen();
    Objects.checkIndex(fileId, sections.files.count());
  }

  private RuntimeException closed(IllegalStateException e) {
    return Closing.translate(e, file, resource);
  }
}
