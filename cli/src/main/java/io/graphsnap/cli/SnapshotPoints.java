package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.util.List;

/** {@link PointGraph} of one snapshot: each method is the snapshot's own; rows are its cursors. */
final class SnapshotPoints extends DelegatedPoints {
  private final GraphSnapshot g;

  SnapshotPoints(GraphSnapshot g) {
    super(g);
    this.g = g;
  }

  @Override
  public int resolve(String name) {
    return GraphArgs.node(g, name);
  }

  @Override
  public List<String> edgeTypes() {
    return g.edgeTypes();
  }

  @Override
  public int edgeTypeId(String type) {
    return g.edgeTypeId(type);
  }

  @Override
  public Row out(int id, int typeId) {
    return new CursorRow(typeId < 0 ? g.out(id) : g.out(id, typeId));
  }

  @Override
  public Row in(int id, int typeId) {
    return new CursorRow(typeId < 0 ? g.in(id) : g.in(id, typeId));
  }

  @Override
  public boolean hasSites() {
    return g.hasSites();
  }

  @Override
  public int[] sites(int source, int typeId, int target) {
    return g.sites(source, typeId, target);
  }

  private record CursorRow(EdgeCursor c) implements Row {
    @Override
    public int next() {
      return c.next();
    }

    @Override
    public int type() {
      return c.type();
    }

    @Override
    public long size() {
      return c.size();
    }
  }
}
