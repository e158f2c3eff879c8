package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.Locale;
import org.roaringbitmap.IntIterator;

/**
 * The order of search results: the name whose simple name (last segment, without parameters) equals the query
 * first, then declared before external symbols, then shorter names, then more incoming edges, then name order.
 *
 * <p>{@link #best} ranks each candidate once, into one {@code long} key, and keeps the best {@code k} in a bounded
 * heap: O(n log k) for n candidates, each name read once (a search matching every name of a million-node graph
 * ranks in a fraction of a second, where sorting with a comparator that reads names re-read each name about 40
 * times). Stateless.
 */
final class NameRanking {
  private static final int LENGTH_BITS = 20;
  private static final int DEGREE_BITS = 31;

  private NameRanking() {}

  /** The best {@code k} of {@code ids} for {@code query} over {@code g}, best first. */
  static int[] best(GraphSnapshot g, String query, IntIterator ids, int k) {
    String simpleQuery = NameMatch.lastSegment(query).toLowerCase(Locale.ROOT);
    TopK top = new TopK(k);
    while (ids.hasNext()) {
      int id = ids.next();
      top.offer(key(g, id, simpleQuery), id);
    }
    return top.drain();
  }

  /**
   * The rank of {@code id} as one number, smaller is better (ties are broken by id): bit 62 set unless its simple
   * name is {@code simpleQuery}, bit 61 set if external, then its name's length (capped at 2^20 - 1), then
   * {@code 2^31 - 1 - inDegree}.
   */
  static long key(GraphSnapshot g, int id, String simpleQuery) {
    String name = g.name(id);
    long exact = NameMatch.lastSegment(name).toLowerCase(Locale.ROOT).equals(simpleQuery) ? 0 : 1;
    long external = g.isExternal(id) ? 1 : 0;
    long length = Math.min(name.length(), (1 << LENGTH_BITS) - 1);
    long degree = Integer.MAX_VALUE - (long) Math.max(0, g.inDegree(id));
    return exact << (LENGTH_BITS + DEGREE_BITS + 1) | external << (LENGTH_BITS + DEGREE_BITS)
        | length << DEGREE_BITS | degree;
  }

  /** The {@code k} smallest (key, id) pairs offered, in a max-heap of flat arrays. Not thread-safe. */
  static final class TopK {
    private final int capacity;
    private long[] keys = new long[16];
    private int[] ids = new int[16];
    private int size;

    TopK(int capacity) {
      this.capacity = capacity;
    }

    /** Keeps ({@code key}, {@code id}) if it is among the {@code k} smallest so far. O(log k). */
    void offer(long key, int id) {
      if (capacity == 0) {
        return;
      }
      if (size < capacity) {
        if (size == keys.length) {
          int grown = (int) Math.min(capacity, 2L * size);
          keys = java.util.Arrays.copyOf(keys, grown);
          ids = java.util.Arrays.copyOf(ids, grown);
        }
        keys[size] = key;
        ids[size] = id;
        up(size++);
      } else if (less(key, id, keys[0], ids[0])) {
        keys[0] = key;
        ids[0] = id;
        down(0, size);
      }
    }

    /** The ids kept, smallest (best) first; the heap is empty afterwards. O(k log k). */
    int[] drain() {
      int n = size;
      for (int end = n - 1; end > 0; end--) { // heap sort: the largest goes last
        swap(0, end);
        down(0, end);
      }
      size = 0;
      return java.util.Arrays.copyOf(ids, n);
    }

    private static boolean less(long k1, int i1, long k2, int i2) {
      return k1 < k2 || k1 == k2 && i1 < i2;
    }

    private void up(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!less(keys[parent], ids[parent], keys[i], ids[i])) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void down(int i, int end) {
      while (true) {
        int child = 2 * i + 1;
        if (child >= end) {
          return;
        }
        if (child + 1 < end && less(keys[child], ids[child], keys[child + 1], ids[child + 1])) {
          child++;
        }
        if (!less(keys[i], ids[i], keys[child], ids[child])) {
          return;
        }
        swap(i, child);
        i = child;
      }
    }

    private void swap(int a, int b) {
      long k = keys[a];
      keys[a] = keys[b];
      keys[b] = k;
      int id = ids[a];
      ids[a] = ids[b];
      ids[b] = id;
    }
  }
}
