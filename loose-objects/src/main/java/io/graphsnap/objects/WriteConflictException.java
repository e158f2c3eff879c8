package io.graphsnap.objects;

import java.io.IOException;
import java.util.Optional;

/**
 * A compare-and-set write found a path changed by another writer: it holds {@link #actual()}, not what the
 * writer {@linkplain #expected() expected}. Nothing of the refused change was applied. Checked, since a
 * writer is expected to handle it (re-read, merge, retry).
 */
public final class WriteConflictException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final ExpectedObject expected;
  private final transient Optional<ObjectId> actual;

  /** A conflict on {@code path}: {@code current} is its entry now (null: not indexed). */
  public WriteConflictException(String path, ExpectedObject expected, FileEntry current) {
    super("conflict on " + path + ": expected " + describe(expected.object()) + ", but it is "
        + describe(Optional.ofNullable(current).map(FileEntry::objectId)) + " (another writer changed it first)");
    this.path = path;
    this.expected = expected;
    this.actual = Optional.ofNullable(current).map(FileEntry::objectId);
  }

  private static String describe(Optional<ObjectId> id) {
    return id.map(o -> "object " + o.hex()).orElse("absent");
  }

  /** The path (normalised). */
  public String path() {
    return path;
  }

  /** What the writer expected. */
  public ExpectedObject expected() {
    return expected;
  }

  /** The object the path holds now, or empty if it is not indexed. */
  public Optional<ObjectId> actual() {
    return actual;
  }
}
