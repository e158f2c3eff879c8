package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;

/**
 * The known sections of a decoded header, sliced out of the mapped file. Sections with ids this version
 * does not know are skipped here (verify still checks their CRCs). O(sections). Immutable after creation.
 */
public final class SectionTable {
  private final String resource;
  private final EnumMap<SectionId, Section> sections = new EnumMap<>(SectionId.class);

  /** Slices every known section of {@code header} out of {@code file}. */
  public SectionTable(String resource, MemorySegment file, SnapshotHeader header) {
    this.resource = resource;
    for (SectionEntry entry : header.sections()) {
      SectionId id = entry.section();
      if (id != null) {
        sections.put(id, Section.of(resource, file, entry));
      }
    }
  }

  /** The section {@code id}; throws if the file lacks it. */
  public Section required(SectionId id) {
    Section s = sections.get(id);
    if (s == null) {
      throw new CorruptSnapshotException(resource, id.name(), SnapshotFormat.HEADER_FIXED_BYTES,
          "required section is missing from the section table: actual=absent vs expected=present");
    }
    return s;
  }

  /** The section {@code id}, or {@code null} if the file lacks it. */
  public Section optional(SectionId id) {
    return sections.get(id);
  }
}
