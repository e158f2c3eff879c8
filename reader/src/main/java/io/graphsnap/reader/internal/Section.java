package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import java.lang.foreign.MemorySegment;

/**
 * One section of a mapped snapshot: its bytes (a slice of the file's segment, owned by the snapshot's arena)
 * and enough context to name it in errors. Immutable; thread-safe.
 *
 * @param resource the file, for messages
 * @param name the section's name ({@link SectionEntry#displayName()})
 * @param bytes the section's bytes, exactly its table length
 * @param fileOffset where the section starts in the file
 */
public record Section(String resource, String name, MemorySegment bytes, long fileOffset) {

  /** Slices {@code entry}'s bytes out of {@code file} (decode already checked the bounds). */
  public static Section of(String resource, MemorySegment file, SectionEntry entry) {
    return new Section(resource, entry.displayName(), file.asSlice(entry.offset(), entry.length()), entry.offset());
  }

  /** The section's length in bytes. */
  public long length() {
    return bytes.byteSize();
  }

  /** An exception naming this section and the file offset {@code fileOffset() + relativeOffset}. */
  public CorruptSnapshotException corrupt(long relativeOffset, String problem) {
    return new CorruptSnapshotException(resource, name, fileOffset + relativeOffset, problem);
  }

  /** Throws unless the section is exactly {@code expected} bytes long; {@code what} explains the expectation. */
  public void requireLength(long expected, String what) {
    if (length() != expected) {
      throw corrupt(0, "section length mismatch: actual=" + length() + " vs expected=" + expected + " (" + what + ")");
    }
  }
}
