package io.graphsnap.reader.internal;

/**
 * The node names of a mapped snapshot (NODE_NAMES), sorted by unsigned UTF-8 bytes, node id = index: the one way the
 * reader reads them, whatever their layout ({@link #open}). Keys are UTF-8 byte arrays, compared as unsigned bytes
 * without decoding. Every access checks what it reads, so damaged bytes give a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} naming the section and offset, never an
 * out-of-bounds read; searches terminate on any bytes, and on a list that is not sorted (only {@link #verify}
 * checks) they may miss. Implementations are immutable and thread-safe; their {@link #cursor()}s are not.
 */
public interface NodeNames {
  /**
   * The names in {@code section}: a {@link io.graphsnap.format.snapshot.FrontCodedListFormat FrontCodedList} when
   * {@code frontCoded}, else a {@link io.graphsnap.format.snapshot.StringListFormat StringList}. O(1).
   */
  static NodeNames open(Section section, boolean frontCoded) {
    return frontCoded ? FrontCodedNames.open(section) : new PlainNames(StringListView.open(section));
  }

  /** The number of names, N. */
  int count();

  /** Decodes name {@code id} (in [0, N)) from UTF-8. */
  String get(int id);

  /** Whether name {@code id} (in [0, N)) is exactly {@code key}'s bytes. No allocation. */
  boolean equalsAt(int id, byte[] key);

  /** The id whose name is {@code key}, or -1; a binary search, O(log N) comparisons. */
  int find(byte[] key);

  /** The first id whose name is {@code >= key} (N if none). */
  int lowerBound(byte[] key);

  /** The first id at or after {@code from} whose name sorts after every name starting with {@code key}. */
  int prefixEnd(int from, byte[] key);

  /** A new cursor copying names out, cheapest in increasing id order. */
  NameCursor cursor();

  /**
   * Checks the whole section: its structure, every name well-formed UTF-8, names strictly increasing. O(name bytes).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException at the first problem
   */
  void verify();

  /** Decodes every name, in id order. O(name bytes). */
  default String[] decodeAll() {
    String[] all = new String[count()];
    NameCursor c = cursor();
    for (int i = 0; i < all.length; i++) {
      all[i] = new String(c.copy(i), 0, c.length(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return all;
  }
}
