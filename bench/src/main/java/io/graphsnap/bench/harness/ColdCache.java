package io.graphsnap.bench.harness;

import io.graphsnap.builder.internal.PageCache;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Drops a file's pages from the OS page cache ({@code posix_fadvise(DONTNEED)} through the builder's
 * {@link PageCache}), so that the next open or load of it reads from the disk (or, on a VM, from the host): the
 * "cold" jobs of the report. Pages another process still maps stay cached. Linux only; elsewhere a no-op, which
 * {@link #available()} tells. Stateless.
 */
public final class ColdCache {
  private ColdCache() {}

  /** Whether eviction works on this machine. */
  public static boolean available() {
    return PageCache.available();
  }

  /** Asks the kernel to drop every cached page of {@code file}; the caller must have closed its mappings of it. */
  public static void evict(Path file) {
    try (PageCache.File f = PageCache.open(file, MemorySegment.NULL)) {
      f.evictUnmapped();
    }
  }
}
