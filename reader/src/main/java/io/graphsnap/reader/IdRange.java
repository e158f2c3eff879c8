package io.graphsnap.reader;

/**
 * A contiguous range {@code [start, end)} of node ids, such as all names with a prefix (or of file ids: all paths
 * with a prefix). Immutable.
 *
 * @param start the first id
 * @param end one past the last id ({@code >= start})
 */
public record IdRange(int start, int end) {
  /** Checks {@code 0 <= start <= end}. */
  public IdRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
    }
  }

  /** The number of ids. */
  public int size() {
    return end - start;
  }

  /** Whether the range holds no id. */
  public boolean isEmpty() {
    return start == end;
  }

  /** Whether {@code id} lies in the range. */
  public boolean contains(int id) {
    return id >= start && id < end;
  }
}
