package io.graphsnap.objects;

import java.util.Arrays;

/**
 * The reachability record of one loose object in the index: the path the object describes and the build
 * generations during which it was that path's current object. Immutable.
 *
 * <p>Every published build has a generation number ({@link StoreIndex#nextGeneration()} at the time it was
 * built; numbers only grow). An object becomes current at generation {@code g} when an update points its
 * path at it while the next build is {@code g}; it stops being current when an update points the path
 * elsewhere or deletes it, while the next build is {@code h}. It then lived in {@code [g, h)}: exactly the
 * snapshots built at generations {@code g … h-1} hold it. A path reverted to an old object opens a second
 * interval. So the snapshot of generation {@code k} reaches this object iff {@link #livesAt(long) livesAt(k)},
 * and the current files reach it iff {@link #isCurrent()}: gc needs no snapshot file to decide.
 *
 * @param path the repository-relative path of the object's file
 * @param intervals flattened {@code [from, to)} pairs in increasing order, disjoint and not adjacent;
 *     {@code to} is {@link #OPEN} while the object is current (only the last interval may be open)
 */
public record ObjectRecord(String path, long[] intervals) {
  /** The {@code to} of an interval that has not ended: the object is current. */
  public static final long OPEN = Long.MAX_VALUE;

  /** Validates and copies the intervals. */
  public ObjectRecord {
    if (path == null) {
      throw new IllegalArgumentException("path is null");
    }
    if (intervals.length % 2 != 0) {
      throw new IllegalArgumentException("intervals of " + path + " hold an odd number of bounds: " + intervals.length);
    }
    intervals = intervals.clone();
    for (int i = 0; i < intervals.length; i += 2) {
      long from = intervals[i];
      long to = intervals[i + 1];
      boolean ordered = from >= 0 && from < to && (i == 0 || from > intervals[i - 1]);
      if (!ordered || (to == OPEN && i + 2 != intervals.length)) {
        throw new IllegalArgumentException("intervals of " + path + " are not increasing, disjoint and non-empty: "
            + Arrays.toString(intervals));
      }
    }
  }

  /** A record of an object that became current at generation {@code from}. */
  public static ObjectRecord currentSince(String path, long from) {
    return new ObjectRecord(path, new long[] {from, OPEN});
  }

  /** True if the object is a current file's object (its last interval is open). */
  public boolean isCurrent() {
    return intervals.length > 0 && intervals[intervals.length - 1] == OPEN;
  }

  /** True if the snapshot built at {@code generation} holds the object. O(intervals). */
  public boolean livesAt(long generation) {
    for (int i = 0; i < intervals.length; i += 2) {
      if (generation >= intervals[i] && generation < intervals[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** A copy of the flattened intervals. */
  @Override
  public long[] intervals() {
    return intervals.clone();
  }

  /**
   * This record with the object current again from {@code generation}: a new open interval, merged into the
   * last one if that ended exactly at {@code generation}. Unchanged if already current.
   */
  public ObjectRecord reopenedAt(long generation) {
    if (isCurrent()) {
      return this;
    }
    int n = intervals.length;
    if (n > 0 && intervals[n - 1] == generation) {
      long[] merged = intervals.clone();
      merged[n - 1] = OPEN;
      return new ObjectRecord(path, merged);
    }
    long[] grown = Arrays.copyOf(intervals, n + 2);
    grown[n] = generation;
    grown[n + 1] = OPEN;
    return new ObjectRecord(path, grown);
  }

  /**
   * This record with the open interval closed at {@code generation}; an interval that would be empty (the
   * object was current only between two builds) is dropped. Unchanged if not current.
   */
  public ObjectRecord closedAt(long generation) {
    if (!isCurrent()) {
      return this;
    }
    int n = intervals.length;
    if (intervals[n - 2] >= generation) {
      return new ObjectRecord(path, Arrays.copyOf(intervals, n - 2));
    }
    long[] closed = intervals.clone();
    closed[n - 1] = generation;
    return new ObjectRecord(path, closed);
  }

  /** True if no snapshot and no current file holds the object. */
  public boolean isEmpty() {
    return intervals.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectRecord r && path.equals(r.path) && Arrays.equals(intervals, r.intervals);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(intervals);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ObjectRecord[").append(path);
    for (int i = 0; i < intervals.length; i += 2) {
      s.append(" [").append(intervals[i]).append(", ").append(intervals[i + 1] == OPEN ? "open" : intervals[i + 1]).append(')');
    }
    return s.append(']').toString();
  }
}
