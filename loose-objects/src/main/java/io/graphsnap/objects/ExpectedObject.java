package io.graphsnap.objects;

import java.util.Optional;

/**
 * What a writer expects a path to hold before it changes it: one object, or nothing ({@link #ABSENT}). The
 * compare half of the compare-and-set of {@link IndexUpdate#put(io.graphsnap.format.object.FileSummary,
 * ExpectedObject)} and {@link IndexUpdate#delete(String, ExpectedObject)}. Immutable.
 *
 * @param object the expected object, or empty when the path is expected to be absent
 */
public record ExpectedObject(Optional<ObjectId> object) {
  /** The path is expected not to be indexed. */
  public static final ExpectedObject ABSENT = new ExpectedObject(Optional.empty());

  /** Checks for null. */
  public ExpectedObject {
    java.util.Objects.requireNonNull(object, "object");
  }

  /** The path is expected to hold {@code id}. */
  public static ExpectedObject of(ObjectId id) {
    return new ExpectedObject(Optional.of(id));
  }

  /**
   * Parses {@code "none"} ({@link #ABSENT}) or 64 hex digits.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ExpectedObject parse(String text) {
    if (text.equals("none")) {
      return ABSENT;
    }
    try {
      return of(ObjectId.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected \"none\" or an object id (64 hex digits), not \"" + text + "\"", e);
    }
  }

  /** Whether {@code current} (null: not indexed) is what this expects. */
  public boolean matches(FileEntry current) {
    return object.isEmpty() ? current == null : current != null && current.objectId().equals(object.get());
  }

  /** {@code none} or the object id's hex digits. */
  @Override
  public String toString() {
    return object.map(ObjectId::hex).orElse("none");
  }
}
