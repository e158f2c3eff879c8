package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;

/**
 * The contents of a snapshot file, one section at a time: {@link SnapshotWriter} asks for every {@link
 * SectionId} in id order and frames each (alignment, CRC, header). The full build's {@link CompiledSections}
 * and the incremental build's writer implement it, each with one switch expression over every section, so
 * that a new {@link SectionId} does not compile until both write it. Single-use.
 */
public interface SnapshotBody {
  /** How one section's bytes are written. */
  @FunctionalInterface
  interface Content {
    /** Writes the section's bytes through {@code out}. */
    void writeTo(SectionWriter out) throws IOException;
  }

  /**
   * Which adjacency the file holds: {@link SnapshotWriter} writes only the sections of that layout
   * ({@link CompactCsrFormat.Layout#holds}) and never asks for the others.
   */
  default CompactCsrFormat.Layout layout() {
    return CompactCsrFormat.Layout.FIXED;
  }

  /** The writer of section {@code id}'s bytes (its grammar is in {@link SectionId#formatClassName()}). */
  Content section(SectionId id);

  /** Writes the bytes of section {@code id} through {@code out}. */
  default void writeSection(SectionId id, SectionWriter out) throws IOException {
    section(id).writeTo(out);
  }
}
