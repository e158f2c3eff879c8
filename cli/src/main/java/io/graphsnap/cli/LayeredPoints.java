package io.graphsnap.cli;

import io.graphsnap.reader.LayeredSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PointGraph} of a base + delta ({@link LayeredSnapshot}), answering as the snapshot that compacts the two:
 * names resolve only when given in full (a part needs the search index, {@link WholeSnapshotNeeded});
 * the edge types are those with edges, sorted by name (code points), as the builder writes a dictionary; a row is
 * sorted by (type, neighbour name), which for base ids is their order (base ids are name ranks) and for the delta's
 * new names takes a comparison of names. A row costs O(d log d) for its d edges; the sites of a source's edges read
 * its row once. Not thread-safe (one per question, as the commands make it).
 */
final class LayeredPoints extends DelegatedPoints {
  private final LayeredSnapshot g;
  private final int baseNodes;
  private final List<String> types;
  private final Map<String, Integer> typeIds = new HashMap<>();
  /** Layered type id → index in {@link #types}, -1 for a type without edges. */
  private final int[] viewOfLayered;
  /** Index in {@link #types} → layered type id. */
  private final int[] layeredOfView;
  /** The out-row and its lines of the source {@link #sites} last read (-1: none). */
  private int sitesSource = -1;
  private LayeredSnapshot.Edges sitesRow;
  private int[][] sitesLines;

  LayeredPoints(LayeredSnapshot g) {
    super(g);
    this.g = g;
    this.baseNodes = g.base().nodeCount();
    List<String> all = g.edgeTypes();
    List<String> used = new ArrayList<>();
    for (int t = 0; t < all.size(); t++) {
      if (g.edgeCount(t) > 0) {
        used.add(all.get(t));
      }
    }
    used.sort(LayeredSnapshot::compareNames);
    this.types = Collections.unmodifiableList(used);
    this.viewOfLayered = new int[all.size()];
    this.layeredOfView = new int[used.size()];
    Arrays.fill(viewOfLayered, -1);
    for (int v = 0; v < used.size(); v++) {
      int t = g.edgeTypeId(used.get(v));
      viewOfLayered[t] = v;
      layeredOfView[v] = t;
      typeIds.put(used.get(v), v);
    }
  }

  @Override
  public int resolve(String name) {
    int id = g.node(name);
    if (id < 0) {
      throw new WholeSnapshotNeeded("'" + name + "' is not the full name of a symbol of the layered graph");
    }
    return id;
  }

  @Override
  public List<String> edgeTypes() {
    return types;
  }

  @Override
  public int edgeTypeId(String type) {
    return typeIds.getOrDefault(type, -1);
  }

  @Override
  public Row out(int id, int typeId) {
    return row(typeId < 0 ? g.out(id) : g.out(id, layeredOfView[typeId]));
  }

  @Override
  public Row in(int id, int typeId) {
    return row(typeId < 0 ? g.in(id) : g.in(id, layeredOfView[typeId]));
  }

  @Override
  public boolean hasSites() {
    return g.base().hasSites();
  }

  @Override
  public int[] sites(int source, int typeId, int target) {
    if (source != sitesSource) { // a neighbours listing asks about one source's edges in turn: read its row once
      sitesRow = g.out(source);
      sitesLines = g.outSites(source);
      sitesSource = source;
    }
    int layeredType = layeredOfView[typeId];
    for (int i = 0; i < sitesRow.size(); i++) {
      if (sitesRow.neighbours()[i] == target && sitesRow.types()[i] == layeredType) {
        return sitesLines[i] == null ? new int[0] : sitesLines[i];
      }
    }
    return new int[0];
  }

  /** {@code edges} with view type ids, sorted by (type, neighbour name). */
  private Row row(LayeredSnapshot.Edges edges) {
    int n = edges.size();
    Integer[] order = new Integer[n];
    int[] viewTypes = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      viewTypes[i] = viewOfLayered[edges.types()[i]];
    }
    int[] neighbours = edges.neighbours();
    Arrays.sort(order, (a, b) -> {
      int c = Integer.compare(viewTypes[a], viewTypes[b]);
      if (c != 0) {
        return c;
      }
      int x = neighbours[a];
      int y = neighbours[b];
      return x < baseNodes && y < baseNodes ? Integer.compare(x, y) : LayeredSnapshot.compareNames(g.name(x), g.name(y));
    });
    int[] sortedNeighbours = new int[n];
    int[] sortedTypes = new int[n];
    for (int i = 0; i < n; i++) {
      sortedNeighbours[i] = neighbours[order[i]];
      sortedTypes[i] = viewTypes[order[i]];
    }
    return new ArrayRow(sortedNeighbours, sortedTypes);
  }

  /** A row held in two arrays. */
  private static final class ArrayRow implements Row {
    private final int[] neighbours;
    private final int[] types;
    private int at = -1;

    ArrayRow(int[] neighbours, int[] types) {
      this.neighbours = neighbours;
      this.types = types;
    }

    @Override
    public int next() {
      if (at + 1 >= neighbours.length) {
        at = neighbours.length;
        return -1;
      }
      return neighbours[++at];
    }

    @Override
    public int type() {
      return types[at];
    }

    @Override
    public long size() {
      return neighbours.length;
    }
  }
}
