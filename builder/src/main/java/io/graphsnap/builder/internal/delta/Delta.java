package io.graphsnap.builder.internal.delta;

import io.graphsnap.format.snapshot.Conflict;
import java.util.List;

/**
 * Everything an incremental build changes relative to its base, with final ids: the node and file splices
 * and the states of touched entries (in splice item order), the new dictionaries with base → new id maps, the
 * new counts and conflicts. Built by {@link DeltaPlanner}; read by {@link DeltaSections}. The arrays are
 * owned by this object and not modified after it is built.
 */
final class Delta {
  BaseSnapshot base;
  Splice nodes;
  /** Node states by splice item index (touched base nodes, then inserted ones). */
  NodeState[] nodeItems;
  Splice files;
  FileState[] fileItems;

  String[] kinds;
  /** Base kind id → new kind id (-1 if gone). */
  int[] kindRemap;
  /** Nodes of each new kind. */
  long[] kindCounts;
  String[] effects;
  /** Base effect id → new effect id (-1 if gone). */
  int[] effectRemap;
  String[] edgeTypes;
  /** Base type id → new type id (-1 if gone). */
  int[] typeRemap;
  long[] edgeTypeCounts;
  String[] languages;
  /** Base language id → new language id (-1 if gone). */
  int[] languageRemap;

  List<Conflict> conflicts;
  long edgeCount;
  int externalCount;
  /** Sorted old ids whose effects are rewritten by their state (the rest keep the base's). */
  int[] effectsOverridden;

  int nodeCount() {
    return nodes.newCount;
  }

  int fileCount() {
    return files.newCount;
  }
}
