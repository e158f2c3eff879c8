package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.ChangeSet;
import io.graphsnap.builder.internal.Utf8;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.Conflict;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the new resolution of one name whose declarations a change touched (docs/DESIGN.md §1, the rules of the
 * full build's {@code Resolution}): not declared, declared once, a merged namespace, or a conflict won by the
 * path that sorts first. It reads as little as it can: the current declarers come from the {@link ChangeSet}
 * (the index), changed files were read once by the planner, and an unchanged declarer's data is taken from the
 * base snapshot when the base node holds exactly that declaration (it was the only one, or the conflict's
 * winner); otherwise its object is read (once per build, cached). For a merged namespace whose changed
 * declarations withdrew nothing, the base node's effects and edges are reused and no other declarer is read.
 *
 * <p>Mutable (caches), single-use, not thread-safe.
 */
final class NameResolver {
  private final GraphSnapshot base;
  private final BaseSnapshot raw;
  private final ChangeSet changes;
  private final Map<String, ChangedFile> changed;
  private final Map<ObjectId, Map<String, Decl>> loaded = new HashMap<>();
  private int objectsRead;

  NameResolver(BaseSnapshot raw, ChangeSet changes, Map<String, ChangedFile> changed) {
    this.raw = raw;
    this.base = raw.graph;
    this.changes = changes;
    this.changed = changed;
  }

  /**
   * The new resolution of a name.
   *
   * @param declared whether some file declares it
   * @param record the node record it gets if declared ({@code null} otherwise)
   * @param details its NODE_DETAILS entry if declared
   * @param effects its effects (empty if not declared)
   * @param out its distinct out-edges by name (empty if not declared)
   * @param conflicts the declarations it drops, sorted by dropped path
   * @param winnerPath the path of the declaration that gives its attributes, or {@code null}
   * @param sites the lines of its edges (the winning declaration's, CALL_SITES' rule), or {@code null} when they are
   *     the base node's: the winner is the base's winner and its file did not change
   */
  record Resolved(boolean declared, NodeRecord record, byte[] details, Set<String> effects, Set<Decl.EdgeKey> out,
      List<Conflict> conflicts, String winnerPath, Map<Decl.EdgeKey, int[]> sites) {
    static final Resolved UNDECLARED = new Resolved(false, null, null, Set.of(), Set.of(), List.of(), null, Map.of());
  }

  /** A current declarer of the name being resolved. */
  private record Candidate(String path, ObjectId objectId, ChangedFile file) {}

  /** Objects read beyond the changed files (unchanged declarers of touched names). */
  int objectsRead() {
    return objectsRead;
  }

  /** Resolves {@code name} against the current declarers. */
  Resolved resolve(String name) throws IOException {
    int oldId = base.node(name);
    boolean oldDeclared = oldId >= 0 && !base.isExternal(oldId);
    boolean oldMerged = oldId >= 0 && base.isMerged(oldId);
    String oldWinner = oldDeclared ? base.file(oldId) : null;
    List<Candidate> candidates = new ArrayList<>();
    for (ChangeSet.Declarer d : changes.declarers(name)) {
      candidates.add(new Candidate(d.path(), d.objectId(), changed.get(d.path())));
    }
    if (candidates.isEmpty()) {
      return Resolved.UNDECLARED;
    }
    candidates.sort((a, b) -> Utf8.compare(a.path(), b.path()));
    Candidate winner = candidates.get(0);
    boolean merged = false;
    List<Conflict> conflicts = List.of();
    if (candidates.size() > 1) {
      String kind = kindOf(name, winner, oldId, oldMerged, oldWinner);
      boolean sameNamespace = SymbolSummary.NAMESPACE_KINDS.contains(kind);
      for (int i = 1; i < candidates.size() && sameNamespace; i++) {
        sameNamespace = kind.equals(kindOf(name, candidates.get(i), oldId, oldMerged, oldWinner));
      }
      merged = sameNamespace;
      if (!merged) {
        conflicts = new ArrayList<>();
        for (int i = 1; i < candidates.size(); i++) {
          conflicts.add(new Conflict(name, winner.path(), candidates.get(i).path()));
        }
      }
    }
    int flags = merged ? SnapshotFormat.NODE_FLAG_MERGED : 0;
    boolean winnerInBase = winner.file() == null && winner.path().equals(oldWinner);
    Map<Decl.EdgeKey, int[]> sites = winnerInBase ? null : decl(name, winner).lines();
    NodeRecord record;
    byte[] details;
    if (winnerInBase) {
      record = new NodeRecord(winner.path(), base.kind(oldId), base.lineStart(oldId), base.lineEnd(oldId), flags);
      details = raw.detailBytes(oldId);
    } else {
      Decl d = decl(name, winner);
      record = new NodeRecord(winner.path(), d.kind(), d.lineStart(), d.lineEnd(), flags);
      details = d.details();
    }
    Set<String> effects;
    Set<Decl.EdgeKey> out;
    if (!merged) {
      if (winnerInBase && !oldMerged) {
        effects = baseEffects(oldId);
        out = baseOut(oldId);
      } else {
        Decl d = decl(name, winner);
        effects = d.effects();
        out = d.edges();
      }
    } else {
      Resolved reused = oldMerged ? reuseMerged(name, oldId, candidates, record, details, sites) : null;
      if (reused != null) {
        return reused;
      }
      effects = new HashSet<>();
      out = new LinkedHashSet<>();
      for (Candidate c : candidates) {
        if (c.file() == null && !oldMerged && c.path().equals(oldWinner)) {
          effects.addAll(baseEffects(oldId));
          out.addAll(baseOut(oldId));
        } else {
          Decl d = decl(name, c);
          effects.addAll(d.effects());
          out.addAll(d.edges());
        }
      }
    }
    return new Resolved(true, record, details, effects, out, conflicts, winner.path(), sites);
  }

  /**
   * A merged namespace that stays merged: if the changed files' old declarations contribute nothing their
   * new ones do not, the new node is the base node plus the new contributions. Returns {@code null} when a
   * contribution may have been withdrawn (then every declarer must be read).
   */
  private Resolved reuseMerged(String name, int oldId, List<Candidate> candidates, NodeRecord record, byte[] details,
      Map<Decl.EdgeKey, int[]> sites) {
    Set<String> newEffects = new HashSet<>();
    Set<Decl.EdgeKey> newEdges = new HashSet<>();
    for (Candidate c : candidates) {
      if (c.file() != null) {
        Decl d = c.file().after().get(name);
        newEffects.addAll(d.effects());
        newEdges.addAll(d.edges());
      }
    }
    for (ChangedFile f : changed.values()) {
      Decl before = f.before().get(name);
      if (before != null && (!newEffects.containsAll(before.effects()) || !newEdges.containsAll(before.edges()))) {
        return null;
      }
    }
    Set<String> effects = new HashSet<>(baseEffects(oldId));
    effects.addAll(newEffects);
    Set<Decl.EdgeKey> out = new LinkedHashSet<>(baseOut(oldId));
    out.addAll(newEdges);
    return new Resolved(true, record, details, effects, out, List.of(), record.filePath(), sites);
  }

  /** The kind of a candidate's declaration, from the base node where that is exact, else from its object. */
  private String kindOf(String name, Candidate c, int oldId, boolean oldMerged, String oldWinner) throws IOException {
    if (c.file() == null && (oldMerged || c.path().equals(oldWinner))) {
      return base.kind(oldId);
    }
    return decl(name, c).kind();
  }

  /** The candidate's declaration of {@code name}: from its changed file, or its object (read once). */
  private Decl decl(String name, Candidate c) throws IOException {
    Map<String, Decl> decls;
    if (c.file() != null) {
      decls = c.file().after();
    } else {
      decls = loaded.get(c.objectId());
      if (decls == null) {
        decls = FileDecls.of(changes.read(c.objectId()));
        objectsRead++;
        loaded.put(c.objectId(), decls);
      }
    }
    Decl d = decls.get(name);
    if (d == null) {
      throw new IllegalStateException("the index says object " + c.objectId().hex() + " (" + c.path()
          + ") declares " + Utf8.quote(name) + ", but it does not");
    }
    return d;
  }

  /** The base node's effects. O(effects) bitmap probes. */
  Set<String> baseEffects(int oldId) {
    return oldId < 0 ? Set.of() : raw.effectsOf(oldId, base.effectNames());
  }

  /** The base node's out-edges by name. O(out-degree). */
  Set<Decl.EdgeKey> baseOut(int oldId) {
    if (oldId < 0) {
      return Set.of();
    }
    Set<Decl.EdgeKey> out = new LinkedHashSet<>();
    List<String> types = base.edgeTypes();
    EdgeCursor cursor = base.out(oldId);
    for (int t = cursor.next(); t >= 0; t = cursor.next()) {
      out.add(new Decl.EdgeKey(types.get(cursor.type()), base.name(t)));
    }
    return out;
  }
}
