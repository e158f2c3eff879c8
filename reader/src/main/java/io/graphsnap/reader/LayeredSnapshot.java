package io.graphsnap.reader;

import io.graphsnap.format.delta.DeltaBaseFormat;
import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.StringListFormat;
import io.graphsnap.reader.internal.DeltaView;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * A base snapshot with a delta file on top (docs/LAYERED.md, {@link DeltaFormat}), answering the point queries of
 * {@link GraphSnapshot} as the snapshot that compacts the two would, up to ids: node lookup by name, names, records,
 * details, effects, out- and in-edges per type with call sites, kind and effect bitmaps, prefix sets, files and their
 * symbols, conflicts.
 *
 * <h2>Ids</h2>
 * Base ids never move: node ids {@code [0, N_base)} are the base's (minus the delta's tombstones), and the delta's new
 * names have ids {@code N_base, N_base + 1, …} in name order ({@link #idBound()} is one past the last). So unlike a
 * compacted snapshot, ids are not name ranks: {@link #withPrefix} returns a set (the base's range minus tombstones,
 * plus the matching new names), not an {@link IdRange}; rows are sorted by (layered type id, layered neighbour id);
 * the dictionaries ({@link #kinds()}, {@link #edgeTypes()}, {@link #effectNames()}) are the base's followed by the
 * delta's additions, and keep an entry nothing uses any more. Every answer is in these ids; the same question by
 * name has the compacted snapshot's answer.
 *
 * <h2>Not layered yet</h2>
 * Whole-graph algorithms (the {@code analysis} package, which read {@link CsrView}s by edge index), the search
 * index, {@code byRelation} and the Bloom filter are not offered here: there is no {@code forward()}/{@code reverse()}.
 * Run them on {@link #base()} (the graph as of the base, stated as such) or on the compacted snapshot. Querying a
 * tombstoned id or file throws {@link IllegalArgumentException}.
 *
 * <h2>What {@link #open} checks</h2>
 * The base as {@link GraphSnapshot#open} does; the whole delta, read into the heap (it is O(change)): header,
 * every section's structure, ids and dictionary ids within the layered ranges, lists strictly increasing, rows
 * sorted; and that the delta's BASE record matches the base's node, file, kind, effect, edge-type and language
 * counts and, when the base's file name is its id ({@code <sha256>.gsnap}), its id. {@link #verify()} adds the
 * checksums, the base's SHA-256 and the agreement of the two layers (see there).
 *
 * <h2>Costs, thread safety, memory</h2>
 * A point query adds to the base's cost one or two binary searches over the delta's short sorted lists; an in-row of
 * a target the delta touched is merged in O(in-degree). Immutable and thread-safe. Owns the base {@link GraphSnapshot}
 * (closed by {@link #close()}) and a heap copy of the delta; bitmaps and arrays returned are new heap objects the
 * caller owns.
 */
public final class LayeredSnapshot implements AutoCloseable, PointReads {
  private static final Edges NO_EDGES = new Edges(new int[0], new int[0]);
  private final GraphSnapshot base;
  private final Path basePath;
  private final DeltaView delta;
  private final int baseNodes;
  private final int baseFiles;
  private final RoaringBitmap tombstones;
  private final RoaringBitmap dirty;
  private final Set<Integer> fileTombstones = new HashSet<>();
  private final Map<String, Integer> newNameIds = new HashMap<>();
  private final Map<String, Integer> newFileIds = new HashMap<>();
  private final List<String> kinds;
  private final List<String> effectNames;
  private final List<String> edgeTypes;
  private final List<String> languages;
  private final Map<String, Integer> kindIds = new HashMap<>();
  private final Map<String, Integer> effectIds = new HashMap<>();
  private final Map<String, Integer> typeIds = new HashMap<>();

  /**
   * Edges of one node in one direction, sorted by (type id, neighbour id). Arrays owned by the record.
   *
   * @param neighbours targets (out) or sources (in)
   * @param types their layered type ids
   */
  public record Edges(int[] neighbours, int[] types) {
    /** The number of edges. */
    public int size() {
      return neighbours.length;
    }
  }

  private LayeredSnapshot(GraphSnapshot base, Path basePath, DeltaView delta, List<String> baseLanguages) {
    this.base = base;
    this.basePath = basePath;
    this.delta = delta;
    this.baseNodes = base.nodeCount();
    this.baseFiles = base.fileCount();
    this.tombstones = RoaringBitmap.bitmapOf(delta.tombstones);
    this.dirty = RoaringBitmap.bitmapOf(delta.dirtyNodes);
    for (int f : delta.fileTombstones) {
      fileTombstones.add(f);
    }
    for (int i = 0; i < delta.newNames.length; i++) {
      newNameIds.put(delta.newNames[i], baseNodes + i);
    }
    for (int i = 0; i < delta.newFilePaths.length; i++) {
      newFileIds.put(delta.newFilePaths[i], baseFiles + i);
    }
    this.kinds = layered(base.kinds(), delta.addedKinds, kindIds);
    this.effectNames = layered(base.effectNames(), delta.addedEffects, effectIds);
    this.edgeTypes = layered(base.edgeTypes(), delta.addedEdgeTypes, typeIds);
    this.languages = layered(baseLanguages, delta.addedLanguages, new HashMap<>());
  }

  private static List<String> layered(List<String> base, String[] added, Map<String, Integer> ids) {
    List<String> all = new ArrayList<>(base);
    all.addAll(Arrays.asList(added));
    for (int i = 0; i < all.size(); i++) {
      ids.put(all.get(i), i);
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * Opens {@code basePath} and reads {@code deltaPath} on top of it, checking what the class documentation lists.
   *
   * @throws IOException if a file cannot be read
   * @throws CorruptSnapshotException if either file is damaged or the delta is not for this base (the message names
   *     the delta and what differs); nothing stays open
   */
  public static LayeredSnapshot open(Path basePath, Path deltaPath) throws IOException {
    GraphSnapshot base = GraphSnapshot.open(basePath);
    boolean ok = false;
    try {
      DeltaView delta = new DeltaView(deltaPath.toString(), Files.readAllBytes(deltaPath));
      List<String> languages;
      try (SnapshotFile raw = SnapshotFile.open(basePath)) {
        languages = List.of(StringListFormat.decodeAll(raw.required(SectionId.LANGUAGES)));
      }
      DeltaBaseFormat.Base expected = delta.base;
      int[] actual = {base.nodeCount(), base.fileCount(), base.kinds().size(), base.effectNames().size(),
          base.edgeTypes().size(), languages.size()};
      int[] stated = {expected.nodeCount(), expected.fileCount(), expected.kindCount(), expected.effectCount(),
          expected.edgeTypeCount(), expected.languageCount()};
      if (!Arrays.equals(actual, stated)) {
        throw new CorruptSnapshotException(deltaPath.toString(), "BASE", 0, "the delta is not for base " + basePath
            + ": its (nodes, files, kinds, effects, edge types, languages) are " + Arrays.toString(actual)
            + ", the delta expects " + Arrays.toString(stated));
      }
      String name = basePath.getFileName().toString();
      String id = HexFormat.of().formatHex(expected.snapshotSha256());
      if (name.matches("[0-9a-f]{64}\\.gsnap") && !name.startsWith(id)) {
        throw new CorruptSnapshotException(deltaPath.toString(), "BASE", 0, "the delta is for base " + id
            + ", not " + name);
      }
      LayeredSnapshot layered = new LayeredSnapshot(base, basePath, delta, languages);
      ok = true;
      return layered;
    } finally {
      if (!ok) {
        base.close();
      }
    }
  }

  /** The base snapshot (the graph as of the base, for whole-graph questions); closed with this. */
  public GraphSnapshot base() {
    return base;
  }

  @Override
  public void close() {
    base.close();
  }

  // ---------------------------------------------------------------- nodes

  /** One past the largest node id: the base's node count plus the delta's new names. */
  public int idBound() {
    return delta.nodeBound;
  }

  /** Live nodes: {@link #idBound()} minus tombstones. */
  public int nodeCount() {
    return delta.nodeBound - delta.tombstones.length;
  }

  /** Whether {@code id} is a node of the layered graph (in range, not tombstoned). O(1). */
  public boolean isLive(int id) {
    return id >= 0 && id < delta.nodeBound && !tombstones.contains(id);
  }

  private void checkLive(int id) {
    Objects.checkIndex(id, delta.nodeBound);
    if (tombstones.contains(id)) {
      throw new IllegalArgumentException("node " + id + " (" + base.name(id) + ") was removed by delta "
          + delta.resource);
    }
  }

  /** The id of the node named {@code name}, or -1. O(1) expected: the delta's names, then the base's lookup. */
  public int node(String name) {
    Integer added = newNameIds.get(name);
    if (added != null) {
      return added;
    }
    int id = base.node(name);
    return id >= 0 && tombstones.contains(id) ? -1 : id;
  }

  /** Node {@code id}'s name. */
  public String name(int id) {
    checkLive(id);
    return id < baseNodes ? base.name(id) : delta.newNames[id - baseNodes];
  }

  private int dirtyIndex(int id) {
    return id < baseNodes && !dirty.contains(id) ? -1 : delta.dirtyIndex(id);
  }

  /** Node {@code id}'s layered kind id (index into {@link #kinds()}). */
  public int kindId(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    return d >= 0 ? delta.nodes.kindId(d) : base.kindId(id);
  }

  /** Node {@code id}'s kind. */
  public String kind(int id) {
    return kinds.get(kindId(id));
  }

  /** Node {@code id}'s layered file id, -1 for none. */
  public int fileId(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    return d >= 0 ? delta.nodes.fileId(d) : base.fileId(id);
  }

  /** Node {@code id}'s file path, or {@code null}. */
  public String file(int id) {
    int f = fileId(id);
    return f < 0 ? null : filePath(f);
  }

  /** Node {@code id}'s first line. */
  public int lineStart(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    return d >= 0 ? delta.nodes.lineStart(d) : base.lineStart(id);
  }

  /** Node {@code id}'s last line. */
  public int lineEnd(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    return d >= 0 ? delta.nodes.lineEnd(d) : base.lineEnd(id);
  }

  private int flags(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    if (d >= 0) {
      return delta.nodes.flags(d);
    }
    return (base.isExternal(id) ? io.graphsnap.format.snapshot.NodeRecordFormat.FLAG_EXTERNAL : 0)
        | (base.isMerged(id) ? io.graphsnap.format.snapshot.NodeRecordFormat.FLAG_MERGED : 0);
  }

  /** Whether node {@code id} is external. */
  public boolean isExternal(int id) {
    return (flags(id) & io.graphsnap.format.snapshot.NodeRecordFormat.FLAG_EXTERNAL) != 0;
  }

  /** Whether node {@code id} is a merged namespace. */
  public boolean isMerged(int id) {
    return (flags(id) & io.graphsnap.format.snapshot.NodeRecordFormat.FLAG_MERGED) != 0;
  }

  /** Node {@code id}'s effects, sorted by name (code-point order). */
  public List<String> effects(int id) {
    checkLive(id);
    if (dirtyIndex(id) < 0) {
      return base.effects(id);
    }
    List<String> out = new ArrayList<>();
    for (int e = 0; e < delta.effects.length; e++) {
      if (delta.effects[e].contains(id)) {
        out.add(effectNames.get(e));
      }
    }
    out.sort(LayeredSnapshot::compareNames);
    return Collections.unmodifiableList(out);
  }

  /** Node {@code id}'s details. */
  public NodeDetails details(int id) {
    checkLive(id);
    int d = dirtyIndex(id);
    return d >= 0 ? delta.details.read(d) : base.details(id);
  }

  // ---------------------------------------------------------------- dictionaries and totals

  /** Layered kinds: the base's, then the delta's additions. */
  public List<String> kinds() {
    return kinds;
  }

  /** The layered id of {@code kind}, or -1. */
  public int kindId(String kind) {
    return kindIds.getOrDefault(kind, -1);
  }

  /** Layered effects: the base's, then the delta's additions. */
  public List<String> effectNames() {
    return effectNames;
  }

  /** The layered id of {@code effect}, or -1. */
  public int effectId(String effect) {
    return effectIds.getOrDefault(effect, -1);
  }

  /** Layered edge types: the base's, then the delta's additions. */
  public List<String> edgeTypes() {
    return edgeTypes;
  }

  /** The layered id of edge type {@code type}, or -1. */
  public int edgeTypeId(String type) {
    return typeIds.getOrDefault(type, -1);
  }

  /** Edges of layered type {@code typeId} (0 for a type no edge uses any more). */
  public long edgeCount(int typeId) {
    return delta.edgeTypeCounts[typeId];
  }

  /** All edges. */
  public long edgeCount() {
    long sum = 0;
    for (long c : delta.edgeTypeCounts) {
      sum += c;
    }
    return sum;
  }

  /** The delta's INFO (the layered totals and the tool), keys sorted. */
  public Map<String, String> info() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < delta.info.length; i += 2) {
      out.put(delta.info[i], delta.info[i + 1]);
    }
    return out;
  }

  // ---------------------------------------------------------------- edges

  /** Node {@code id}'s out-edges. O(out-degree). */
  public Edges out(int id) {
    checkLive(id);
    int row = delta.forward.find(id);
    if (row >= 0) {
      return slice(delta.forward, row);
    }
    if (id >= baseNodes) {
      return NO_EDGES;
    }
    return drain(base.out(id));
  }

  /** Node {@code id}'s out-edges of layered type {@code typeId}: a base row untouched by the delta is read by type. */
  public Edges out(int id, int typeId) {
    checkLive(id);
    if (id < baseNodes && delta.forward.find(id) < 0) {
      return typeId < base.edgeTypes().size() ? drain(base.out(id, typeId)) : NO_EDGES;
    }
    return ofType(out(id), typeId);
  }

  /** Node {@code id}'s in-edges: the base's row with the delta's removals and additions. O(in-degree). */
  public Edges in(int id) {
    checkLive(id);
    return inRow(id);
  }

  /** The layered in-row of any id in range, live or not. */
  Edges inRow(int id) {
    int removed = delta.reverseRemoved.find(id);
    int added = delta.reverseAdded.find(id);
    if (removed < 0 && added < 0) {
      return id < baseNodes ? drain(base.in(id)) : NO_EDGES;
    }
    LongOpenHashSet gone = new LongOpenHashSet();
    if (removed >= 0) {
      DeltaView.Rows r = delta.reverseRemoved;
      for (int j = r.offsets()[removed]; j < r.offsets()[removed + 1]; j++) {
        gone.add((long) r.types()[j] << 32 | r.neighbours()[j]);
      }
    }
    LongArrayList edges = new LongArrayList();
    if (id < baseNodes) {
      EdgeCursor c = base.in(id);
      for (int s = c.next(); s >= 0; s = c.next()) {
        long key = (long) c.type() << 32 | s;
        if (!gone.contains(key)) {
          edges.add(key);
        }
      }
    }
    if (added >= 0) {
      DeltaView.Rows r = delta.reverseAdded;
      for (int j = r.offsets()[added]; j < r.offsets()[added + 1]; j++) {
        edges.add((long) r.types()[j] << 32 | r.neighbours()[j]);
      }
    }
    long[] sorted = edges.toLongArray();
    Arrays.sort(sorted);
    return unpack(sorted);
  }

  /** Node {@code id}'s in-edges of layered type {@code typeId}: a base row untouched by the delta is read by type. */
  public Edges in(int id, int typeId) {
    checkLive(id);
    if (id < baseNodes && !reverseTouched(id)) {
      return typeId < base.edgeTypes().size() ? drain(base.in(id, typeId)) : NO_EDGES;
    }
    return ofType(in(id), typeId);
  }

  /** Out-degree: the delta's row length, else the base's degree (O(1) for an untouched row). */
  public int outDegree(int id) {
    checkLive(id);
    int row = delta.forward.find(id);
    if (row >= 0) {
      return delta.forward.offsets()[row + 1] - delta.forward.offsets()[row];
    }
    return id < baseNodes ? base.outDegree(id) : 0;
  }

  /** In-degree: the base's (O(1)) for a row the delta does not touch, else the layered row's size. */
  public int inDegree(int id) {
    checkLive(id);
    if (!reverseTouched(id)) {
      return id < baseNodes ? base.inDegree(id) : 0;
    }
    return inRow(id).size();
  }

  /** Whether the delta adds or removes an in-edge of {@code id}. */
  private boolean reverseTouched(int id) {
    return delta.reverseRemoved.find(id) >= 0 || delta.reverseAdded.find(id) >= 0;
  }

  /**
   * The lines of each of node {@code source}'s out-edges, by position in {@link #out(int)} ({@code null} for an edge
   * without lines), as {@link GraphSnapshot#outSites} gives them.
   */
  public int[][] outSites(int source) {
    checkLive(source);
    int row = delta.forward.find(source);
    if (row >= 0) {
      int degree = delta.forward.offsets()[row + 1] - delta.forward.offsets()[row];
      return delta.sites == null ? new int[degree][] : delta.sites.outLines(source, degree);
    }
    return source < baseNodes ? base.outSites(source) : new int[0][];
  }

  private static Edges slice(DeltaView.Rows rows, int row) {
    int from = rows.offsets()[row];
    int to = rows.offsets()[row + 1];
    return new Edges(Arrays.copyOfRange(rows.neighbours(), from, to), Arrays.copyOfRange(rows.types(), from, to));
  }

  private static Edges drain(EdgeCursor c) {
    IntArrayList neighbours = new IntArrayList();
    IntArrayList types = new IntArrayList();
    for (int w = c.next(); w >= 0; w = c.next()) {
      neighbours.add(w);
      types.add(c.type());
    }
    return new Edges(neighbours.toIntArray(), types.toIntArray());
  }

  private static Edges unpack(long[] packed) {
    int[] neighbours = new int[packed.length];
    int[] types = new int[packed.length];
    for (int i = 0; i < packed.length; i++) {
      neighbours[i] = (int) packed[i];
      types[i] = (int) (packed[i] >>> 32);
    }
    return new Edges(neighbours, types);
  }

  private static Edges ofType(Edges all, int typeId) {
    IntArrayList kept = new IntArrayList();
    for (int i = 0; i < all.size(); i++) {
      if (all.types()[i] == typeId) {
        kept.add(all.neighbours()[i]);
      }
    }
    int[] types = new int[kept.size()];
    Arrays.fill(types, typeId);
    return new Edges(kept.toIntArray(), types);
  }

  // ---------------------------------------------------------------- sets

  /** The live nodes of kind {@code kind}: (base's − dirty − tombstones) ∪ dirty nodes of that kind. A new bitmap. */
  public RoaringBitmap ofKind(String kind) {
    int k = kindId(kind);
    RoaringBitmap out = new RoaringBitmap();
    if (k < 0) {
      return out;
    }
    if (k < base.kinds().size()) {
      out = base.ofKind(kind).toRoaringBitmap();
      out.andNot(dirty);
      out.andNot(tombstones);
    }
    for (int d = 0; d < delta.dirtyNodes.length; d++) {
      if (delta.nodes.kindId(d) == k) {
        out.add(delta.dirtyNodes[d]);
      }
    }
    return out;
  }

  /**
   * The number of live nodes of kind {@code kind}: the base's count, minus its nodes of that kind the delta changed or
   * removed, plus the delta's nodes of that kind. O(delta's dirty nodes and tombstones), no bitmap copied.
   */
  public long kindCount(String kind) {
    int k = kindId(kind);
    if (k < 0) {
      return 0;
    }
    long count = 0;
    if (k < base.kinds().size()) {
      count = base.ofKind(kind).getLongCardinality();
      for (int id : delta.tombstones) {
        count -= base.kindId(id) == k ? 1 : 0;
      }
      for (int id : delta.dirtyNodes) {
        count -= id < baseNodes && base.kindId(id) == k ? 1 : 0;
      }
    }
    for (int d = 0; d < delta.dirtyNodes.length; d++) {
      count += delta.nodes.kindId(d) == k ? 1 : 0;
    }
    return count;
  }

  /** The live nodes with effect {@code effect}: (base's − dirty − tombstones) ∪ the delta's. A new bitmap. */
  public RoaringBitmap withEffect(String effect) {
    int e = effectId(effect);
    RoaringBitmap out = new RoaringBitmap();
    if (e < 0) {
      return out;
    }
    if (e < base.effectNames().size()) {
      out = base.withEffect(effect).toRoaringBitmap();
      out.andNot(dirty);
      out.andNot(tombstones);
    }
    out.or(delta.effects[e].toRoaringBitmap());
    return out;
  }

  /**
   * The live nodes whose name starts with {@code prefix}: the base's contiguous range minus tombstones, plus the new
   * names with the prefix (not contiguous with it). O(log N + new names + range containers).
   */
  public RoaringBitmap withPrefix(String prefix) {
    IdRange range = base.withPrefix(prefix);
    RoaringBitmap out = new RoaringBitmap();
    out.add((long) range.start(), (long) range.end());
    out.andNot(tombstones);
    for (int i = 0; i < delta.newNames.length; i++) {
      if (delta.newNames[i].startsWith(prefix)) {
        out.add(baseNodes + i);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- files

  /** One past the largest file id: the base's files plus the delta's new paths. */
  public int fileIdBound() {
    return delta.fileBound;
  }

  /** Live files. */
  public int fileCount() {
    return delta.fileBound - delta.fileTombstones.length;
  }

  /** Whether {@code fileId} is a file of the layered graph. */
  public boolean isFileLive(int fileId) {
    return fileId >= 0 && fileId < delta.fileBound && !fileTombstones.contains(fileId);
  }

  private void checkFile(int fileId) {
    Objects.checkIndex(fileId, delta.fileBound);
    if (fileTombstones.contains(fileId)) {
      throw new IllegalArgumentException("file " + fileId + " (" + base.filePath(fileId) + ") was deleted by delta "
          + delta.resource);
    }
  }

  /** File {@code fileId}'s path. */
  public String filePath(int fileId) {
    checkFile(fileId);
    return fileId < baseFiles ? base.filePath(fileId) : delta.newFilePaths[fileId - baseFiles];
  }

  /** The id of the live file {@code path}, or -1. */
  public int fileId(String path) {
    Integer added = newFileIds.get(path);
    if (added != null) {
      return added;
    }
    int f = base.fileId(path);
    return f >= 0 && fileTombstones.contains(f) ? -1 : f;
  }

  /** File {@code fileId}'s object id (hex). */
  public String fileObjectId(int fileId) {
    checkFile(fileId);
    int d = delta.dirtyFileIndex(fileId);
    return d >= 0 ? HexFormat.of().formatHex(FileRecordFormat.objectId(delta.files, d).toArray(LittleEndian.BYTE))
        : base.fileObjectId(fileId);
  }

  /** File {@code fileId}'s source SHA-256, or {@code null} when unknown. */
  public byte[] fileSourceSha256(int fileId) {
    checkFile(fileId);
    int d = delta.dirtyFileIndex(fileId);
    if (d < 0) {
      return base.fileSourceSha256(fileId);
    }
    byte[] sha = FileRecordFormat.sourceSha256(delta.files, d).toArray(LittleEndian.BYTE);
    for (byte b : sha) {
      if (b != 0) {
        return sha;
      }
    }
    return null;
  }

  /** File {@code fileId}'s language. */
  public String fileLanguage(int fileId) {
    checkFile(fileId);
    int d = delta.dirtyFileIndex(fileId);
    return d >= 0 ? languages.get(FileRecordFormat.languageId(delta.files, d)) : base.fileLanguage(fileId);
  }

  /** File {@code fileId}'s symbol count. */
  public int fileSymbolCount(int fileId) {
    checkFile(fileId);
    int d = delta.dirtyFileIndex(fileId);
    return d >= 0 ? FileRecordFormat.symbolCount(delta.files, d) : base.fileSymbolCount(fileId);
  }

  /** File {@code fileId}'s nodes by LineStart ascending, LineEnd descending, then name. A new array. */
  public int[] fileSymbols(int fileId) {
    checkFile(fileId);
    int d = delta.dirtyFileIndex(fileId);
    return d >= 0 ? delta.fileSymbols[d].clone() : base.fileSymbols(fileId);
  }

  // ---------------------------------------------------------------- conflicts

  /** The conflicts: the base's of names the delta did not touch, and the delta's; sorted by name, dropped path. */
  public List<Conflict> conflicts() {
    Set<String> replaced = new HashSet<>(Arrays.asList(delta.conflictNames));
    List<Conflict> out = new ArrayList<>();
    for (Conflict c : base.conflicts()) {
      if (!replaced.contains(c.name())) {
        out.add(c);
      }
    }
    for (int i = 0; i < delta.conflicts.length; i += 3) {
      out.add(new Conflict(delta.conflicts[i], delta.conflicts[i + 1], delta.conflicts[i + 2]));
    }
    out.sort((a, b) -> {
      int c = compareNames(a.name(), b.name());
      return c != 0 ? c : compareNames(a.droppedPath(), b.droppedPath());
    });
    return Collections.unmodifiableList(out);
  }

  /**
   * The order names, paths, kinds, effects and edge types are sorted in: by Unicode code point, which is the order of
   * their UTF-8 bytes compared unsigned (not {@link String#compareTo}, which compares UTF-16 units).
   */
  public static int compareNames(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  // ---------------------------------------------------------------- verify

  /**
   * Verifies both layers and their agreement: the base as {@link GraphSnapshot#verify()} does; the delta's section
   * checksums and padding; the base's SHA-256 against the delta's BASE; and O(delta + base rows of touched nodes):
   * new names and paths absent from the base; dirty nodes, FORWARD keys and every row's neighbours live; each
   * REVERSE_REMOVED edge in its target's base in-row and each REVERSE_ADDED edge not; the REVERSE_* lists exactly the
   * transpose of the difference between each FORWARD row and the base's row of that node; every tombstone without
   * in-edges; dirty files and node files live.
   *
   * @throws CorruptSnapshotException naming the file and what disagrees
   * @throws IOException if the base cannot be read for hashing
   */
  public void verify() throws IOException {
    new LayeredVerifier(this, base, basePath, delta).verify();
  }
}
