package io.graphsnap.objects;

/** What one update did to one path, comparing the index before and after it. */
public enum FileChange {
  /** The path was not indexed and now is. */
  ADDED,
  /** The path now points at a different object. */
  CHANGED,
  /** The path points at the same object as before (nothing written). */
  UNCHANGED,
  /** The path was indexed and no longer is. */
  DELETED,
  /** The path was not indexed before and is not now (e.g. deleting an unknown path). */
  ABSENT
}
