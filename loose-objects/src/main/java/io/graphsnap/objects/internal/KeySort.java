package io.graphsnap.objects.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;

/**
 * A stable sort of items by byte-string keys compared as unsigned bytes: multikey quicksort (Bentley and Sedgewick's
 * three-way radix quicksort), which looks at each byte of a shared prefix once per partitioning step instead of once
 * per comparison, as a comparison sort does; keys of the runs share long prefixes (symbol names of one package, paths
 * of one folder). Items with equal keys keep their input order. Not API. Stateless, thread-safe.
 *
 * <p>O(n · log n + total distinguishing prefix length) expected; insertion sort below {@value #SMALL} items; past a
 * recursion depth of {@value #MAX_DEPTH} a range is handed to {@link Arrays#sort(Object[], Comparator)}, so no input
 * overflows the stack.
 */
final class KeySort {
  private static final int SMALL = 12;
  private static final int MAX_DEPTH = 256;

  private KeySort() {}

  /** Sorts {@code items} in place by {@code keyOf} (unsigned bytes), stably. */
  static <T> void sort(T[] items, Function<T, byte[]> keyOf) {
    int n = items.length;
    byte[][] keys = new byte[n][];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keyOf.apply(items[i]);
      order[i] = i;
    }
    new Run(keys, order).sort(0, n, 0, 0);
    Object[] copy = items.clone();
    for (int i = 0; i < n; i++) {
      @SuppressWarnings("unchecked")
      T item = (T) copy[order[i]];
      items[i] = item;
    }
  }

  /** The keys and their input positions, permuted together. */
  private record Run(byte[][] keys, int[] order) {
    private int byteAt(int i, int d) {
      byte[] key = keys[i];
      return d < key.length ? key[d] & 0xFF : -1;
    }

    private void swap(int i, int j) {
      byte[] k = keys[i];
      keys[i] = keys[j];
      keys[j] = k;
      int o = order[i];
      order[i] = order[j];
      order[j] = o;
    }

    /** Compares items {@code i} and {@code j}, whose keys are equal before byte {@code d}. */
    private int compareFrom(int i, int j, int d) {
      byte[] a = keys[i];
      byte[] b = keys[j];
      int c = Arrays.compareUnsigned(a, Math.min(d, a.length), a.length, b, Math.min(d, b.length), b.length);
      return c != 0 ? c : Integer.compare(order[i], order[j]);
    }

    /** Sorts {@code [lo, hi)}, whose keys are equal before byte {@code d}. */
    void sort(int lo, int hi, int d, int depth) {
      while (hi - lo > SMALL) {
        if (depth > MAX_DEPTH) {
          fallback(lo, hi, d);
          return;
        }
        int mid = lo + (hi - lo) / 2;
        int pivot = median(byteAt(lo, d), byteAt(mid, d), byteAt(hi - 1, d));
        int lt = lo;
        int gt = hi - 1;
        int i = lo;
        while (i <= gt) {
          int c = byteAt(i, d);
          if (c < pivot) {
            swap(lt++, i++);
          } else if (c > pivot) {
            swap(i, gt--);
          } else {
            i++;
          }
        }
        sort(lo, lt, d, depth + 1);
        sort(gt + 1, hi, d, depth + 1);
        if (pivot < 0) { // the keys in [lt, gt] all end at d: equal, so by input order
          fallback(lt, gt + 1, d);
          return;
        }
        lo = lt;
        hi = gt + 1;
        d++;
      }
      for (int i = lo + 1; i < hi; i++) {
        for (int j = i; j > lo && compareFrom(j - 1, j, d) > 0; j--) {
          swap(j - 1, j);
        }
      }
    }

    /** Sorts {@code [lo, hi)} by a comparison sort (keys equal before byte {@code d}). */
    private void fallback(int lo, int hi, int d) {
      Integer[] positions = new Integer[hi - lo];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = lo + i;
      }
      Arrays.sort(positions, (x, y) -> compareFrom(x, y, d));
      byte[][] sortedKeys = new byte[positions.length][];
      int[] sortedOrder = new int[positions.length];
      for (int i = 0; i < positions.length; i++) {
        sortedKeys[i] = keys[positions[i]];
        sortedOrder[i] = order[positions[i]];
      }
      System.arraycopy(sortedKeys, 0, keys, lo, positions.length);
      System.arraycopy(sortedOrder, 0, order, lo, positions.length);
    }

    private static int median(int a, int b, int c) {
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
  }
}
