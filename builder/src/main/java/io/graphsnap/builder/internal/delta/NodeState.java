package io.graphsnap.builder.internal.delta;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The new state of one name an incremental build touches: a name a changed file declared before or after
 * ({@link #dirty}), or the target of an edge that appeared or disappeared. Every field left {@code null} means
 * "as in the base" (copied with ids remapped). Mutable while planning, then read by the writer.
 */
final class NodeState {
  final String name;
  /** The base node id, or -1 if the name was not a node. */
  final int oldId;
  /** The id in the new snapshot, once assigned; -1 if the node disappears. */
  int newId = -1;
  /** A changed file declares the name before or after the change. */
  boolean dirty;
  /** The name is a node of the new snapshot. */
  boolean present;
  /** The new NODES record, or null if the base's stays (with remapped ids). */
  NodeRecord record;
  /** The new NODE_DETAILS entry, or null if the base's stays. */
  byte[] details;
  /** The new effects, or null if the base's stay. */
  Set<String> effects;
  /** The new out-edges by name, or null if the base's stay. */
  Set<Decl.EdgeKey> out;
  /** The new CALL_SITES entry ({@link SiteEntries#NONE}: no sites), or null if the base's stays. */
  byte[] sites;
  /** The lines {@link #sites} was encoded from, by edge (for a layered delta's own row order); null with it. */
  java.util.Map<Decl.EdgeKey, int[]> siteLines;
  /** Base in-edges that disappear, as {@code baseTypeId << 32 | baseSourceId}; null if none. */
  LongOpenHashSet removedIn;
  /** In-edges that appear, as (type, source name); null if none. */
  List<Decl.EdgeKey> addedIn;

  // Filled once ids are known.
  int fileId;
  int kindId;
  int[] outTargets;
  byte[] outTypes;
  int[] inSources;
  byte[] inTypes;

  NodeState(String name, int oldId) {
    this.name = name;
    this.oldId = oldId;
  }

  void removeIn(int baseTypeId, int baseSourceId) {
    if (removedIn == null) {
      removedIn = new LongOpenHashSet();
    }
    removedIn.add((long) baseTypeId << 32 | baseSourceId);
  }

  void addIn(String type, String source) {
    if (addedIn == null) {
      addedIn = new ArrayList<>();
    }
    addedIn.add(new Decl.EdgeKey(type, source));
  }

  /** Added minus removed in-edges. */
  int inDelta() {
    return (addedIn == null ? 0 : addedIn.size()) - (removedIn == null ? 0 : removedIn.size());
  }

  /** True if the in-edges change. */
  boolean inChanged() {
    return addedIn != null || removedIn != null;
  }
}
