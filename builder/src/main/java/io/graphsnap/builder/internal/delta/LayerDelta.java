package io.graphsnap.builder.internal.delta;

import io.graphsnap.format.delta.DeltaBaseFormat;
import io.graphsnap.format.snapshot.Conflict;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Everything a layered delta file holds, in the layered id spaces ({@link io.graphsnap.format.delta.DeltaFormat}):
 * base ids kept, new entries numbered after the base's. Built by {@link LayerAssembler}, encoded by
 * {@link LayerSections}. Every array has O(change) entries; they are owned by this object and not modified after
 * it is built.
 */
final class LayerDelta {
  DeltaBaseFormat.Base base;
  /** INFO's keys and values, keys sorted. */
  String[] info;

  String[] newNames;
  int[] tombstones;
  int[] dirtyNodes;
  /** Per dirty node: FileId, LineStart, LineEnd, KindId, Flags. */
  int[][] records;
  byte[][] details;
  /** Per layered effect id, the dirty nodes with it. */
  RoaringBitmap[] effects;

  Rows forward;
  /** Per FORWARD row, its CALL_SITES entry in row order, empty for none. */
  byte[][] forwardSites;
  Rows reverseAdded;
  Rows reverseRemoved;

  String[] addedKinds;
  String[] addedEffects;
  String[] addedEdgeTypes;
  String[] addedLanguages;
  long[] edgeTypeCounts;

  String[] newFilePaths;
  int[] fileTombstones;
  int[] dirtyFiles;
  /** Per dirty file: SourceSha256 (null: unknown), ObjectId. */
  byte[][] fileSourceSha256;
  byte[][] fileObjectIds;
  int[] fileLanguageIds;
  int[] fileSymbolCounts;
  /** Per dirty file, its nodes in FILE_SYMBOLS order. */
  int[][] fileSymbols;

  String[] conflictNames;
  List<Conflict> conflicts;

  /**
   * Keyed rows in {@link io.graphsnap.format.delta.RowListFormat}'s arrays. Immutable once built.
   *
   * @param keys strictly increasing node ids
   * @param offsets row i is [offsets[i], offsets[i+1])
   * @param neighbours targets or sources
   * @param types their type ids
   */
  record Rows(int[] keys, long[] offsets, int[] neighbours, byte[] types) {
    int count() {
      return keys.length;
    }
  }
}
