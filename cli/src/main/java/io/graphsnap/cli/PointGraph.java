package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import io.graphsnap.reader.PointReads;
import java.util.List;

/**
 * The point questions the commands {@code lookup}, {@code neighbors}, {@code degree}, {@code symbols} and
 * {@code info} ask, answered alike by a snapshot ({@link #of(GraphSnapshot)}) and by a base with a delta on top
 * ({@link #of(LayeredSnapshot)}, what a server follows while a watch publishes layers): so each command's answer is
 * written once, and a layered answer equals the compacted snapshot's answer, byte for byte in JSON. Edge rows come in
 * the compacted snapshot's order (edge types by name, then neighbours by name), and {@link #edgeTypes()} lists only
 * types that have edges, as a compacted snapshot's dictionary does.
 *
 * <p>The questions by id are the underlying graph's own ({@link PointReads}). Ids are the underlying graph's; they are only passed back to the same view. Not thread-safe beyond what the
 * underlying snapshot is (both are immutable; a view holds no state besides caches filled at creation).
 */
interface PointGraph extends PointReads {
  /** A snapshot's view: its own methods, no copying. */
  static PointGraph of(GraphSnapshot g) {
    return new SnapshotPoints(g);
  }

  /** A base + delta's view; O(new names + added dictionary entries) to create. */
  static PointGraph of(LayeredSnapshot g) {
    return new LayeredPoints(g);
  }

  /**
   * The id of the symbol the user means by {@code name}: in full, or as {@link NameResolver} resolves a part of it.
   *
   * @throws CliException with {@link ExitCodes#NOT_FOUND} when nothing matches (with suggestions) or several do
   * @throws WholeSnapshotNeeded when this view can only resolve full names and {@code name} is not one
   */
  int resolve(String name);

  /** The edge types that have edges, in the compacted snapshot's order; {@link Row#type()} indexes this list. */
  List<String> edgeTypes();

  /** The index of {@code type} in {@link #edgeTypes()}, or -1. */
  int edgeTypeId(String type);

  /** Node {@code id}'s out-edges ({@code typeId} -1: all types), in the compacted snapshot's order. */
  Row out(int id, int typeId);

  /** Node {@code id}'s in-edges ({@code typeId} -1: all types), in the compacted snapshot's order. */
  Row in(int id, int typeId);

  /** Whether this graph records edge lines (call sites). */
  boolean hasSites();

  /** The lines of edge ({@code source}, {@code typeId}, {@code target}) in source's file; empty when none. */
  int[] sites(int source, int typeId, int target);

  /** One node's edges in one direction: a cursor, as {@link EdgeCursor} is. Not thread-safe. */
  interface Row {
    /** The next neighbour, or -1 when there is none. */
    int next();

    /** The type (index into {@link #edgeTypes()}) of the edge {@link #next()} returned last. */
    int type();

    /** The number of edges in the row. */
    long size();
  }
}
