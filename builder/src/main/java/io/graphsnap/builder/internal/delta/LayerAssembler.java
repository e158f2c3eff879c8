package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.delta.DeltaBaseFormat;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Turns the planner's states by name ({@link DeltaPlanner.Resolution}) into a {@link LayerDelta}: base ids kept,
 * new names, paths and dictionary entries numbered after the base's. Reads from the base only what the change
 * touches: the records, details, effects and out-rows of dirty nodes, the symbol lists of dirty files, dictionary
 * look-ups. Never a pass over the base's nodes, edges or files: O(touched states + their rows + dirty files'
 * symbols + base dictionaries). Single-use.
 */
final class LayerAssembler {
  private final BaseSnapshot raw;
  private final GraphSnapshot base;
  private final DeltaPlanner.Resolution r;
  private final LayerDelta d = new LayerDelta();
  private final Map<String, Integer> newNodeIds = new HashMap<>();
  private final Map<String, Integer> newFileIds = new HashMap<>();
  private LayerDictionaries dictionaries;
  private final IntOpenHashSet tombstoned = new IntOpenHashSet();
  private final IntOpenHashSet tombstonedFiles = new IntOpenHashSet();
  /** Present states with a new record, by layered id. */
  private final Int2ObjectOpenHashMap<NodeState> dirty = new Int2ObjectOpenHashMap<>();
  /** Base rows and records read (for the cost counter). */
  private long baseEntriesRead;

  LayerAssembler(BaseSnapshot raw, DeltaPlanner.Resolution resolution, byte[] baseId) {
    this.raw = raw;
    this.base = raw.graph;
    this.r = resolution;
    d.base = new DeltaBaseFormat.Base(baseId, raw.nodeCount, raw.fileCount, base.kinds().size(),
        base.effectNames().size(), base.edgeTypes().size(), raw.languages.length);
  }

  /** Base node records, rows and file lists this assembly read: O(change), the counter tests check. */
  long baseEntriesRead() {
    return baseEntriesRead;
  }

  LayerDelta assemble() {
    dictionaries();
    nodes();
    files();
    records();
    forward();
    reverse();
    fileSymbols();
    conflicts();
    totals();
    return d;
  }

  // ---------------------------------------------------------------- dictionaries

  private void dictionaries() {
    dictionaries = new LayerDictionaries(raw, r);
    d.addedKinds = dictionaries.addedKinds;
    d.addedEffects = dictionaries.addedEffects;
    d.addedEdgeTypes = dictionaries.addedEdgeTypes;
    d.addedLanguages = dictionaries.addedLanguages;
    d.edgeTypeCounts = dictionaries.edgeTypeCounts;
  }

  private int kindId(String kind) {
    return dictionaries.kindId(kind);
  }

  private int effectId(String effect) {
    return dictionaries.effectId(effect);
  }

  private int typeId(String type) {
    return dictionaries.typeId(type);
  }

  private int languageId(String language) {
    return dictionaries.languageId(language);
  }

  // ---------------------------------------------------------------- node ids

  private void nodes() {
    List<String> added = new ArrayList<>();
    IntArrayList tombs = new IntArrayList();
    for (NodeState s : r.states().values()) {
      if (s.oldId < 0 && s.present) {
        added.add(s.name);
      } else if (s.oldId >= 0 && !s.present) {
        tombs.add(s.oldId);
        tombstoned.add(s.oldId);
      }
    }
    added.sort(Utf8::compare);
    d.newNames = added.toArray(String[]::new);
    for (int i = 0; i < d.newNames.length; i++) {
      newNodeIds.put(d.newNames[i], raw.nodeCount + i);
    }
    d.tombstones = sorted(tombs);
    IntArrayList dirtyIds = new IntArrayList();
    for (NodeState s : r.states().values()) {
      if (s.present && s.record != null) {
        int id = layeredId(s);
        dirty.put(id, s);
        dirtyIds.add(id);
      }
    }
    d.dirtyNodes = sorted(dirtyIds);
  }

  private static int[] sorted(IntArrayList ids) {
    int[] out = ids.toIntArray();
    Arrays.sort(out);
    return out;
  }

  private int layeredId(NodeState s) {
    return s.oldId >= 0 ? s.oldId : newNodeIds.get(s.name);
  }

  /** The layered id of live node {@code name}. */
  private int nodeId(String name) {
    NodeState s = r.states().get(name);
    int id;
    if (s != null) {
      id = s.present ? layeredId(s) : -1;
    } else {
      id = base.node(name);
    }
    if (id < 0) {
      throw new IllegalStateException("edge end " + Utf8.quote(name) + " is not a node of the layered graph");
    }
    return id;
  }

  // ---------------------------------------------------------------- files

  private void files() {
    List<String> added = new ArrayList<>();
    IntArrayList tombs = new IntArrayList();
    for (ChangedFile f : r.changed().values()) {
      if (f.baseFileId() < 0 && f.now() != null) {
        added.add(f.path());
      } else if (f.baseFileId() >= 0 && f.now() == null) {
        tombs.add(f.baseFileId());
        tombstonedFiles.add(f.baseFileId());
      }
    }
    added.sort(Utf8::compare);
    d.newFilePaths = added.toArray(String[]::new);
    for (int i = 0; i < d.newFilePaths.length; i++) {
      newFileIds.put(d.newFilePaths[i], raw.fileCount + i);
    }
    d.fileTombstones = sorted(tombs);
  }

  /** The layered id of live file {@code path}. */
  private int fileId(String path) {
    Integer added = newFileIds.get(path);
    int id = added != null ? added : base.fileId(path);
    if (id < 0 || tombstonedFiles.contains(id)) {
      throw new IllegalStateException("node file " + path + " is not a file of the layered graph");
    }
    return id;
  }

  // ---------------------------------------------------------------- dirty nodes

  private void records() {
    int n = d.dirtyNodes.length;
    d.records = new int[n][];
    d.details = new byte[n][];
    int effectCount = d.base.effectCount() + d.addedEffects.length;
    d.effects = new RoaringBitmap[effectCount];
    for (int e = 0; e < effectCount; e++) {
      d.effects[e] = new RoaringBitmap();
    }
    for (int i = 0; i < n; i++) {
      int id = d.dirtyNodes[i];
      NodeState s = dirty.get(id);
      NodeRecord rec = s.record;
      int file = rec.filePath() == null ? -1 : fileId(rec.filePath());
      d.records[i] = new int[] {file, rec.lineStart(), rec.lineEnd(), kindId(rec.kind()), rec.flags()};
      if (s.details != null) {
        d.details[i] = s.details;
      } else {
        d.details[i] = raw.detailBytes(s.oldId);
        baseEntriesRead++;
      }
      Collection<String> effects = s.effects;
      if (effects == null) {
        effects = raw.effectsOf(s.oldId, base.effectNames());
        baseEntriesRead++;
      }
      for (String e : effects) {
        d.effects[effectId(e)].add(id);
      }
    }
    for (RoaringBitmap b : d.effects) {
      b.runOptimize();
    }
  }

  // ---------------------------------------------------------------- rows

  private void forward() {
    List<NodeState> keyed = new ArrayList<>();
    for (NodeState s : r.states().values()) {
      boolean newAndEmpty = s.oldId < 0 && (s.out == null || s.out.isEmpty()) && s.sites == null;
      if (s.present && (s.out != null || s.sites != null) && !newAndEmpty) {
        keyed.add(s);
      }
    }
    keyed.sort((a, b) -> Integer.compare(layeredId(a), layeredId(b)));
    int[] keys = new int[keyed.size()];
    long[] offsets = new long[keyed.size() + 1];
    IntArrayList neighbours = new IntArrayList();
    List<Byte> typeList = new ArrayList<>();
    d.forwardSites = new byte[keyed.size()][];
    List<String> baseTypes = base.edgeTypes();
    CallSitesFormat.EntryEncoder encoder = new CallSitesFormat.EntryEncoder();
    for (int i = 0; i < keys.length; i++) {
      NodeState s = keyed.get(i);
      keys[i] = layeredId(s);
      long[] row;
      Decl.EdgeKey[] byName;
      if (s.out != null) {
        Decl.EdgeKey[] edges = s.out.toArray(Decl.EdgeKey[]::new);
        long[] packed = new long[edges.length];
        for (int j = 0; j < edges.length; j++) {
          packed[j] = (long) typeId(edges[j].type()) << 32 | nodeId(edges[j].target());
        }
        Integer[] order = new Integer[edges.length];
        for (int j = 0; j < order.length; j++) {
          order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Long.compare(packed[a], packed[b]));
        row = new long[edges.length];
        byName = new Decl.EdgeKey[edges.length];
        for (int j = 0; j < order.length; j++) {
          row[j] = packed[order[j]];
          byName[j] = edges[order[j]];
        }
      } else { // only the sites changed: the base's row, whose ids are the layered ones
        LongArrayList base = new LongArrayList();
        List<Decl.EdgeKey> names = new ArrayList<>();
        EdgeCursor c = this.base.out(s.oldId);
        for (int t = c.next(); t >= 0; t = c.next()) {
          base.add((long) c.type() << 32 | t);
          names.add(new Decl.EdgeKey(baseTypes.get(c.type()), this.base.name(t)));
        }
        baseEntriesRead++;
        row = base.toLongArray();
        byName = names.toArray(Decl.EdgeKey[]::new);
      }
      encoder.reset();
      for (int j = 0; j < row.length; j++) {
        neighbours.add((int) row[j]);
        typeList.add((byte) (row[j] >>> 32));
        int[] lines = s.siteLines == null ? null : s.siteLines.get(byName[j]);
        if (lines != null && lines.length > 0) {
          encoder.add(j, lines);
        }
      }
      d.forwardSites[i] = encoder.isEmpty() ? SiteEntries.NONE : encoder.toByteArray();
      offsets[i + 1] = neighbours.size();
    }
    d.forward = new LayerDelta.Rows(keys, offsets, neighbours.toIntArray(), bytes(typeList));
  }

  private static byte[] bytes(List<Byte> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  private void reverse() {
    List<NodeState> added = new ArrayList<>();
    List<NodeState> removed = new ArrayList<>();
    for (NodeState s : r.states().values()) {
      if (s.addedIn != null) {
        added.add(s);
      }
      if (s.removedIn != null) {
        removed.add(s);
      }
    }
    d.reverseAdded = rows(added, s -> {
      long[] packed = new long[s.addedIn.size()];
      for (int j = 0; j < packed.length; j++) {
        Decl.EdgeKey e = s.addedIn.get(j);
        packed[j] = (long) typeId(e.type()) << 32 | nodeId(e.target());
      }
      return packed;
    });
    d.reverseRemoved = rows(removed, s -> s.removedIn.toLongArray());
  }

  private LayerDelta.Rows rows(List<NodeState> targets, java.util.function.Function<NodeState, long[]> edges) {
    for (NodeState s : targets) {
      if (!s.present && s.oldId < 0) {
        throw new IllegalStateException("in-edges of " + Utf8.quote(s.name) + ", which is no node");
      }
    }
    targets.sort((a, b) -> Integer.compare(layeredId(a), layeredId(b)));
    int[] keys = new int[targets.size()];
    long[] offsets = new long[keys.length + 1];
    IntArrayList neighbours = new IntArrayList();
    List<Byte> types = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = layeredId(targets.get(i));
      long[] packed = edges.apply(targets.get(i));
      Arrays.sort(packed);
      for (long p : packed) {
        neighbours.add((int) p);
        types.add((byte) (p >>> 32));
      }
      offsets[i + 1] = neighbours.size();
    }
    return new LayerDelta.Rows(keys, offsets, neighbours.toIntArray(), bytes(types));
  }

  // ---------------------------------------------------------------- files' records and symbol lists

  private void fileSymbols() {
    IntOpenHashSet dirtyFiles = new IntOpenHashSet();
    Int2ObjectOpenHashMap<IntArrayList> dirtyByFile = new Int2ObjectOpenHashMap<>();
    for (ChangedFile f : r.changed().values()) {
      if (f.now() != null) {
        dirtyFiles.add(fileId(f.path()));
      }
    }
    for (Map.Entry<String, Integer> e : r.symbolCountDelta().entrySet()) {
      ChangedFile changed = r.changed().get(e.getKey());
      if (e.getValue() != 0 && (changed == null || changed.now() != null)) {
        dirtyFiles.add(fileId(e.getKey()));
      }
    }
    for (NodeState s : r.states().values()) {
      if (s.oldId >= 0 && (!s.present || s.record != null)) { // its base file loses it or sees it change
        int f = base.fileId(s.oldId);
        if (f >= 0 && !tombstonedFiles.contains(f)) {
          dirtyFiles.add(f);
        }
      }
    }
    for (int i = 0; i < d.dirtyNodes.length; i++) {
      int f = d.records[i][0];
      if (f >= 0) {
        dirtyFiles.add(f);
        dirtyByFile.computeIfAbsent(f, k -> new IntArrayList()).add(d.dirtyNodes[i]);
      }
    }
    d.dirtyFiles = dirtyFiles.toIntArray();
    Arrays.sort(d.dirtyFiles);
    int h = d.dirtyFiles.length;
    d.fileSourceSha256 = new byte[h][];
    d.fileObjectIds = new byte[h][];
    d.fileLanguageIds = new int[h];
    d.fileSymbolCounts = new int[h];
    d.fileSymbols = new int[h][];
    for (int i = 0; i < h; i++) {
      int f = d.dirtyFiles[i];
      String path = f < raw.fileCount ? base.filePath(f) : d.newFilePaths[f - raw.fileCount];
      fileRecord(i, f, path);
      d.fileSymbols[i] = symbolsOf(f, dirtyByFile.get(f));
    }
  }

  private void fileRecord(int i, int f, String path) {
    ChangedFile changed = r.changed().get(path);
    int before = f < raw.fileCount ? raw.fileSymbolCount(f) : 0;
    d.fileSymbolCounts[i] = before + r.symbolCountDelta().getOrDefault(path, 0);
    if (changed != null && changed.now() != null) {
      d.fileSourceSha256[i] = changed.now().sourceSha256();
      d.fileObjectIds[i] = changed.nowObject().toBytes();
      d.fileLanguageIds[i] = languageId(changed.now().language());
    } else {
      d.fileSourceSha256[i] = raw.fileRecords.sourceSha256(f).toArray(ValueLayout.JAVA_BYTE);
      d.fileObjectIds[i] = raw.fileRecords.objectId(f).toArray(ValueLayout.JAVA_BYTE);
      d.fileLanguageIds[i] = raw.fileLanguageId(f);
      baseEntriesRead++;
    }
  }

  /** One symbol of a file list: its lines and name decide the order. */
  private record Symbol(int id, int lineStart, int lineEnd, String name) {}

  /** File {@code f}'s nodes: the base's that stay, plus its dirty ones, in FILE_SYMBOLS order with ties by name. */
  private int[] symbolsOf(int f, IntArrayList dirtyHere) {
    List<Symbol> symbols = new ArrayList<>();
    if (f < raw.fileCount) {
      for (int v : base.fileSymbols(f)) {
        if (!tombstoned.contains(v) && !dirty.containsKey(v)) {
          symbols.add(new Symbol(v, base.lineStart(v), base.lineEnd(v), base.name(v)));
        }
      }
      baseEntriesRead++;
    }
    if (dirtyHere != null) {
      for (int v : dirtyHere) {
        NodeState s = dirty.get(v);
        symbols.add(new Symbol(v, s.record.lineStart(), s.record.lineEnd(), s.name));
      }
    }
    symbols.sort((a, b) -> a.lineStart != b.lineStart ? Integer.compare(a.lineStart, b.lineStart)
        : a.lineEnd != b.lineEnd ? Integer.compare(b.lineEnd, a.lineEnd) : Utf8.compare(a.name, b.name));
    int[] ids = new int[symbols.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = symbols.get(i).id;
    }
    return ids;
  }

  // ---------------------------------------------------------------- conflicts and totals

  private void conflicts() {
    List<String> names = new ArrayList<>(r.dirtyNames());
    names.sort(Utf8::compare);
    d.conflictNames = names.toArray(String[]::new);
    List<Conflict> conflicts = new ArrayList<>(r.conflicts());
    conflicts.sort((a, b) -> {
      int c = Utf8.compare(a.name(), b.name());
      return c != 0 ? c : Utf8.compare(a.droppedPath(), b.droppedPath());
    });
    d.conflicts = conflicts;
  }

  private void totals() {
    long externals = Long.parseLong(base.buildInfo().getOrDefault("externalNodes", "0"));
    for (NodeState s : r.states().values()) {
      boolean wasExternal = s.oldId >= 0 && base.isExternal(s.oldId);
      boolean isExternal = s.present && (s.record != null ? s.record.external() : wasExternal);
      externals += (isExternal ? 1 : 0) - (wasExternal ? 1 : 0);
    }
    long edges = 0;
    for (long c : d.edgeTypeCounts) {
      edges += c;
    }
    long nodes = (long) raw.nodeCount + d.newNames.length - d.tombstones.length;
    long files = (long) raw.fileCount + d.newFilePaths.length - d.fileTombstones.length;
    d.info = new String[] {
        "edges", Long.toString(edges),
        "externalNodes", Long.toString(externals),
        "files", Long.toString(files),
        "nodes", Long.toString(nodes),
        "tool", base.buildInfo().getOrDefault("tool", ""),
    };
  }

  /** The base's id as bytes, from its 64-hex name. */
  static byte[] idBytes(String hex) {
    return Hex.sha256(hex, "base snapshot id");
  }
}
