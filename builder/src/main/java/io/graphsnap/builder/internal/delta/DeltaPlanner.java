package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.ChangeSet;
import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out what a change does to the base snapshot, reading only what the change touches: the changed paths'
 * old and new objects, the declarers of every name those objects declare (via {@link NameResolver}), and the
 * base's records, edges and in-degrees of the touched nodes and of the targets of appearing or disappearing
 * edges. Produces a {@link Delta}; O(changed objects + touched names' declarers and edges), independent of
 * the snapshot's size except for base in-lists of touched targets (copied once) and, when a language may
 * vanish, a scan of the file table's language column.
 *
 * <p>Mutable, single-use, not thread-safe.
 */
final class DeltaPlanner {
  private static final byte[] NO_DETAILS = new byte[0];

  private final BaseSnapshot raw;
  private final GraphSnapshot base;
  private final ChangeSet changes;
  private final Map<String, ChangedFile> changed = new TreeMap<>();
  private final Map<String, NodeState> states = new HashMap<>();
  private final Map<String, Integer> symbolCountDelta = new HashMap<>();
  private final Map<String, Long> typeCounts = new HashMap<>();
  private final List<Conflict> newConflicts = new ArrayList<>();
  private final Set<String> dirty = new TreeSet<>();
  private NameResolver resolver;

  DeltaPlanner(BaseSnapshot raw, ChangeSet changes) {
    this.raw = raw;
    this.base = raw.graph;
    this.changes = changes;
  }

  /** Paths whose object changed (known after {@link #plan()}). */
  int changedFiles() {
    return changed.size();
  }

  /** Names the changed objects declare (known after {@link #plan()}). */
  int touchedNames() {
    return dirty.size();
  }

  /** Objects read besides the changed files' (known after {@link #plan()}). */
  int extraObjectsRead() {
    return resolver == null ? 0 : resolver.objectsRead();
  }

  /** The delta, or {@code null} if no path's object differs from the base's. */
  Delta plan() throws IOException {
    if (!resolve()) {
      return null;
    }
    return new DeltaAssembler(raw, states, changed, symbolCountDelta, typeCounts, conflicts()).assemble();
  }

  /**
   * What the change does by name, before any id is assigned: the input of a layered delta
   * ({@link LayerAssembler}), which keeps the base's ids instead of assigning the compacted ones.
   *
   * @param states the new state of every touched name
   * @param changed the changed paths
   * @param symbolCountDelta per path, the change of its symbol count
   * @param typeCounts per edge type name, its new edge count
   * @param dirtyNames the names the changed files declare before or after, sorted
   * @param conflicts the new conflicts of {@code dirtyNames}, unsorted
   */
  record Resolution(Map<String, NodeState> states, Map<String, ChangedFile> changed,
      Map<String, Integer> symbolCountDelta, Map<String, Long> typeCounts, Set<String> dirtyNames,
      List<Conflict> conflicts) {}

  /** The change by name, or {@code null} if no path's object differs from the base's. */
  Resolution planByName() throws IOException {
    if (!resolve()) {
      return null;
    }
    return new Resolution(states, changed, symbolCountDelta, typeCounts, dirty, newConflicts);
  }

  /** Reads the changed files and resolves every touched name; false if nothing changed. */
  private boolean resolve() throws IOException {
    readChangedFiles();
    if (changed.isEmpty()) {
      return false;
    }
    resolver = new NameResolver(raw, changes, changed);
    List<String> types = base.edgeTypes();
    for (int t = 0; t < types.size(); t++) {
      typeCounts.put(types.get(t), base.edgeCount(t));
    }
    for (ChangedFile f : changed.values()) {
      dirty.addAll(f.before().keySet());
      dirty.addAll(f.after().keySet());
    }
    for (String name : dirty) {
      resolveDirty(name);
    }
    for (NodeState s : states.values()) {
      decidePresence(s);
    }
    return true;
  }

  private void readChangedFiles() throws IOException {
    for (String path : new TreeSet<>(changes.changedPaths())) {
      int fileId = base.fileId(path);
      ObjectId before = fileId < 0 ? null : ObjectId.parse(base.fileObjectId(fileId));
      ObjectId now = changes.currentObject(path);
      if (Objects.equals(before, now)) {
        continue;
      }
      FileSummary old = before == null ? null : changes.read(before);
      FileSummary current = now == null ? null : changes.read(now);
      if (current != null && !current.path().equals(path)) {
        throw new IllegalStateException("object " + now.hex() + " is indexed for " + path + " but describes "
            + current.path());
      }
      changed.put(path, new ChangedFile(path, fileId, current, now, FileDecls.of(old), FileDecls.of(current)));
    }
  }

  private NodeState state(String name) {
    NodeState s = states.get(name);
    if (s == null) {
      s = new NodeState(name, base.node(name));
      states.put(name, s);
    }
    return s;
  }

  private void resolveDirty(String name) throws IOException {
    NodeState s = state(name);
    s.dirty = true;
    NameResolver.Resolved r = resolver.resolve(name);
    int oldId = s.oldId;
    if (oldId >= 0 && !base.isExternal(oldId)) {
      symbolCountDelta.merge(base.file(oldId), -1, Integer::sum);
    }
    if (r.declared()) {
      symbolCountDelta.merge(r.winnerPath(), 1, Integer::sum);
      s.record = r.record();
      s.details = r.details();
    }
    s.effects = r.effects();
    Set<Decl.EdgeKey> before = resolver.baseOut(oldId);
    boolean outChanged = !before.equals(r.out());
    if (r.sites() != null) {
      s.siteLines = r.sites();
      s.sites = SiteEntries.encode(r.out(), r.sites());
    } else if (outChanged) { // the base's winner, unchanged, gives the lines; other declarations changed the row
      s.siteLines = SiteEntries.ofBase(base, oldId);
      s.sites = SiteEntries.encode(r.out(), s.siteLines);
    }
    if (outChanged) {
      s.out = r.out();
      for (Decl.EdgeKey e : before) {
        if (!r.out().contains(e)) {
          state(e.target()).removeIn(base.edgeTypeId(e.type()), oldId);
          typeCounts.merge(e.type(), -1L, Long::sum);
        }
      }
      for (Decl.EdgeKey e : r.out()) {
        if (!before.contains(e)) {
          state(e.target()).addIn(e.type(), name);
          typeCounts.merge(e.type(), 1L, Long::sum);
        }
      }
    }
    newConflicts.addAll(r.conflicts());
  }

  /** A name is a node if declared or the target of an edge; an undeclared node is external. */
  private void decidePresence(NodeState s) {
    boolean declared = s.dirty ? s.record != null : s.oldId >= 0 && !base.isExternal(s.oldId);
    long inDegree = (s.oldId >= 0 ? base.inDegree(s.oldId) : 0) + s.inDelta();
    s.present = declared || inDegree > 0;
    if (s.present && !declared && (s.dirty || s.oldId < 0)) {
      s.record = NodeRecord.EXTERNAL;
      s.details = NO_DETAILS;
      s.effects = Set.of();
    }
    if (s.oldId < 0 && s.out == null) {
      s.out = Set.of();
    }
  }

  /** The base's conflicts of untouched names and the touched names' new ones, sorted as the full build sorts. */
  private List<Conflict> conflicts() {
    List<Conflict> all = new ArrayList<>();
    for (Conflict c : base.conflicts()) {
      if (!dirty.contains(c.name())) {
        all.add(c);
      }
    }
    all.addAll(newConflicts);
    all.sort((a, b) -> {
      int r = Utf8.compare(a.name(), b.name());
      return r != 0 ? r : Utf8.compare(a.droppedPath(), b.droppedPath());
    });
    return all;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
