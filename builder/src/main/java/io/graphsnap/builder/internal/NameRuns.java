package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildLimits;
import io.graphsnap.builder.internal.spill.EdgeBlocks;
import io.graphsnap.builder.internal.spill.LongCursor;
import io.graphsnap.builder.internal.spill.LongRunSorter;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.builder.internal.spill.SpillReader;
import io.graphsnap.builder.internal.spill.SpillWriter;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The names of a full build past its memory cap, as a sort-based indexer keeps its terms: the collector interns
 * names in a {@link NameTable} until the table passes its share of the cap, then {@link #spill spills} it as a run
 * (its names in code-point order, each with its provisional id) to a temporary file and starts an empty table whose
 * ids continue after the last. A name seen in several runs has one provisional id per run. {@link #merge} merges
 * the runs k-way (at most {@link #FAN_IN} at a time, in passes beyond), gives each distinct name its rank in
 * code-point order (its id from then on), writes the distinct names to a names file in that order, and joins the
 * declarations' and edges' provisional ids with their ranks: the (provisional id, rank) pairs are sorted by
 * provisional id (an external sort) and read back run by run, one run's map on the heap at a time, while the
 * declarations and the edge blocks (in arrival order, so runs come in order) are rewritten in place.
 *
 * <p>Run file layout, per name in code-point order, front-coded against the name before it in the same file (sorted
 * names share long prefixes: package and class names): {@code Shared VarInt, Suffix VarInt, Utf8 Byte^Suffix,
 * Provisional VarInt}, the name being the previous one's first {@code Shared} bytes then the {@code Suffix} bytes,
 * the provisional id counted from the run's first (a merged run's from 0); varints are LEB128 (a byte below 128).
 * Names file: {@code Shared VarInt, Suffix VarInt, Utf8 Byte^Suffix} per distinct name, ascending. Memory: the table's share
 * while collecting; during the merge one read buffer per run and the pair sorter's buffer (both within the share),
 * then one run's map (4 bytes per name of the run). A run is sorted and written on a thread of its own while the
 * collector fills the next table (two tables of half the share each at most). Mutable, single-use; one thread
 * calls it.
 */
public final class NameRuns {
  /** Most runs merged at once. */
  static final int FAN_IN = 64;

  private final SpillFiles files;
  private final long share;
  /** Files still to merge (the first pass's runs, or merged runs). */
  private final List<RunFile> pending = new ArrayList<>();
  /** Per run in arrival order: first provisional id, name count, end of its declarations. */
  private final IntArrayList runBase = new IntArrayList();
  private final IntArrayList runSize = new IntArrayList();
  private final IntArrayList runDeclEnd = new IntArrayList();
  private long nextBase;
  /** The run being sorted and written on its own thread ({@link #spill}), or null. */
  private java.util.concurrent.Future<Void> inFlight;

  /** Runs in {@code files}, a table spilling past {@code share} bytes (also the merge's buffer budget). */
  public NameRuns(SpillFiles files, long share) {
    this.files = files;
    this.share = share;
  }

  /** The names' share of the cap (also the merge's buffer budget). */
  public long share() {
    return share;
  }

  /**
   * What one table may hold: past it, {@link ObjectCollector} spills the table at the end of an object. Half the
   * share, since the table spilled last is sorted and written on its own thread while the next one fills.
   */
  public long tableShare() {
    return share / 2;
  }

  /** The first provisional id of the next run (the ids used so far). */
  public int nextBase() {
    return (int) nextBase;
  }

  /** Whether any run was written. */
  public boolean spilled() {
    return !runBase.isEmpty();
  }

  /**
   * Writes {@code table} (the names of the declarations up to {@code declEnd} not yet in a run; its ids start at
   * {@link #nextBase()}) as a run. The caller starts a new table.
   *
   * @throws BuildInputException if the provisional ids would pass 2<sup>31</sup>
   */
  public void spill(NameTable table, int declEnd) throws IOException {
    int n = table.size();
    checkRoom(n, "the last object");
    awaitSpill(); // one table being written beside the one being filled, never more
    Path path = files.create("names");
    int base = (int) nextBase;
    pending.add(new RunFile(path, base));
    runBase.add(base);
    runSize.add(n);
    runDeclEnd.add(declEnd);
    nextBase += n;
    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
      writeRun(table, base, path);
      return null;
    });
    Thread thread = new Thread(task, "graphsnap-name-run");
    thread.setDaemon(true);
    thread.start();
    inFlight = task;
  }

  /**
   * Checks that a table of {@code tableSize} names after the runs written so far keeps every provisional id below
   * {@link BuildLimits#MAX_NAME_OCCURRENCES}; the collector asks after every object, before an id past it is used.
   *
   * @param where the object just collected, for the message
   * @throws BuildInputException if it does not
   */
  public void checkRoom(int tableSize, String where) {
    if (nextBase + tableSize > BuildLimits.MAX_NAME_OCCURRENCES) {
      throw new BuildInputException("more than " + BuildLimits.MAX_NAME_OCCURRENCES + " name occurrences in the name"
          + " runs of a build under a memory cap, at " + where + ": raise --max-memory (each run holds the names of"
          + " a share of the cap, and a name is counted once in every run that holds it)");
    }
  }

  /** Sorts {@code table} and writes it as run file {@code path}, its ids from {@code base} on (on the spill thread). */
  private void writeRun(NameTable table, int base, Path path) throws IOException {
    table.freeIndex(); // its hash table is not needed again: room for the sort's digits
    NameTable.Sorted sorted = table.sort(p -> true);
    try (SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
      FrontCoder coder = new FrontCoder(out);
      NodeNames.Cursor names = sorted.cursor();
      for (int i = 0; i < sorted.size() && names.next(); i++) {
        coder.put(names.bytes(), names.offset(), names.length());
        out.putVarLong(sorted.order()[i]); // base + this: the run's provisional id
      }
    }
  }

  /** Waits for the run being written, if any; rethrows its failure. */
  private void awaitSpill() throws IOException {
    java.util.concurrent.Future<Void> task = inFlight;
    inFlight = null;
    if (task != null) {
      io.graphsnap.builder.internal.delta.SideWork.join(task);
    }
  }

  /**
   * Merges the runs, writes the names file and rewrites {@code declName[0, declCount)} and every edge target of
   * {@code edges} from provisional ids to ranks. The runs are deleted as they are merged.
   *
   * @return the distinct names, their ids being the ranks
   */
  public Merged merge(int[] declName, int declCount, EdgeBlocks edges) throws IOException {
    awaitSpill();
    while (pending.size() > FAN_IN) {
      List<RunFile> group = new ArrayList<>(pending.subList(0, FAN_IN));
      pending.subList(0, FAN_IN).clear();
      Path path = files.create("names");
      try (RunMerge merge = new RunMerge(group); SpillWriter out = new SpillWriter(files, path, 1 << 16)) {
        FrontCoder coder = new FrontCoder(out);
        while (merge.next()) {
          coder.put(merge.name, 0, merge.length);
          out.putVarLong(merge.provisional);
        }
      }
      pending.add(new RunFile(path, 0));
    }
    Path names = files.create("names");
    LongRunSorter pairs = new LongRunSorter(files, "name-ids", share);
    int count = 0;
    try (RunMerge merge = new RunMerge(new ArrayList<>(pending)); SpillWriter out = new SpillWriter(files, names,
        1 << 16)) {
      FrontCoder coder = new FrontCoder(out);
      while (merge.next()) {
        if (count == 0 || !coder.isLast(merge.name, 0, merge.length)) {
          if (count == BuildLimits.MAX_NAMES) {
            throw new BuildInputException("more than " + BuildLimits.MAX_NAMES + " distinct symbol or target names:"
                + " a snapshot's ids are 32-bit and its tables are Java arrays");
          }
          count++;
          coder.put(merge.name, 0, merge.length);
        }
        pairs.add((long) merge.provisional << 32 | (count - 1));
      }
    }
    pending.clear();
    try (LongCursor byProvisional = pairs.finish()) {
      new Join(byProvisional, declName, declCount).run(edges);
    }
    return new Merged(names, count);
  }

  /** The join of provisional ids with ranks: one run's map at a time, runs in arrival order. */
  private final class Join {
    private final LongCursor pairs;
    private final int[] declName;
    private final int declCount;
    private int run = -1;
    private int base;
    private int size;
    private int[] map = new int[0];

    Join(LongCursor pairs, int[] declName, int declCount) {
      this.pairs = pairs;
      this.declName = declName;
      this.declCount = declCount;
    }

    void run(EdgeBlocks edges) throws IOException {
      edges.rewriteTargets((ids, n) -> {
        for (int i = 0; i < n; i++) {
          int p = ids[i];
          while (p - base >= size && run + 1 < runBase.size()) {
            advance();
          }
          if (p < base || p - base >= size) {
            throw new IOException("name runs: edge target provisional id " + p + " is outside run " + run
                + " [" + base + ", " + (base + size) + ") (edges and runs out of step)");
          }
          ids[i] = map[p - base];
        }
      });
      while (run + 1 < runBase.size()) {
        advance();
      }
      if (pairs.next() >= 0) {
        throw new IOException("name runs: more (provisional id, rank) pairs than names in the runs");
      }
    }

    /** Loads the next run's map and rewrites its declarations' names. */
    private void advance() throws IOException {
      run++;
      base = runBase.getInt(run);
      size = runSize.getInt(run);
      if (map.length < size) {
        map = new int[size];
      }
      for (int i = 0; i < size; i++) {
        long v = pairs.next();
        if (v < 0 || (int) (v >>> 32) != base + i) {
          throw new IOException("name runs: expected the rank of provisional id " + (base + i) + ", got "
              + (v < 0 ? "the end" : "provisional id " + (v >>> 32)));
        }
        map[i] = (int) v;
      }
      int from = run == 0 ? 0 : runDeclEnd.getInt(run - 1);
      int to = Math.min(declCount, runDeclEnd.getInt(run));
      for (int d = from; d < to; d++) {
        declName[d] = map[declName[d] - base];
      }
    }
  }

  /** A run file and the provisional id its ids count from. */
  private record RunFile(Path path, int base) {}

  /** A k-way merge of run files by name (a binary heap of the runs' heads); equal names all come out. */
  private final class RunMerge implements AutoCloseable {
    private final List<RunFile> group;
    private final Head[] heads;
    private final int[] heap;
    private int heapSize;
    byte[] name = new byte[64];
    int length;
    int provisional;

    RunMerge(List<RunFile> group) throws IOException {
      this.group = group;
      int k = group.size();
      int buffer = (int) Math.max(4096, Math.min(1 << 20, share / Math.max(1, k)));
      heads = new Head[k];
      heap = new int[k];
      try {
        for (int i = 0; i < k; i++) {
          RunFile run = group.get(i);
          Path p = run.path();
          heads[i] = new Head(new SpillReader(p, 0, java.nio.file.Files.size(p), buffer), run.base());
          if (heads[i].advance()) {
            heap[heapSize++] = i;
          }
        }
      } catch (IOException e) {
        closeReaders();
        throw e;
      }
      for (int i = heapSize / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    }

    /** Moves to the next name in code-point order; false at the end. */
    boolean next() throws IOException {
      if (heapSize == 0) {
        return false;
      }
      Head top = heads[heap[0]];
      if (name.length < top.length) {
        name = new byte[Math.max(top.length, 2 * name.length)];
      }
      System.arraycopy(top.name, 0, name, 0, top.length);
      length = top.length;
      provisional = top.provisional;
      if (!top.advance()) {
        heap[0] = heap[--heapSize];
      }
      siftDown(0);
      return true;
    }

    private void siftDown(int i) {
      int item = heap[i];
      while (true) {
        int child = 2 * i + 1;
        if (child >= heapSize) {
          break;
        }
        if (child + 1 < heapSize && heads[heap[child + 1]].compareTo(heads[heap[child]]) < 0) {
          child++;
        }
        if (heads[heap[child]].compareTo(heads[item]) >= 0) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = item;
    }

    private void closeReaders() throws IOException {
      for (Head h : heads) {
        if (h != null) {
          h.in.close();
        }
      }
    }

    @Override
    public void close() throws IOException {
      closeReaders();
      for (RunFile run : group) {
        files.delete(run.path());
      }
    }
  }

  /**
   * Writes names front-coded against the previous one ({@code Shared VarInt, Suffix VarInt, Utf8 Byte^Suffix}); the
   * caller writes any field that follows a name. Keeps a copy of the last name.
   */
  private static final class FrontCoder {
    private final SpillWriter out;
    private byte[] last = new byte[64];
    private int lastLength;

    FrontCoder(SpillWriter out) {
      this.out = out;
    }

    /** Whether {@code bytes[offset, offset + length)} is the name put last. */
    boolean isLast(byte[] bytes, int offset, int length) {
      return Arrays.equals(last, 0, lastLength, bytes, offset, offset + length);
    }

    void put(byte[] bytes, int offset, int length) throws IOException {
      int shared = Arrays.mismatch(last, 0, lastLength, bytes, offset, offset + length);
      if (shared < 0) {
        shared = length; // the same name again (a merge pass keeps duplicates)
      }
      out.putVarLong(shared);
      out.putVarLong(length - shared);
      out.put(bytes, offset + shared, length - shared);
      if (last.length < length) {
        last = Arrays.copyOf(last, Math.max(length, 2 * last.length));
      }
      System.arraycopy(bytes, offset + shared, last, shared, length - shared);
      lastLength = length;
    }
  }

  /**
   * A name read from a run or names file (front-coded: {@code Shared VarInt, Suffix VarInt, Utf8 Byte^Suffix}) into a
   * reused buffer that holds the previous name of the same file.
   */
  private static class NameRecord {
    byte[] name = new byte[64];
    int length;

    /** Reads one name from {@code in}; {@code what} names the file for the error. */
    final void read(SpillReader in, String what) throws IOException {
      int shared = in.getVarInt();
      int suffix = in.getVarInt();
      if (shared < 0 || shared > length || suffix < 0 || suffix > in.remaining()) {
        throw new IOException(what + ": a name sharing " + shared + " bytes of the previous " + length + " with "
            + suffix + " more and " + in.remaining() + " left (a damaged or truncated temporary file)");
      }
      int total = shared + suffix;
      if (name.length < total) {
        name = Arrays.copyOf(name, Math.max(total, 2 * name.length));
      }
      in.getBytes(name, shared, suffix);
      length = total;
    }
  }

  /** The current record of one run. */
  private static final class Head extends NameRecord {
    final SpillReader in;
    final int base;
    int provisional;

    Head(SpillReader in, int base) {
      this.in = in;
      this.base = base;
    }

    boolean advance() throws IOException {
      if (in.remaining() == 0) {
        return false;
      }
      read(in, "name run");
      long p = base + (long) in.getVarInt();
      if (p > Integer.MAX_VALUE) {
        throw new IOException("name run " + in.path() + ": provisional id " + p + " passes 2^31 (a damaged temporary"
            + " file)");
      }
      provisional = (int) p;
      return true;
    }

    int compareTo(Head o) {
      return Arrays.compareUnsigned(name, 0, length, o.name, 0, o.length);
    }
  }

  /**
   * The distinct names after the merge, in a names file in code-point order: id = rank. Not thread-safe; its sorted
   * view's cursors are independent.
   *
   * @param path the names file (deleted with the build's other temporaries)
   * @param size the number of distinct names
   */
  public record Merged(Path path, int size) implements CollectedNames {
    @Override
    public NodeNames sort(IntPredicate used) {
      int[] order = new int[size];
      int[] remap = new int[size];
      int count = 0;
      for (int r = 0; r < size; r++) {
        if (used.test(r)) {
          remap[r] = count;
          order[count++] = r;
        } else {
          remap[r] = -1;
        }
      }
      return new Sorted(path, size, Arrays.copyOf(order, count), remap);
    }

    @Override
    public String[] names(int[] ids) throws IOException {
      int[] sorted = ids.clone();
      Arrays.sort(sorted);
      String[] byRank = new String[sorted.length];
      int j = 0;
      try (FileNames in = new FileNames(path, size, r -> true)) {
        for (int r = 0; j < sorted.length && in.next(); r++) {
          while (j < sorted.length && sorted[j] == r) {
            byRank[j++] = new String(in.bytes(), 0, in.length(), StandardCharsets.UTF_8);
          }
        }
      }
      String[] out = new String[ids.length];
      for (int i = 0; i < ids.length; i++) {
        out[i] = byRank[Arrays.binarySearch(sorted, ids[i])];
      }
      return out;
    }
  }

  /** The used names of a names file, read in order. */
  private record Sorted(Path path, int all, int[] order, int[] remap) implements NodeNames {
    @Override
    public int size() {
      return order.length;
    }

    @Override
    public Cursor cursor() throws IOException {
      return new FileNames(path, all, r -> remap[r] >= 0);
    }
  }

  /** Reads a names file, skipping the names {@code keep} refuses. */
  private static final class FileNames extends NameRecord implements NodeNames.Cursor {
    private final SpillReader in;
    private final int all;
    private final IntPredicate keep;
    private int rank = -1;

    FileNames(Path path, int all, IntPredicate keep) throws IOException {
      this.in = new SpillReader(path, 0, java.nio.file.Files.size(path), 1 << 16);
      this.all = all;
      this.keep = keep;
    }

    @Override
    public boolean next() throws IOException {
      while (rank + 1 < all) {
        rank++;
        read(in, "names file");
        if (keep.test(rank)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public byte[] bytes() {
      return name;
    }

    @Override
    public int offset() {
      return 0;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
