package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.NodeDetails;
import java.util.List;

/** {@link PointGraph} of one snapshot: each method is the snapshot's own; rows are its cursors. */
final class SnapshotPoints implements PointGraph {
  private final GraphSnapshot g;

  SnapshotPoints(GraphSnapshot g) {
    this.g = g;
  }

  @Override
  public int resolve(String name) {
    return GraphArgs.node(g, name);
  }

  @Override
  public String name(int id) {
    return g.name(id);
  }

  @Override
  public String kind(int id) {
    return g.kind(id);
  }

  @Override
  public List<String> effects(int id) {
    return g.effects(id);
  }

  @Override
  public boolean isExternal(int id) {
    return g.isExternal(id);
  }

  @Override
  public String file(int id) {
    return g.file(id);
  }

  @Override
  public int lineStart(int id) {
    return g.lineStart(id);
  }

  @Override
  public int lineEnd(int id) {
    return g.lineEnd(id);
  }

  @Override
  public NodeDetails details(int id) {
    return g.details(id);
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

  @Override
  public int fileId(String path) {
    return g.fileId(path);
  }

  @Override
  public String filePath(int fileId) {
    return g.filePath(fileId);
  }

  @Override
  public String fileLanguage(int fileId) {
    return g.fileLanguage(fileId);
  }

  @Override
  public String fileObjectId(int fileId) {
    return g.fileObjectId(fileId);
  }

  @Override
  public int[] fileSymbols(int fileId) {
    return g.fileSymbols(fileId);
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
