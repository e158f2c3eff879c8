package io.graphsnap.builder.internal;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * The NODE_DETAILS entries of the nodes that have more than the empty entry, by node id: added in any order while
 * the declarations stream by ({@link DeclarationStream}), then {@link #sort sorted} once and read by node id. Memory:
 * the entries' bytes plus 20 bytes an entry, nothing for the (usual) nodes without details. {@link #get} is O(1)
 * amortised when the ids asked for ascend (as the section writers ask, once per pass) and O(log entries) otherwise.
 * Mutable, not thread-safe (the read position is shared state).
 */
final class SparseNodeDetails {
  private final DetailEntries entries = new DetailEntries();
  /** Per entry added: node id (high 32 bits) and entry index (low 32 bits); sorted by {@link #sort}. */
  private LongArrayList added = new LongArrayList();
  private int[] nodes;
  private int[] entryOf;
  /** The read position: the first sorted entry whose node is at least the last id asked for. */
  private int position;
  private int lastAsked = -1;

  /** Adds node {@code v}'s entry, {@code bytes[0, length)} (copied); each node at most once, before {@link #sort}. */
  void add(int v, byte[] bytes, int length) {
    added.add((long) v << 32 | entries.size());
    entries.add(bytes, 0, length);
  }

  /**
   * Orders the entries by node id; nothing is added afterwards.
   *
   * @throws IllegalStateException if a node was added twice
   */
  void sort() {
    long[] pairs = added.toLongArray();
    added = null;
    entries.trim(); // nothing is added after: the ends' growth slack goes
    Arrays.sort(pairs);
    nodes = new int[pairs.length];
    entryOf = new int[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      nodes[i] = (int) (pairs[i] >>> 32);
      entryOf[i] = (int) pairs[i];
      if (i > 0 && nodes[i] == nodes[i - 1]) {
        throw new IllegalStateException("node " + nodes[i] + " has two detail entries");
      }
    }
  }

  /** Node {@code v}'s entry (a copy), or {@link DetailEncoder#EMPTY_SYMBOL} if it has none. */
  byte[] get(int v) {
    if (v < lastAsked) {
      int i = Arrays.binarySearch(nodes, v);
      position = i >= 0 ? i : -i - 1;
    }
    while (position < nodes.length && nodes[position] < v) {
      position++;
    }
    lastAsked = v;
    return position < nodes.length && nodes[position] == v ? entries.get(entryOf[position])
        : DetailEncoder.EMPTY_SYMBOL;
  }
}
