package io.graphsnap.reader.internal;

/**
 * A sorted list of strings of a mapped snapshot, the node names (NODE_NAMES, node id = index) or the file paths
 * (FILE_PATHS, file id = index), sorted by unsigned UTF-8 bytes: the one way the reader reads them, whatever their
 * layout ({@link #open}). Keys are UTF-8 byte arrays, compared as unsigned bytes
 * without decoding. Every access checks what it reads, so damaged bytes give a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} naming the section and offset, never an
 * out-of-bounds read; searches terminate on any bytes, and on a list that is not sorted (only {@link #verify}
 * checks) they may miss. Implementations are immutable and thread-safe; their {@link #cursor()}s are not.
 */
public interface SortedStrings {
  /**
   * The strings in {@code section}: a {@link io.graphsnap.format.snapshot.FrontCodedListFormat FrontCodedList} when
   * {@code frontCoded}, else a {@link io.graphsnap.format.snapshot.StringListFormat StringList}; {@code what} names
   * them in messages ("node names"). O(1).
   */
  static SortedStrings open(Section section, boolean frontCoded, String what) {
    return frontCoded ? FrontCodedStrings.open(section, what) : new PlainStrings(StringListView.open(section), what);
  }

  /** The number of strings. */
  int count();

  /** Decodes string {@code id} (in [0, count)) from UTF-8. */
  String get(int id);

  /** Whether string {@code id} (in [0, count)) is exactly {@code key}'s bytes. No allocation. */
  boolean equalsAt(int id, byte[] key);

  /** The id whose string is {@code key}, or -1; a binary search, O(log N) comparisons. */
  int find(byte[] key);

  /** The first id whose string is {@code >= key} (N if none). */
  int lowerBound(byte[] key);

  /** The first id at or after {@code from} whose string sorts after every string starting with {@code key}. */
  int prefixEnd(int from, byte[] key);

  /** A new cursor copying strings out, cheapest in increasing id order. */
  NameCursor cursor();

  /**
   * Checks the whole section: its structure, every string well-formed UTF-8, strings strictly increasing. O(bytes).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException at the first problem
   */
  void verify();
}
