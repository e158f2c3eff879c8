package io.graphsnap.format.snapshot;

/**
 * One entry of the section table: where a section lies and its CRC32C. Immutable.
 *
 * @param id the numeric section id ({@link SectionId#id()}); unknown ids are kept, not rejected
 * @param crc32c CRC32C of the section's bytes
 * @param offset byte offset in the file, a multiple of {@link SnapshotFormat#SECTION_ALIGNMENT}
 * @param length byte length
 */
public record SectionEntry(int id, int crc32c, long offset, long length) {
  /** The known section this entry describes, or {@code null} for an id newer than this code. */
  public SectionId section() {
    return SectionId.byId(id);
  }

  /** The section's name for messages: its enum name, or {@code #id} if unknown. */
  public String displayName() {
    SectionId s = section();
    return s == null ? "#" + id : s.name();
  }
}
