package io.graphsnap.builder.internal.spill;

import it.unimi.dsi.fastutil.longs.LongArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts non-negative longs (packed edge keys) and drops duplicates, in bounded memory: values fill a buffer of
 * {@code bufferBytes} (grown by copies while the old and the new one together fit it, so never more is held; a full
 * buffer holds at least two thirds of it); a full buffer is sorted (radix sort, O(n)) and written as a run of distinct values to a
 * spill file (the first value, then the gap to each next one, as varints: sorted keys of nearby nodes are a few
 * bytes apart, not 8); {@link #finish()} merges the runs (k-way, at most {@link #FAN_IN} at a time: more runs are merged in
 * passes) into one ascending, distinct {@link LongCursor}. Values that never fill the buffer are sorted in memory
 * and no file is written. Memory: the buffer, then during the merge one read buffer per run sharing the same
 * budget. Mutable, single-use, not thread-safe.
 */
public final class LongRunSorter {
  /** Most runs merged at once. */
  static final int FAN_IN = 64;
  /** Smallest read buffer of one run in a merge. */
  static final int MIN_READ_BUFFER = 4096;

  private final SpillFiles files;
  private final String what;
  private final long budget;
  private long[] buffer;
  private int size;
  private final List<Run> runs = new ArrayList<>();
  private long added;

  /** One sorted run: its file and its size in bytes (and its values here; {@link SiteRunSorter}'s count bytes). */
  record Run(Path path, long count, long bytes) {
    /** A run whose size is counted in bytes only. */
    Run(Path path, long bytes) {
      this(path, bytes, bytes);
    }
  }

  /**
   * A sorter holding at most {@code bufferBytes} of values (at least 64 values).
   *
   * @param what names the runs' files ({@code "forward"})
   */
  public LongRunSorter(SpillFiles files, String what, long bufferBytes) {
    this.files = files;
    this.what = what;
    this.budget = bufferBytes;
    long capacity = Math.max(64, Math.min(bufferBytes / Long.BYTES, Integer.MAX_VALUE - 16));
    this.buffer = new long[(int) Math.min(capacity, 1 << 12)];
  }

  /** Adds {@code value} (non-negative). */
  public void add(long value) throws IOException {
    if (size == buffer.length) {
      long capacity = Math.max(64, Math.min(budget / Long.BYTES, Integer.MAX_VALUE - 16));
      // Grown while the old and the new buffer together fit the budget (the copy holds both for a moment): doubling,
      // then once to what the budget leaves beside the old one; full at that size, it spills.
      long grown = Math.min((long) buffer.length * 2, capacity - buffer.length);
      if (grown > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, (int) grown);
      } else {
        spill();
      }
    }
    buffer[size++] = value;
    added++;
  }

  /** The values added so far, duplicates included. */
  public long added() {
    return added;
  }

  /** The number of runs written so far. */
  public int runCount() {
    return runs.size();
  }

  private void spill() throws IOException {
    int distinct = sortDistinct();
    Path path = files.create(what);
    long bytes;
    try (SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
      long last = 0;
      for (int i = 0; i < distinct; i++) {
        out.putVarLong(buffer[i] - last);
        last = buffer[i];
      }
      bytes = out.finish();
    }
    runs.add(new Run(path, distinct, bytes));
    size = 0;
  }

  /** Sorts the buffer and moves its distinct values to its front; returns their number. */
  private int sortDistinct() {
    LongArrays.radixSort(buffer, 0, size);
    int w = 0;
    for (int i = 0; i < size; i++) {
      if (w == 0 || buffer[i] != buffer[w - 1]) {
        buffer[w++] = buffer[i];
      }
    }
    return w;
  }

  /**
   * The values added, ascending and distinct. The sorter must not be used afterwards; closing the cursor deletes
   * the runs.
   */
  public LongCursor finish() throws IOException {
    if (runs.isEmpty()) {
      int distinct = sortDistinct();
      long[] values = buffer;
      buffer = null;
      return new LongCursor() {
        int i;

        @Override
        public long next() {
          return i < distinct ? values[i++] : -1;
        }

        @Override
        public void close() {}
      };
    }
    if (size > 0) {
      spill();
    }
    buffer = null;
    while (runs.size() > FAN_IN) {
      List<Run> group = new ArrayList<>(runs.subList(0, FAN_IN));
      runs.subList(0, FAN_IN).clear();
      Path path = files.create(what);
      long count = 0;
      long bytes;
      try (LongCursor merged = merge(group); SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
        long last = 0;
        for (long v = merged.next(); v >= 0; v = merged.next()) {
          out.putVarLong(v - last);
          last = v;
          count++;
        }
        bytes = out.finish();
      }
      runs.add(new Run(path, count, bytes));
    }
    return merge(new ArrayList<>(runs));
  }

  /** A k-way merge of {@code group} (a binary heap of the runs' heads), deleting the runs when closed. */
  private LongCursor merge(List<Run> group) throws IOException {
    int k = group.size();
    int readBuffer = (int) Math.max(MIN_READ_BUFFER, Math.min(1 << 20, budget / k) & ~7L);
    SpillReader[] readers = new SpillReader[k];
    long[] left = new long[k];
    try {
      for (int i = 0; i < k; i++) {
        Run r = group.get(i);
        readers[i] = new SpillReader(r.path(), 0, r.bytes(), readBuffer);
        left[i] = r.count();
      }
    } catch (IOException e) {
      for (SpillReader r : readers) {
        if (r != null) {
          r.close();
        }
      }
      throw e;
    }
    long[] head = new long[k];
    int[] heap = new int[k];
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (left[i] > 0) {
        head[i] = readers[i].getVarLong();
        left[i]--;
        heap[n++] = i;
      }
    }
    int heapSize = n;
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(heap, heapSize, head, i);
    }
    return new LongCursor() {
      int size = heapSize;
      long last = -1;

      @Override
      public long next() throws IOException {
        while (size > 0) {
          int top = heap[0];
          long v = head[top];
          if (left[top] > 0) {
            head[top] = v + readers[top].getVarLong(); // runs hold the gaps between their ascending values
            left[top]--;
          } else {
            heap[0] = heap[--size];
          }
          siftDown(heap, size, head, 0);
          if (v != last) {
            last = v;
            return v;
          }
        }
        return -1;
      }

      @Override
      public void close() throws IOException {
        for (SpillReader r : readers) {
          r.close();
        }
        for (Run r : group) {
          files.delete(r.path());
        }
      }
    };
  }

  private static void siftDown(int[] heap, int size, long[] head, int i) {
    int item = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && head[heap[child + 1]] < head[heap[child]]) {
        child++;
      }
      if (head[heap[child]] >= head[item]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = item;
  }
}
