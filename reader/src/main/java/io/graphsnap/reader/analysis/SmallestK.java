package io.graphsnap.reader.analysis;

import java.util.Arrays;

/**
 * The {@code k} smallest (key, id) pairs offered, ties between equal keys going to the smaller id: a bounded
 * max-heap over two flat arrays, so ranking n candidates costs O(n log k) time and O(k) memory, with no boxing.
 * Rank by any order by encoding it into the {@code long} key (descending doubles: {@link #descending(double)}).
 * Not thread-safe.
 */
public final class SmallestK {
  private final int capacity;
  private long[] keys = new long[16];
  private int[] ids = new int[16];
  private int size;

  /** An empty selection keeping at most {@code capacity} pairs. */
  public SmallestK(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** Keeps ({@code key}, {@code id}) if it is among the {@code k} smallest so far. O(log k). */
  public void offer(long key, int id) {
    if (capacity == 0) {
      return;
    }
    if (size < capacity) {
      if (size == keys.length) {
        int grown = (int) Math.min(capacity, 2L * size);
        keys = Arrays.copyOf(keys, grown);
        ids = Arrays.copyOf(ids, grown);
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
  public int[] drain() {
    int n = size;
    for (int end = n - 1; end > 0; end--) { // heap sort: the largest goes last
      swap(0, end);
      down(0, end);
    }
    size = 0;
    return Arrays.copyOf(ids, n);
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

  /** A key under which larger {@code value}s come first, in {@link Double#compare} order reversed. */
  public static long descending(double value) {
    long bits = Double.doubleToLongBits(value);
    return ~(bits ^ ((bits >> 63) & Long.MAX_VALUE));
  }
}
