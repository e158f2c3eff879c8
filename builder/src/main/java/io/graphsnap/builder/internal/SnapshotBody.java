package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;

/**
 * The contents of a snapshot file, one section at a time: {@link SnapshotWriter} asks for every {@link
 * SectionId} in id order and frames each (alignment, CRC, header). The full build's {@link CompiledSections}
 * and the incremental build's writer implement it. Single-use.
 */
public interface SnapshotBody {
  /** Writes the bytes of section {@code id} (its grammar is in {@link SectionId}) through {@code out}. */
  void writeSection(SectionId id, SectionWriter out) throws IOException;
}
