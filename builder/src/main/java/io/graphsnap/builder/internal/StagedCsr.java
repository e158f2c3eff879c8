package io.graphsnap.builder.internal;

import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.builder.internal.spill.SpillWriter;
import io.graphsnap.format.snapshot.CsrFormat;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One direction of the adjacency in {@link CsrFormat}'s bytes, staged in three temporary files as rows stream in
 * ({@link Adjacency.RowSink}): Offsets, Neighbours and Types, each exactly its section's bytes, then copied into
 * the snapshot ({@link #copy}). Memory: three write buffers, nothing per node or edge; positions are {@code long}
 * (past 2<sup>31</sup> edges and 2 GiB files). Mutable, single-use, not thread-safe.
 */
final class StagedCsr implements Adjacency.RowSink {
  private static final int BUFFER = 1 << 16;

  private final SpillFiles files;
  private final SpillWriter offsets;
  private final SpillWriter neighbours;
  private final SpillWriter types;
  private int nextNode;
  private long edges;

  /** Stages files in {@code files}, named after {@code what} ({@code "forward"}). */
  StagedCsr(SpillFiles files, String what) throws IOException {
    this.files = files;
    offsets = new SpillWriter(files, files.create(what + "-offsets"), BUFFER);
    neighbours = new SpillWriter(files, files.create(what + "-neighbours"), BUFFER);
    types = new SpillWriter(files, files.create(what + "-types"), BUFFER);
  }

  @Override
  public void add(int node, int type, int other) throws IOException {
    if (node < nextNode - 1) {
      throw new IllegalStateException("rows out of order: node " + node + " after " + (nextNode - 1));
    }
    while (nextNode <= node) {
      CsrFormat.putOffset(offsets, edges);
      nextNode++;
    }
    CsrFormat.putNeighbour(neighbours, other);
    CsrFormat.putType(types, type);
    edges++;
  }

  @Override
  public void finish(int nodeCount) throws IOException {
    while (nextNode <= nodeCount) {
      CsrFormat.putOffset(offsets, edges);
      nextNode++;
    }
    offsets.close();
    neighbours.close();
    types.close();
  }

  /** The number of edges added. */
  long edgeCount() {
    return edges;
  }

  /**
   * Deletes the three files (the direction is written; nothing reads it again). Idempotent.
   */
  void delete() throws IOException {
    for (Path p : files()) {
      files.delete(p);
    }
  }

  /** The files of Offsets, Neighbours and Types. */
  Path[] files() {
    return new Path[] {offsets.path(), neighbours.path(), types.path()};
  }

  /** Copies the staged section {@code index} (0 Offsets, 1 Neighbours, 2 Types) into {@code out}. */
  void copy(int index, int nodeCount, SectionWriter out) throws IOException {
    long length = switch (index) {
      case 0 -> CsrFormat.offsetsBytes(nodeCount);
      case 1 -> CsrFormat.neighboursBytes(edges);
      default -> CsrFormat.typesBytes(edges);
    };
    copy(files()[index], length, out);
  }

  /**
   * Copies staged file {@code path}, which must be {@code length} bytes, into {@code out} (mapped, sequential,
   * the pages behind released; any length).
   *
   * @throws IOException if it cannot be read or its length is not {@code length} (a temporary file cut or changed)
   */
  static void copy(Path path, long length, SectionWriter out) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment bytes = map(path, length, arena);
      PageCache.ReleaseBehind read = new PageCache.ReleaseBehind(bytes);
      for (long at = 0; at < length; ) {
        long n = Math.min(length - at, PageCache.ReleaseBehind.STEP);
        out.put(bytes, at, n);
        at += n;
        read.at(at);
      }
    }
  }

  /**
   * Maps staged file {@code path}, which must be {@code length} bytes, read-only in {@code arena}
   * ({@link MemorySegment#NULL} when empty).
   *
   * @throws IOException if it cannot be read or its length is not {@code length} (a temporary file cut or changed)
   */
  static MemorySegment map(Path path, long length, Arena arena) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size != length) {
        throw new IOException("staged section file " + path + " is " + size + " bytes, expected " + length
            + " (a temporary file cut or changed during the build)");
      }
      return size == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
    }
  }
}
