package io.graphsnap.format.snapshot;

/**
 * A snapshot file is not what its format promises: bad magic, truncated, a section out of bounds, a
 * checksum that does not match, a structure that breaks an invariant. The message names the file, the
 * section and the byte offset, and the actual against the expected value.
 *
 * <p>Unchecked on purpose: the reader can detect corruption on hot paths (a neighbour cursor whose offsets
 * are out of range), where a checked exception would burden every call; one type everywhere is easier to
 * handle than two. It is the only exception the reader throws for a bad file.
 */
public class CorruptSnapshotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String section;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param resource the file (or other source) read
   * @param section the section name, or {@code "header"}
   * @param offset the byte offset in the file where the problem lies, or -1 if none applies
   * @param problem what is wrong, with actual and expected values
   */
  public CorruptSnapshotException(String resource, String section, long offset, String problem) {
    super(problem + " (resource=" + resource + ", section=" + section + (offset >= 0 ? ", offset=" + offset : "") + ")");
    this.resource = resource;
    this.section = section;
    this.offset = offset;
  }

  /** The file or source read. */
  public String resource() {
    return resource;
  }

  /** The section name, or {@code "header"}. */
  public String section() {
    return section;
  }

  /** The byte offset in the file, or -1. */
  public long offset() {
    return offset;
  }
}
