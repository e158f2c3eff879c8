package io.graphsnap.format.snapshot;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A snapshot file mapped read-only with its header decoded and checked ({@link SnapshotHeader#decode}): the
 * raw bytes of each section, for the tools that read a section or two without the reader module (recovering the
 * store's index from the file table, the incremental builder's raw copies, benchmarks). The reader opens its
 * own mapping the same way and adds the per-section checks.
 *
 * <p>Owns its {@link Arena} (shared: any thread may read; {@link #close()} from one): every segment it hands out
 * is invalid after {@link #close()}. Opening is O(sections); nothing beyond the header is read.
 */
public final class SnapshotFile implements AutoCloseable {
  private final String resource;
  private final Arena arena;
  private final MemorySegment bytes;
  private final SnapshotHeader header;

  private SnapshotFile(String resource, Arena arena, MemorySegment bytes, SnapshotHeader header) {
    this.resource = resource;
    this.arena = arena;
    this.bytes = bytes;
    this.header = header;
  }

  /**
   * Maps {@code path} and decodes its header.
   *
   * @throws IOException if it cannot be opened or mapped
   * @throws CorruptSnapshotException if the header is not a valid snapshot header (the arena is then closed)
   */
  public static SnapshotFile open(Path path) throws IOException {
    Arena arena = Arena.ofShared();
    boolean ok = false;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      String resource = path.toString();
      SnapshotFile file = new SnapshotFile(resource, arena, mapped, SnapshotHeader.decode(mapped, resource));
      ok = true;
      return file;
    } finally {
      if (!ok) {
        arena.close();
      }
    }
  }

  /** The file's name, for messages. */
  public String resource() {
    return resource;
  }

  /** The decoded header. */
  public SnapshotHeader header() {
    return header;
  }

  /** The whole file. */
  public MemorySegment bytes() {
    return bytes;
  }

  /** Section {@code id}'s bytes, or {@code null} if the file has no such section. */
  public MemorySegment optional(SectionId id) {
    SectionEntry entry = header.entry(id);
    return entry == null ? null : bytes.asSlice(entry.offset(), entry.length());
  }

  /**
   * Section {@code id}'s bytes.
   *
   * @throws CorruptSnapshotException if the file has no such section
   */
  public MemorySegment required(SectionId id) {
    MemorySegment section = optional(id);
    if (section == null) {
      throw new CorruptSnapshotException(resource, id.name(), SnapshotFormat.HEADER_FIXED_BYTES,
          "required section is missing from the section table: actual=absent vs expected=present");
    }
    return section;
  }

  /** Unmaps the file; idempotent. */
  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }
}
