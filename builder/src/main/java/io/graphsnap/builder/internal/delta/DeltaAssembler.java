package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the planner's states by name into a {@link Delta} with final ids: splices of the node and file tables,
 * the new dictionaries (a kind, effect, edge type or language stays iff something still uses it), and each
 * touched node's record, out-list and in-list in new ids, sorted as the format requires. O(touched states +
 * their edge lists + dictionaries); the only O(N) work is the splice's id map when nodes move. Single-use.
 */
final class DeltaAssembler {
  private final BaseSnapshot raw;
  private final GraphSnapshot base;
  private final Map<String, NodeState> states;
  private final Map<String, ChangedFile> changed;
  private final Map<String, Integer> symbolCountDelta;
  private final Map<String, Long> typeCounts;
  private final Delta d = new Delta();
  private final Map<String, Integer> kindIds = new HashMap<>();
  private final Map<String, Integer> typeIds = new HashMap<>();
  private final Map<String, Integer> addedFileIds = new HashMap<>();

  DeltaAssembler(BaseSnapshot raw, Map<String, NodeState> states, Map<String, ChangedFile> changed,
      Map<String, Integer> symbolCountDelta, Map<String, Long> typeCounts, List<Conflict> conflicts) {
    this.raw = raw;
    this.base = raw.graph;
    this.states = states;
    this.changed = changed;
    this.symbolCountDelta = symbolCountDelta;
    this.typeCounts = typeCounts;
    d.base = raw;
    d.conflicts = conflicts;
  }

  Delta assemble() {
    spliceNodes();
    spliceFiles();
    kinds();
    effects();
    edgeTypes();
    languages();
    for (NodeState s : d.nodeItems) {
      resolveIds(s);
    }
    return d;
  }

  private void spliceNodes() {
    List<NodeState> removed = new ArrayList<>();
    List<NodeState> touched = new ArrayList<>();
    List<NodeState> added = new ArrayList<>();
    int externals = Integer.parseInt(base.buildInfo().getOrDefault("externalNodes", "0"));
    List<Integer> overridden = new ArrayList<>();
    for (NodeState s : states.values()) {
      boolean wasExternal = s.oldId >= 0 && base.isExternal(s.oldId);
      boolean isExternal = s.present && (s.record != null ? s.record.external() : wasExternal);
      externals += (isExternal ? 1 : 0) - (wasExternal ? 1 : 0);
      if (s.oldId >= 0 && s.effects != null) {
        overridden.add(s.oldId);
      }
      if (s.oldId >= 0) {
        (s.present ? touched : removed).add(s);
      } else if (s.present) {
        added.add(s);
      }
    }
    d.externalCount = externals;
    d.effectsOverridden = overridden.stream().mapToInt(Integer::intValue).sorted().toArray();
    removed.sort((a, b) -> Integer.compare(a.oldId, b.oldId));
    touched.sort((a, b) -> Integer.compare(a.oldId, b.oldId));
    added.sort((a, b) -> Utf8.compare(a.name, b.name));
    int[] insertAt = new int[added.size()];
    for (int i = 0; i < insertAt.length; i++) {
      insertAt[i] = raw.nameLowerBound(DeltaPlanner.utf8(added.get(i).name));
    }
    d.nodes = new Splice(raw.nodeCount, oldIds(removed), oldIds(touched), insertAt);
    d.nodeItems = new NodeState[touched.size() + added.size()];
    for (int i = 0; i < touched.size(); i++) {
      d.nodeItems[i] = touched.get(i);
    }
    for (int i = 0; i < added.size(); i++) {
      d.nodeItems[touched.size() + i] = added.get(i);
    }
    for (int i = 0; i < d.nodeItems.length; i++) {
      d.nodeItems[i].newId = d.nodes.itemNewId[i];
    }
  }

  private static int[] oldIds(List<NodeState> list) {
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = list.get(i).oldId;
    }
    return ids;
  }

  private void spliceFiles() {
    Map<String, FileState> byPath = new HashMap<>();
    for (ChangedFile f : changed.values()) {
      FileState s = new FileState(f.path(), f.baseFileId());
      if (f.now() != null) {
        s.sourceSha256 = f.now().sourceSha256();
        s.objectId = f.nowObject().toBytes();
        s.language = f.now().language();
      }
      byPath.put(f.path(), s);
    }
    for (Map.Entry<String, Integer> e : symbolCountDelta.entrySet()) {
      if (e.getValue() != 0 && !byPath.containsKey(e.getKey())) {
        byPath.put(e.getKey(), new FileState(e.getKey(), base.fileId(e.getKey())));
      }
    }
    List<FileState> removed = new ArrayList<>();
    List<FileState> touched = new ArrayList<>();
    List<FileState> added = new ArrayList<>();
    for (FileState s : byPath.values()) {
      int before = s.baseFileId >= 0 ? raw.fileSymbolCount(s.baseFileId) : 0;
      s.symbolCount = before + symbolCountDelta.getOrDefault(s.path, 0);
      ChangedFile f = changed.get(s.path);
      boolean deleted = f != null && f.now() == null;
      if (deleted) {
        if (s.symbolCount != 0) {
          throw new IllegalStateException("deleted file " + s.path + " would keep " + s.symbolCount + " symbols");
        }
        if (s.baseFileId >= 0) {
          removed.add(s);
        }
      } else if (s.baseFileId >= 0) {
        touched.add(s);
      } else {
        added.add(s);
      }
    }
    removed.sort((a, b) -> Integer.compare(a.baseFileId, b.baseFileId));
    touched.sort((a, b) -> Integer.compare(a.baseFileId, b.baseFileId));
    added.sort((a, b) -> Utf8.compare(a.path, b.path));
    int[] insertAt = new int[added.size()];
    for (int i = 0; i < insertAt.length; i++) {
      insertAt[i] = raw.filePathLowerBound(DeltaPlanner.utf8(added.get(i).path));
    }
    d.files = new Splice(raw.fileCount, fileIds(removed), fileIds(touched), insertAt);
    d.fileItems = new FileState[touched.size() + added.size()];
    for (int i = 0; i < touched.size(); i++) {
      d.fileItems[i] = touched.get(i);
    }
    for (int i = 0; i < added.size(); i++) {
      d.fileItems[touched.size() + i] = added.get(i);
    }
    for (int i = 0; i < d.fileItems.length; i++) {
      d.fileItems[i].newId = d.files.itemNewId[i];
      if (d.fileItems[i].baseFileId < 0) {
        addedFileIds.put(d.fileItems[i].path, d.fileItems[i].newId);
      }
    }
  }

  private static int[] fileIds(List<FileState> list) {
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = list.get(i).baseFileId;
    }
    return ids;
  }

  /** Kinds used by some node: base counts from the kind bitmaps, moved by every rewritten or removed node. */
  private void kinds() {
    List<String> baseKinds = base.kinds();
    Map<String, Long> counts = new HashMap<>();
    for (int k = 0; k < baseKinds.size(); k++) {
      counts.put(baseKinds.get(k), raw.kindBitmap(k).getLongCardinality());
    }
    for (NodeState s : states.values()) {
      if (s.oldId >= 0 && (s.record != null || !s.present)) {
        counts.merge(base.kind(s.oldId), -1L, Long::sum);
      }
      if (s.present && s.record != null) {
        counts.merge(s.record.kind(), 1L, Long::sum);
      }
    }
    d.kinds = used(counts);
    d.kindRemap = remap(baseKinds, d.kinds, kindIds);
    d.kindCounts = new long[d.kinds.length];
    for (int k = 0; k < d.kinds.length; k++) {
      d.kindCounts[k] = counts.get(d.kinds[k]);
    }
    if (d.kinds.length > SnapshotFormat.MAX_KINDS) {
      throw new io.graphsnap.builder.BuildInputException("the objects use " + d.kinds.length
          + " distinct kinds, more than the " + SnapshotFormat.MAX_KINDS + " a snapshot holds (a kind id is two bytes)");
    }
  }

  /** Effects some node has: base counts from the effect bitmaps, moved by every node whose effects are rewritten. */
  private void effects() {
    List<String> baseEffects = base.effectNames();
    Map<String, Long> counts = new HashMap<>();
    for (int e = 0; e < baseEffects.size(); e++) {
      counts.put(baseEffects.get(e), raw.effectBitmap(e).getLongCardinality());
    }
    for (NodeState s : states.values()) {
      if (s.effects == null) {
        continue;
      }
      if (s.oldId >= 0) {
        for (String e : raw.effectsOf(s.oldId, baseEffects)) {
          counts.merge(e, -1L, Long::sum);
        }
      }
      if (s.present) {
        for (String e : s.effects) {
          counts.merge(e, 1L, Long::sum);
        }
      }
    }
    d.effects = used(counts);
    d.effectRemap = remap(baseEffects, d.effects, new HashMap<>());
  }

  private void edgeTypes() {
    d.edgeTypes = used(typeCounts);
    if (d.edgeTypes.length > SnapshotFormat.MAX_EDGE_TYPES) {
      throw new io.graphsnap.builder.BuildInputException("the objects use " + d.edgeTypes.length
          + " distinct edge types, more than the " + SnapshotFormat.MAX_EDGE_TYPES + " a snapshot holds (a type id is one byte)");
    }
    d.typeRemap = remap(base.edgeTypes(), d.edgeTypes, typeIds);
    d.edgeTypeCounts = new long[d.edgeTypes.length];
    long total = 0;
    for (int t = 0; t < d.edgeTypes.length; t++) {
      d.edgeTypeCounts[t] = typeCounts.get(d.edgeTypes[t]);
      total += d.edgeTypeCounts[t];
    }
    d.edgeCount = total;
  }

  /**
   * Languages of the files after the change. A base language stays unless every base file that used it
   * changed and none of the changed files uses it now; only then is the language column scanned (stopping at
   * the first unchanged user).
   */
  private void languages() {
    Set<String> now = new HashSet<>();
    Set<Integer> maybeGone = new HashSet<>();
    for (ChangedFile f : changed.values()) {
      if (f.now() != null) {
        now.add(f.now().language());
      }
      if (f.baseFileId() >= 0) {
        maybeGone.add(raw.fileLanguageId(f.baseFileId()));
      }
    }
    Set<String> used = new HashSet<>(now);
    for (int l = 0; l < raw.languages.length; l++) {
      if (!maybeGone.contains(l) || now.contains(raw.languages[l]) || stillUsed(l)) {
        used.add(raw.languages[l]);
      }
    }
    String[] sorted = used.toArray(String[]::new);
    Arrays.sort(sorted, Utf8::compare);
    d.languages = sorted;
    d.languageRemap = remap(Arrays.asList(raw.languages), sorted, new HashMap<>());
  }

  private boolean stillUsed(int language) {
    for (int f = 0; f < raw.fileCount; f++) {
      if (raw.fileLanguageId(f) == language && !changed.containsKey(base.filePath(f))) {
        return true;
      }
    }
    return false;
  }

  private static String[] used(Map<String, Long> counts) {
    List<String> used = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalStateException("count of " + e.getKey() + " fell to " + e.getValue());
      }
      if (e.getValue() > 0) {
        used.add(e.getKey());
      }
    }
    String[] sorted = used.toArray(String[]::new);
    Arrays.sort(sorted, Utf8::compare);
    return sorted;
  }

  /** Base id → new id for a sorted dictionary; fills {@code ids} with new string → new id. */
  private static int[] remap(Collection<String> before, String[] after, Map<String, Integer> ids) {
    for (int i = 0; i < after.length; i++) {
      ids.put(after[i], i);
    }
    int[] remap = new int[before.size()];
    int i = 0;
    for (String s : before) {
      remap[i++] = ids.getOrDefault(s, -1);
    }
    return remap;
  }

  // ---------------------------------------------------------------- ids of touched nodes

  private int newNodeId(String name) {
    NodeState s = states.get(name);
    int id = s != null ? s.newId : d.nodes.newId(base.node(name));
    if (id < 0) {
      throw new IllegalStateException("edge end " + Utf8.quote(name) + " is not a node of the new snapshot");
    }
    return id;
  }

  private int newFileId(String path) {
    Integer added = addedFileIds.get(path);
    int id = added != null ? added : d.files.newId(base.fileId(path));
    if (id < 0) {
      throw new IllegalStateException("node file " + path + " is not a file of the new snapshot");
    }
    return id;
  }

  private void resolveIds(NodeState s) {
    if (s.record != null) {
      s.fileId = s.record.filePath() == null ? -1 : newFileId(s.record.filePath());
      s.kindId = kindIds.get(s.record.kind());
    }
    if (s.out != null) {
      long[] keys = new long[s.out.size()];
      int i = 0;
      for (Decl.EdgeKey e : s.out) {
        keys[i++] = (long) typeIds.get(e.type()) << 32 | newNodeId(e.target());
      }
      Arrays.sort(keys);
      s.outTargets = new int[keys.length];
      s.outTypes = new byte[keys.length];
      split(keys, keys.length, s.outTargets, s.outTypes);
    }
    if (s.inChanged()) {
      // The kept base in-edges, remapped, are already in (type, source) order (both remaps are monotone); only
      // the few added ones need sorting, then one merge.
      LongArrayList kept = new LongArrayList();
      if (s.oldId >= 0) {
        CsrView reverse = base.reverse();
        io.graphsnap.reader.EdgeCursor in = reverse.cursor(s.oldId); // either adjacency layout, O(in-degree)
        for (int source = in.next(); source >= 0; source = in.next()) {
          int type = in.type();
          if (s.removedIn == null || !s.removedIn.contains((long) type << 32 | source)) {
            kept.add((long) d.typeRemap[type] << 32 | d.nodes.newId(source));
          }
        }
      }
      long[] added = new long[s.addedIn == null ? 0 : s.addedIn.size()];
      for (int i = 0; i < added.length; i++) {
        Decl.EdgeKey e = s.addedIn.get(i);
        added[i] = (long) typeIds.get(e.type()) << 32 | newNodeId(e.target());
      }
      Arrays.sort(added);
      long[] merged = merge(kept.elements(), kept.size(), added);
      s.inSources = new int[merged.length];
      s.inTypes = new byte[merged.length];
      split(merged, merged.length, s.inSources, s.inTypes);
    }
  }

  /** Merges two sorted key arrays ({@code a} has {@code n} keys). */
  private static long[] merge(long[] a, int n, long[] b) {
    long[] out = new long[n + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < n || j < b.length) {
      out[k++] = j == b.length || (i < n && a[i] < b[j]) ? a[i++] : b[j++];
    }
    return out;
  }

  private static void split(long[] keys, int n, int[] others, byte[] types) {
    for (int i = 0; i < n; i++) {
      others[i] = (int) keys[i];
      types[i] = (byte) (keys[i] >>> 32);
    }
  }
}
