package io.graphsnap.bench;

import io.graphsnap.bloom.BloomView;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The Bloom filter of a snapshot file, mapped on its own, so that a benchmark can pick absent names the filter
 * rejects and absent names it lets through (false positives). Owns a confined arena: use it from the thread
 * that opened it and {@link #close()} it.
 */
public final class SnapshotBloom implements AutoCloseable {
  private final Arena arena;
  private final BloomView bloom;

  private SnapshotBloom(Arena arena, BloomView bloom) {
    this.arena = arena;
    this.bloom = bloom;
  }

  /** Maps {@code file} and wraps its BLOOM section. */
  public static SnapshotBloom open(Path file) throws IOException {
    Arena arena = Arena.ofConfined();
    boolean ok = false;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      SnapshotHeader header = SnapshotHeader.decode(mapped, file.toString());
      SectionEntry entry = header.entry(SectionId.BLOOM);
      if (entry == null) {
        throw new IOException(file + " has no BLOOM section");
      }
      SnapshotBloom result = new SnapshotBloom(arena, BloomView.wrap(mapped.asSlice(entry.offset(), entry.length())));
      ok = true;
      return result;
    } finally {
      if (!ok) {
        arena.close();
      }
    }
  }

  /** Whether the filter may contain {@code name} ({@code false}: certainly absent). */
  public boolean mightContain(String name) {
    return bloom.mightContain(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Unmaps the file. */
  @Override
  public void close() {
    arena.close();
  }
}
