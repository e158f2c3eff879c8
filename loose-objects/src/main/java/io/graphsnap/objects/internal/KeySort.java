package io.graphsnap.objects.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A stable sort of a {@link KeyBuffer}'s keys compared as unsigned bytes: multikey quicksort (Bentley and Sedgewick's
 * three-way radix quicksort), which looks at each byte of a shared prefix once per partitioning step instead of once
 * per comparison, as a comparison sort does; keys of the runs share long prefixes (symbol names of one package, paths
 * of one folder). Entries with equal keys keep their write order. Not API. Stateless, thread-safe.
 *
 * <p>O(n · log n + total distinguishing prefix length) expected; insertion sort below {@value #SMALL} items; past a
 * recursion depth of {@value #MAX_DEPTH} a range is handed to {@link Arrays#sort(Object[], Comparator)}, so no input
 * overflows the stack. Memory: four arrays of n entries (each key's page, offset, length and entry number, permuted
 * together so that reading a key's byte costs two loads).
 */
final class KeySort {
  private static final int SMALL = 12;
  private static final int MAX_DEPTH = 256;

  private KeySort() {}

  /** The entries of {@code buffer} (0 to size - 1) in key order (unsigned bytes), equal keys in write order. */
  static int[] sort(KeyBuffer buffer) {
    int n = buffer.size();
    byte[][] pages = new byte[n][];
    int[] offsets = new int[n];
    int[] lengths = new int[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      pages[i] = buffer.pageOf(i);
      offsets[i] = buffer.offsetOf(i);
      lengths[i] = buffer.lengthOf(i);
      order[i] = i;
    }
    new Run(pages, offsets, lengths, order).sort(0, n, 0, 0);
    return order;
  }

  /** The keys (page, offset, length) and their entry numbers, permuted together. */
  private record Run(byte[][] pages, int[] offsets, int[] lengths, int[] order) {
    private int byteAt(int i, int d) {
      return d < lengths[i] ? pages[i][offsets[i] + d] & 0xFF : -1;
    }

    private void swap(int i, int j) {
      byte[] p = pages[i];
      pages[i] = pages[j];
      pages[j] = p;
      int o = offsets[i];
      offsets[i] = offsets[j];
      offsets[j] = o;
      int l = lengths[i];
      lengths[i] = lengths[j];
      lengths[j] = l;
      int e = order[i];
      order[i] = order[j];
      order[j] = e;
    }

    /** Compares items {@code i} and {@code j}, whose keys are equal before byte {@code d}. */
    private int compareFrom(int i, int j, int d) {
      int a = offsets[i];
      int b = offsets[j];
      int c = Arrays.compareUnsigned(pages[i], a + Math.min(d, lengths[i]), a + lengths[i], pages[j],
          b + Math.min(d, lengths[j]), b + lengths[j]);
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
      byte[][] sortedPages = new byte[positions.length][];
      int[] sortedOffsets = new int[positions.length];
      int[] sortedLengths = new int[positions.length];
      int[] sortedOrder = new int[positions.length];
      for (int i = 0; i < positions.length; i++) {
        sortedPages[i] = pages[positions[i]];
        sortedOffsets[i] = offsets[positions[i]];
        sortedLengths[i] = lengths[positions[i]];
        sortedOrder[i] = order[positions[i]];
      }
      System.arraycopy(sortedPages, 0, pages, lo, positions.length);
      System.arraycopy(sortedOffsets, 0, offsets, lo, positions.length);
      System.arraycopy(sortedLengths, 0, lengths, lo, positions.length);
      System.arraycopy(sortedOrder, 0, order, lo, positions.length);
    }

    private static int median(int a, int b, int c) {
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
  }
}
