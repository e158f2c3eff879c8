package io.graphsnap.builder.internal.delta;

import java.lang.foreign.MemorySegment;

/**
 * Evicts a base section's pages from the page cache behind a sequential reader, a few MiB at a time, so that
 * the pages the new file needs are the ones just freed (see {@link BaseSnapshot#evict}). Only for a section no
 * later part of the build reads again. Mutable, not thread-safe.
 */
final class Drain {
  /** Bytes consumed between two evictions: large enough to keep system calls rare. */
  private static final long STEP = 4L << 20;
  /**
   * The largest page-cache folio (x86's 2 MiB): a folio that straddles the end of one eviction is still mapped
   * there and stays, so the next eviction starts this far back to take it whole.
   */
  private static final long FOLIO = 2L << 20;

  private final BaseSnapshot base;
  private final MemorySegment section;
  private long evicted;

  /** Drains {@code section}, a slice of {@code base}'s raw mapping. */
  Drain(BaseSnapshot base, MemorySegment section) {
    this.base = base;
    this.section = section;
  }

  /** The reader has consumed every byte before {@code offset} (in the section); evicts them if enough piled up. */
  void consumed(long offset) {
    if (offset - evicted >= STEP) {
      base.evict(section, evicted, offset);
      evicted = offset - FOLIO;
    }
  }

  /** The reader is done with the whole section: evicts the rest. */
  void finish() {
    base.evict(section, evicted, section.byteSize());
    evicted = section.byteSize();
  }
}
