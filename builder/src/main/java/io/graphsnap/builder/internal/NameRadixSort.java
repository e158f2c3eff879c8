package io.graphsnap.builder.internal;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sorts a {@link NameTable}'s ids by their names' unsigned UTF-8 bytes (code-point order), most significant digit
 * first with 8-byte digits: the ids of a range are sorted by the 8 bytes of their names at the range's depth (an
 * LSD radix sort of (digit, id) pairs: sequential passes over flat arrays, instead of a comparison sort's cache miss
 * into the names' chunks at every comparison), then each run of equal digits is split into the names that end
 * within the digit (shortest first: each is a prefix of the next) and the rest, sorted again at the next depth.
 * Ranges whose digits are all equal (the long prefixes package names share) skip the sort; small ranges are sorted
 * by comparisons. The ranges to sort are kept on an explicit stack, so a name of any length is sorted without
 * recursion.
 *
 * <p>O(n · d) for names that differ within their first 8·d bytes; memory: 16 bytes per id while sorting (the digits
 * and a copy of the ids). Stateless; the table must not change during the sort.
 */
final class NameRadixSort {
  /** Ranges up to this size are sorted by comparisons. */
  private static final int SMALL = 24;
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private NameRadixSort() {}

  /** Sorts {@code order} (distinct ids of {@code table}) by name, in place. */
  static void sort(NameTable table, int[] order) {
    int n = order.length;
    long[] digits = new long[n];
    long[] ids = new long[n];
    IntArrayList stack = new IntArrayList();
    push(stack, 0, n, 0);
    while (!stack.isEmpty()) {
      int depth = stack.popInt();
      int to = stack.popInt();
      int from = stack.popInt();
      if (to - from <= SMALL) {
        insertionSort(table, order, from, to, depth);
        continue;
      }
      boolean same = true;
      for (int i = from; i < to; i++) {
        // Flipping the sign bit makes the signed sort an unsigned one.
        digits[i] = digit(table, order[i], depth) ^ Long.MIN_VALUE;
        ids[i] = order[i];
        same &= digits[i] == digits[from];
      }
      if (!same) {
        LongArrays.radixSort(digits, ids, from, to);
        for (int i = from; i < to; i++) {
          order[i] = (int) ids[i];
        }
      }
      for (int i = from; i < to; ) {
        int j = i + 1;
        while (j < to && digits[j] == digits[i]) {
          j++;
        }
        if (j - i > 1) {
          int rest = endedFirst(table, order, i, j, depth + Long.BYTES);
          push(stack, rest, j, depth + Long.BYTES);
        }
        i = j;
      }
    }
  }

  private static void push(IntArrayList stack, int from, int to, int depth) {
    if (to - from > 1) {
      stack.add(from);
      stack.add(to);
      stack.add(depth);
    }
  }

  /**
   * The 8 bytes of {@code id}'s name from {@code depth} as a big-endian long, zeros past its end (ties with real
   * zero bytes are settled by length: {@link #endedFirst}).
   */
  private static long digit(NameTable table, int id, int depth) {
    byte[] chunk = table.chunk(id);
    int offset = table.offset(id);
    int left = table.length(id) - depth;
    if (left >= Long.BYTES) {
      return (long) BIG_ENDIAN_LONG.get(chunk, offset + depth);
    }
    long d = 0;
    for (int k = 0; k < Long.BYTES; k++) {
      d = d << 8 | (k < left ? chunk[offset + depth + k] & 0xFF : 0);
    }
    return d;
  }

  /**
   * Moves the names of {@code order[from, to)} (equal bytes up to {@code end}) that end by {@code end} to the front,
   * shortest first, and returns where the longer ones start. At most 8 names end there (one per length).
   */
  private static int endedFirst(NameTable table, int[] order, int from, int to, int end) {
    int w = from;
    for (int i = from; i < to; i++) {
      if (table.length(order[i]) <= end) {
        int id = order[i];
        order[i] = order[w];
        order[w] = id;
        w++;
      }
    }
    for (int i = from + 1; i < w; i++) {
      int id = order[i];
      int j = i - 1;
      while (j >= from && table.length(order[j]) > table.length(id)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = id;
    }
    return w;
  }

  /** Sorts {@code order[from, to)} (equal in their first {@code depth} bytes) by comparing the bytes after. */
  private static void insertionSort(NameTable table, int[] order, int from, int to, int depth) {
    for (int i = from + 1; i < to; i++) {
      int id = order[i];
      int j = i - 1;
      while (j >= from && compare(table, order[j], id, depth) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = id;
    }
  }

  private static int compare(NameTable table, int a, int b, int depth) {
    int oa = table.offset(a) + depth;
    int ob = table.offset(b) + depth;
    return Arrays.compareUnsigned(table.chunk(a), oa, table.offset(a) + table.length(a), table.chunk(b), ob,
        table.offset(b) + table.length(b));
  }
}
