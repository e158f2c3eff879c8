package io.graphsnap.frontend.scip.internal;

/**
 * Sorts an {@code int[]} of ids by a comparator over ids, without boxing: a stable merge sort, O(n log n) time and n
 * ints of scratch. Stateless.
 */
public final class IntSort {
  /** Compares two ids. */
  @FunctionalInterface
  public interface IdComparator {
    /** Negative, zero or positive as id {@code a} sorts before, with, or after id {@code b}. */
    int compare(int a, int b);
  }

  private IntSort() {}

  /** Sorts {@code ids[0, n)} by {@code order}, stably. */
  public static void sort(int[] ids, int n, IdComparator order) {
    if (n < 2) {
      return;
    }
    int[] scratch = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          scratch[k++] = order.compare(ids[j], ids[i]) < 0 ? ids[j++] : ids[i++];
        }
        while (i < mid) {
          scratch[k++] = ids[i++];
        }
        while (j < hi) {
          scratch[k++] = ids[j++];
        }
      }
      System.arraycopy(scratch, 0, ids, 0, n);
    }
  }
}
