package io.graphsnap.builder.internal.spill;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts sited edges, each a non-negative packed key with its lines, by key, in bounded memory: records fill
 * buffers of about {@code bufferBytes} (8 bytes of key, 8 of bookkeeping and 4 per line); a full buffer is sorted
 * and written as a run (key Int64, line count Int32, lines Int32 each); {@link #finish()} merges the runs k-way
 * (at most {@link LongRunSorter#FAN_IN} at a time) into one ascending {@link Cursor}. Keys are expected distinct;
 * equal keys come out one after the other, in no defined order. Mutable, single-use, not thread-safe.
 */
public final class SiteRunSorter {
  private static final int RECORD_BYTES = 20;

  private final SpillFiles files;
  private final long budget;
  private LongArrayList keys = new LongArrayList();
  /** Each record's start in {@link #pool}: the line count, then the lines. */
  private IntArrayList starts = new IntArrayList();
  private IntArrayList pool = new IntArrayList();
  private final List<LongRunSorter.Run> runs = new ArrayList<>();
  private long added;

  /** A sorter holding at most about {@code bufferBytes} of records in memory. */
  public SiteRunSorter(SpillFiles files, long bufferBytes) {
    this.files = files;
    this.budget = bufferBytes;
  }

  /** Adds the edge of {@code key} with lines {@code lines[from, from + count)}. */
  public void add(long key, int[] lines, int from, int count) throws IOException {
    if (!keys.isEmpty() && (long) keys.size() * RECORD_BYTES + 4L * pool.size() + 4L * count > budget) {
      spill();
    }
    keys.add(key);
    starts.add(pool.size());
    pool.add(count);
    pool.addElements(pool.size(), lines, from, count);
    added++;
  }

  /** The records added. */
  public long added() {
    return added;
  }

  /** The number of runs written so far. */
  public int runCount() {
    return runs.size();
  }

  /** Sorts the buffer's records by key: an index permutation. */
  private int[] order() {
    int n = keys.size();
    long[] k = keys.elements();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    it.unimi.dsi.fastutil.ints.IntArrays.quickSort(order, (a, b) -> Long.compare(k[a], k[b]));
    return order;
  }

  private void spill() throws IOException {
    int[] order = order();
    Path path = files.create("sites");
    long bytes;
    try (SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
      long[] k = keys.elements();
      int[] p = pool.elements();
      int[] s = starts.elements();
      for (int i : order) {
        out.putLong(k[i]);
        int start = s[i];
        out.putInt(p[start]);
        out.putInts(p, start + 1, p[start]);
      }
      bytes = out.finish();
    }
    runs.add(new LongRunSorter.Run(path, bytes));
    keys.clear();
    starts.clear();
    pool.clear();
  }

  /** The records, ascending by key; the sorter must not be used afterwards; closing the cursor deletes the runs. */
  public Cursor finish() throws IOException {
    if (runs.isEmpty()) {
      int[] order = order();
      long[] k = keys.elements();
      int[] p = pool.elements();
      int[] s = starts.elements();
      return new Cursor() {
        int i;

        @Override
        public long next() {
          if (i == order.length) {
            return -1;
          }
          int r = order[i++];
          lines = p;
          from = s[r] + 1;
          count = p[s[r]];
          return k[r];
        }

        @Override
        public void close() {}
      };
    }
    if (!keys.isEmpty()) {
      spill();
    }
    keys = null;
    starts = null;
    pool = null;
    while (runs.size() > LongRunSorter.FAN_IN) {
      List<LongRunSorter.Run> group = new ArrayList<>(runs.subList(0, LongRunSorter.FAN_IN));
      runs.subList(0, LongRunSorter.FAN_IN).clear();
      Path path = files.create("sites");
      long bytes;
      try (Cursor merged = merge(group); SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
        for (long key = merged.next(); key >= 0; key = merged.next()) {
          out.putLong(key);
          out.putInt(merged.count);
          out.putInts(merged.lines, merged.from, merged.count);
        }
        bytes = out.finish();
      }
      runs.add(new LongRunSorter.Run(path, bytes));
    }
    return merge(new ArrayList<>(runs));
  }

  /**
   * Sorted records: {@link #next()} returns the next key (or -1 at the end) and sets {@link #lines}, {@link #from}
   * and {@link #count} to that record's lines, valid until the next call.
   */
  public abstract static class Cursor implements LongCursor {
    /** The current record's lines are {@code lines[from, from + count)}. */
    public int[] lines;
    /** See {@link #lines}. */
    public int from;
    /** See {@link #lines}. */
    public int count;
  }

  /** One run being merged: its reader and current record. */
  private static final class Head {
    final SpillReader in;
    long key;
    int[] lines = new int[16];
    int count;

    Head(SpillReader in) {
      this.in = in;
    }

    /** Reads the next record; false at the run's end. */
    boolean advance() throws IOException {
      if (in.remaining() == 0) {
        return false;
      }
      key = in.getLong();
      count = in.getInt();
      if (count < 1 || 4L * count > in.remaining()) {
        throw new IOException("spill run of edge lines: a record claims " + count + " lines, "
            + in.remaining() + " bytes remain (a damaged or truncated temporary file)");
      }
      if (lines.length < count) {
        lines = Arrays.copyOf(lines, Math.max(count, lines.length * 2));
      }
      in.getInts(lines, 0, count);
      return true;
    }
  }

  private Cursor merge(List<LongRunSorter.Run> group) throws IOException {
    int k = group.size();
    int readBuffer = (int) Math.max(LongRunSorter.MIN_READ_BUFFER, Math.min(1 << 20, budget / k));
    List<Head> heads = new ArrayList<>(k);
    try {
      for (LongRunSorter.Run r : group) {
        heads.add(new Head(new SpillReader(r.path(), 0, r.count(), readBuffer)));
      }
    } catch (IOException e) {
      for (Head h : heads) {
        h.in.close();
      }
      throw e;
    }
    java.util.PriorityQueue<Head> queue = new java.util.PriorityQueue<>(Math.max(1, k),
        (a, b) -> Long.compare(a.key, b.key));
    for (Head h : heads) {
      if (h.advance()) {
        queue.add(h);
      }
    }
    return new Cursor() {
      Head current;

      @Override
      public long next() throws IOException {
        if (current != null && current.advance()) {
          queue.add(current);
        }
        current = queue.poll();
        if (current == null) {
          return -1;
        }
        lines = current.lines;
        from = 0;
        count = current.count;
        return current.key;
      }

      @Override
      public void close() throws IOException {
        for (Head h : heads) {
          h.in.close();
        }
        for (LongRunSorter.Run r : group) {
          files.delete(r.path());
        }
      }
    };
  }
}
