package io.graphsnap.cli;

import io.graphsnap.reader.NodeDetails;
import io.graphsnap.reader.PointReads;
import java.util.List;

/** The {@link PointReads} half of a {@link PointGraph}: each question by id handed to the underlying graph. */
abstract class DelegatedPoints implements PointGraph {
  private final PointReads g;

  DelegatedPoints(PointReads g) {
    this.g = g;
  }

  @Override
  public final String name(int id) {
    return g.name(id);
  }

  @Override
  public final String kind(int id) {
    return g.kind(id);
  }

  @Override
  public final List<String> effects(int id) {
    return g.effects(id);
  }

  @Override
  public final boolean isExternal(int id) {
    return g.isExternal(id);
  }

  @Override
  public final String file(int id) {
    return g.file(id);
  }

  @Override
  public final int lineStart(int id) {
    return g.lineStart(id);
  }

  @Override
  public final int lineEnd(int id) {
    return g.lineEnd(id);
  }

  @Override
  public final NodeDetails details(int id) {
    return g.details(id);
  }

  @Override
  public final int fileId(String path) {
    return g.fileId(path);
  }

  @Override
  public final String filePath(int fileId) {
    return g.filePath(fileId);
  }

  @Override
  public final String fileLanguage(int fileId) {
    return g.fileLanguage(fileId);
  }

  @Override
  public final String fileObjectId(int fileId) {
    return g.fileObjectId(fileId);
  }

  @Override
  public final int[] fileSymbols(int fileId) {
    return g.fileSymbols(fileId);
  }
}
