package io.graphsnap.builder.internal;

import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.Conflict;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which declaration defines each name (docs/DESIGN.md §1: namespaces merge, anything else conflicts). A name
 * declared once is defined by that declaration. A name declared by several files merges into one node when every declaration has the same namespace kind
 * ({@link SymbolSummary#NAMESPACE_KINDS}); otherwise the declaration whose path sorts first wins and every other
 * one is dropped with its outgoing edges, each recorded as a {@link Conflict}. Decided by path order only, so the
 * result does not depend on arrival order. Immutable once built; O(names + declarations),
 * plus O(log files) for each declaration of a name declared more than once (its file is looked up). The chains of
 * declarations it walks (8 bytes a name and declaration) are garbage once it is built.
 */
final class Resolution {
  /** Provisional name id → defining declaration (for a merged name, the one whose path sorts first), or -1. */
  final int[] winner;
  /** Provisional name id → the name's declarations form a merged namespace. */
  final boolean[] merged;
  /** Declaration → it lost a conflict: no node attributes, no edges. */
  final boolean[] dropped;
  /** The conflicts, sorted by name, then dropped path (code-point order). */
  final List<Conflict> conflicts;

  private Resolution(int[] winner, boolean[] merged, boolean[] dropped, List<Conflict> conflicts) {
    this.winner = winner;
    this.merged = merged;
    this.dropped = dropped;
    this.conflicts = conflicts;
  }

  static Resolution of(ObjectCollector c, FileOrder files) throws java.io.IOException {
    int nameCount = c.collected.size();
    int declCount = c.declName.size();
    int[] declName = c.declName.elements();
    int[] declKind = c.declKind.elements();
    int[] first = new int[nameCount];
    Arrays.fill(first, -1);
    int[] next = new int[declCount];
    for (int d = declCount - 1; d >= 0; d--) {
      next[d] = first[declName[d]];
      first[declName[d]] = d;
    }
    boolean[] namespaceKind = new boolean[c.kinds.size()];
    for (int k = 0; k < namespaceKind.length; k++) {
      namespaceKind[k] = SymbolSummary.NAMESPACE_KINDS.contains(c.kinds.get(k));
    }
    int[] winner = new int[nameCount];
    boolean[] merged = new boolean[nameCount];
    boolean[] dropped = new boolean[declCount];
    IntArrayList conflictName = new IntArrayList();
    List<String[]> conflictPaths = new ArrayList<>();
    for (int name = 0; name < nameCount; name++) {
      int d = first[name];
      winner[name] = d;
      if (d < 0 || next[d] < 0) {
        continue;
      }
      int best = d;
      int bestRank = files.rank()[c.fileOf(d)];
      boolean sameNamespace = namespaceKind[declKind[d]];
      for (int e = next[d]; e >= 0; e = next[e]) {
        int rank = files.rank()[c.fileOf(e)];
        if (rank < bestRank) {
          best = e;
          bestRank = rank;
        }
        sameNamespace &= declKind[e] == declKind[d];
      }
      winner[name] = best;
      if (sameNamespace) {
        merged[name] = true;
        continue;
      }
      String keptPath = c.files.path(c.fileOf(best));
      for (int e = d; e >= 0; e = next[e]) {
        if (e != best) {
          dropped[e] = true;
          conflictName.add(name);
          conflictPaths.add(new String[] {keptPath, c.files.path(c.fileOf(e))});
        }
      }
    }
    String[] names = c.collected.names(conflictName.toIntArray());
    List<Conflict> conflicts = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      conflicts.add(new Conflict(names[i], conflictPaths.get(i)[0], conflictPaths.get(i)[1]));
    }
    conflicts.sort((a, b) -> {
      int r = Utf8.compare(a.name(), b.name());
      return r != 0 ? r : Utf8.compare(a.droppedPath(), b.droppedPath());
    });
    return new Resolution(winner, merged, dropped, List.copyOf(conflicts));
  }
}
