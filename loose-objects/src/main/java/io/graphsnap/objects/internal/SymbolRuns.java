package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The index's symbol table (symbol name → defining objects) as a log-structured merge of immutable sorted runs
 * ({@link SymbolRunFormat}) in the store's {@code symbols/} folder, instead of one B-tree insert per definition.
 * Not API; {@code StoreIndex} owns one.
 *
 * <p>Writes of a transaction ({@link #add}, {@link #remove}) are buffered in memory (flat arrays, {@link KeyBuffer})
 * and sorted once; a buffer of
 * {@link #MAX_BUFFERED} entries is spilled to a run, so memory is bounded whatever the batch size. A spill is sorted
 * and written on a thread of its own (one per instance, started with the first spill, ended by {@link #close()}) while
 * the writer goes on filling a new buffer: at most one spill is in flight (the next full buffer waits for it, so at
 * most two buffers are held), every other method waits for it first, and a spill's failure is thrown by the next
 * method that waits (or by {@link #prepareCommit()}). That thread is never interrupted (an interrupt would close the
 * channel it writes). {@link
 * #prepareCommit()} writes what is buffered as a run (forced, atomic rename, folder forced), merges runs whose
 * sizes call for it (every run from the oldest one holding at most twice as many entries as all newer runs
 * together, so that each run holds more than twice the next: O(log definitions) runs, each definition rewritten
 * O(log definitions) times), and returns
 * the new list of run names, which the caller commits in the same MapDB transaction as the rest of the index:
 * <b>the list in {@code index.db} is what counts</b>. A run not in the committed list (a crash before the
 * commit, a run a merge replaced, a rolled-back transaction) is garbage that {@link #deleteUnlisted()} removes;
 * a listed run is always durable and whole, because it is written before the commit that lists it. {@link
 * #committed()} then deletes the runs the merge replaced; {@link #rollback()} deletes the new ones.
 *
 * <p>Reads merge every run (oldest first), the spilled runs and the buffer of the open transaction: for each
 * key the newest entry wins; a tombstone hides older adds, and merges that include the oldest run drop
 * tombstones. {@link #definers} costs O(runs · (log blocks + one block)).
 *
 * <p>Thread safety: every method is synchronized (a lookup may sort the open transaction's buffer), so lookups from
 * several threads are safe but take turns; one writer, the holder of the store lock.
 */
public final class SymbolRuns implements AutoCloseable {
  /** Most runs a commit leaves without merging when merges run in the background ({@link #mergeInBackground()}). */
  public static final int MAX_RUNS_WITH_BACKGROUND_MERGES = 8;
  /** Entries buffered in memory before they are spilled to a run (about 100 bytes each). */
  public static final int MAX_BUFFERED = 1 << 19;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Comparator<byte[]> KEYS = Arrays::compareUnsigned;

  /**
   * A merge of committed runs on the merge thread ({@link #mergeInBackground()}): its inputs (consecutive in the run
   * list, oldest first), whether they start at the oldest run (then tombstones are dropped), and its run (null if
   * every key cancelled out).
   */
  private static final class BackgroundMerge {
    final List<SymbolRun> inputs;
    final boolean fromOldest;
    final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    Future<SymbolRun> result;

    BackgroundMerge(List<SymbolRun> inputs, boolean fromOldest) {
      this.inputs = inputs;
      this.fromOldest = fromOldest;
    }

    boolean isDone() {
      return result.isDone();
    }

    /** Waits for the merge and returns its run (null if empty); throws its failure (a cancel is an IOException). */
    SymbolRun await() throws IOException {
      try {
        return Uninterruptibly.get(result);
      } catch (ExecutionException e) {
        throw TaskFailures.rethrow(e);
      }
    }
  }

  /**
   * Folds the live keys that share a prefix into fewer keys when a merge includes the oldest run (so nothing older
   * is left that they would have to apply to): a log of operations per record becomes the record. The output must
   * be sorted, share the group's prefix, and read the same as the group.
   */
  public interface Compactor {
    /** The length of the prefix that groups keys (e.g. an object id). */
    int prefixLength();

    /** Writes the keys that replace {@code group} (sorted keys of one prefix, at least one) to {@code out}. */
    void compact(List<byte[]> group, Consumer<byte[]> out);
  }

  private final Path dir;
  private final Path tmpDir;
  private final int maxBuffered;
  /** Folds groups of keys in merges that include the oldest run, or null. */
  private final Compactor compactor;
  /** Whether the runs this instance writes carry a filter of their keys' groups ({@link #newestGroup}). */
  private final boolean groupFiltered;
  /** The committed runs, oldest first. */
  private List<SymbolRun> runs;
  /** The committed runs the open transaction still sees: {@link #runs}, or none after {@link #clear()}. */
  private List<SymbolRun> visible;
  /** Runs written by the open transaction (spills, the final flush, merges), deleted if it rolls back. */
  private final List<SymbolRun> created = new ArrayList<>();
  /** Spilled runs of the open transaction, oldest first, newer than every committed run. */
  private final List<SymbolRun> spilled = new ArrayList<>();
  /** Runs a prepared merge replaced, deleted once the commit is durable. */
  private final List<SymbolRun> retired = new ArrayList<>();
  /** The open transaction's writes since its last spill ({@link KeyBuffer}: flat arrays, kept and refilled). */
  private KeyBuffer buffer = new KeyBuffer();
  /** A cleared buffer to fill next, the one the last spill wrote; null while a spill holds it or before the first. */
  private KeyBuffer spare;
  private List<SymbolRun> prepared;
  /** Whether a write or clear came after the last {@link #prepareCommit()} (then it must prepare again). */
  private boolean changedSincePrepare = true;
  /** The runs the last {@link #prepareCommit()} wrote, and those it retired: undone if it must prepare again. */
  private final List<SymbolRun> preparedWritten = new ArrayList<>();
  private final List<SymbolRun> preparedRetired = new ArrayList<>();
  /** Sorts and writes spilled buffers; null until the first spill. */
  private ExecutorService spiller;
  /**
   * Runs {@link #prepareCommitInBackground()}'s work; null until the first. A thread apart from the spills': a
   * prepare waits for the spill in flight, which on the same one-thread queue could be behind it.
   */
  private ExecutorService preparer;
  /** Whether merges run on {@link #merger} between commits ({@link #mergeInBackground()}); else in prepareCommit. */
  private boolean backgroundMerges;
  /** Writes background merges; null until the first. Apart from the preparer, which may wait for a merge. */
  private ExecutorService merger;
  /** The background merge in flight, or finished and not yet listed by a commit; null if none. */
  private BackgroundMerge merge;
  /** Whether {@link #prepared} lists {@link #merge}'s run in place of its inputs. */
  private boolean preparedWithMerge;
  /** The spill in flight (its run, or null if it was empty), or null. */
  private Future<SymbolRun> spilling;
  /** The buffer the spill in flight writes, or null. */
  private KeyBuffer spillingBuffer;

  private SymbolRuns(Path dir, Path tmpDir, List<SymbolRun> runs, int maxBuffered, Compactor compactor,
      boolean groupFiltered) {
    this.dir = dir;
    this.groupFiltered = groupFiltered;
    this.compactor = compactor;
    this.tmpDir = tmpDir;
    this.maxBuffered = maxBuffered;
    this.runs = runs;
    this.visible = runs;
  }

  /**
   * Opens the runs {@code names} (oldest first) in {@code dir}; temporaries go to {@code tmpDir} (same file
   * system). Creates {@code dir} if missing.
   *
   * @throws io.graphsnap.objects.DamagedIndexException if a listed run is missing or damaged
   */
  public static SymbolRuns open(Path dir, Path tmpDir, List<String> names) throws IOException {
    return open(dir, tmpDir, names, MAX_BUFFERED);
  }

  /** As {@link #open(Path, Path, List)}, spilling the buffer every {@code maxBuffered} entries (tests use few). */
  public static SymbolRuns open(Path dir, Path tmpDir, List<String> names, int maxBuffered) throws IOException {
    return open(dir, tmpDir, names, maxBuffered, null);
  }

  /** As {@link #open(Path, Path, List, int)}, with merges that include the oldest run folded by {@code compactor}. */
  public static SymbolRuns open(Path dir, Path tmpDir, List<String> names, int maxBuffered, Compactor compactor)
      throws IOException {
    return open(dir, tmpDir, names, maxBuffered, compactor, false);
  }

  /**
   * As {@link #open(Path, Path, List)} for runs looked up a group at a time ({@link #newestGroup}): the runs this
   * instance writes carry a filter of their groups (version 2), and the buffer is never spilled on its own, only by
   * {@link #flush()}, so that the caller knows what the runs hold and what it must answer from its own memory.
   */
  public static SymbolRuns openGroupFiltered(Path dir, Path tmpDir, List<String> names) throws IOException {
    return open(dir, tmpDir, names, Integer.MAX_VALUE, null, true);
  }

  private static SymbolRuns open(Path dir, Path tmpDir, List<String> names, int maxBuffered, Compactor compactor,
      boolean groupFiltered) throws IOException {
    if (maxBuffered < 1) {
      throw new IllegalArgumentException("maxBuffered must be positive, not " + maxBuffered);
    }
    SafeFiles.ensureDirectory(dir);
    SafeFiles.ensureDirectory(tmpDir);
    List<SymbolRun> runs = new ArrayList<>();
    boolean ok = false;
    try {
      for (String name : names) {
        Path file = dir.resolve(name);
        if (!SafeFiles.checkFileIfPresent(file)) {
          throw new io.graphsnap.objects.DamagedIndexException(dir, "it lists symbol run " + file
              + ", which is missing", null);
        }
        runs.add(SymbolRun.open(file));
      }
      ok = true;
      return new SymbolRuns(dir, tmpDir, runs, maxBuffered, compactor, groupFiltered);
    } finally {
      if (!ok) {
        closeAll(runs);
      }
    }
  }

  /**
   * Merges runs on a thread of this instance's between commits instead of in {@link #prepareCommit()}: after each
   * commit the size rule picks the runs to merge (committed runs, which nothing changes), and the first commit after
   * the merged run is written lists it in their place, without waiting for it. A commit that would leave more than
   * {@value #MAX_RUNS_WITH_BACKGROUND_MERGES} runs waits for the merge in flight and merges as the size rule asks
   * itself, so the count stays bounded even when no merge finishes before the process ends (a merge in flight at
   * {@link #close()} is abandoned, its file deleted). So a long ingest's checkpoints do not wait for merges, which
   * took most of their time. Returns this.
   */
  public synchronized SymbolRuns mergeInBackground() {
    backgroundMerges = true;
    return this;
  }

  /** Waits for the background merge in flight, if any (tests: so that the next commit lists it). */
  synchronized void awaitBackgroundMerge() {
    if (merge != null) {
      try {
        merge.await();
      } catch (IOException e) {
        discardMerge();
      }
    }
  }

  /** The entry counts (tombstones included) of the committed runs, oldest first. */
  public synchronized long[] entryCounts() {
    return runs.stream().mapToLong(SymbolRun::entryCount).toArray();
  }

  /** The names of the committed runs, oldest first. */
  public synchronized List<String> names() {
    return names(runs);
  }

  /** Records that {@code key} ({@link SymbolKeys}) is a definition (uncommitted). */
  public synchronized void add(byte[] key) throws IOException {
    buffer(key, SymbolRunFormat.ADD);
  }

  /** Records that {@code key} is no longer a definition (uncommitted). */
  public synchronized void remove(byte[] key) throws IOException {
    buffer(key, SymbolRunFormat.REMOVE);
  }

  private void buffer(byte[] key, byte op) throws IOException {
    changedSincePrepare = true;
    buffer.add(key, op);
    if (buffer.size() >= maxBuffered) {
      awaitSpill(); // at most one in flight
      KeyBuffer full = buffer;
      buffer = spare == null ? new KeyBuffer() : spare;
      spare = null;
      spillingBuffer = full;
      spilling = spiller().submit(() -> writeRun(List.of(full.source()), false, full.size()));
    }
  }

  /**
   * Writes what the open transaction buffered as a run now, on the caller's thread (after the spill in flight, if
   * any): a spill like the others, after which the buffer is empty. O(buffer · log buffer).
   */
  public synchronized void flush() throws IOException {
    awaitSpill();
    if (buffer.isEmpty()) {
      return;
    }
    SymbolRun run;
    try {
      run = writeRun(List.of(buffer.source()), false, buffer.size());
    } finally {
      buffer.clear();
    }
    if (run != null) {
      created.add(run);
      spilled.add(run);
    }
  }

  /**
   * Visits, in key order, the entries of {@code group} (the keys that are {@code group}, 0x00 and more bytes) in the
   * newest run that has any: the open transaction's spilled runs, then the committed runs it sees, newest first; a
   * run whose group filter rules the group out costs one filter word. <b>Not the buffer</b>: the caller answers for
   * what it wrote since the last {@link #flush()} itself. Returns whether a run had entries of the group. O(runs +
   * blocks read).
   */
  public synchronized boolean newestGroup(byte[] group, SymbolRun.EntryVisitor visitor) {
    awaitSpillUnchecked();
    long hash = SymbolRunFormat.groupHash(group, group.length);
    byte[] from = Arrays.copyOf(group, group.length + 1);
    byte[] to = from.clone();
    to[group.length] = 1;
    boolean[] found = new boolean[1];
    for (int i = spilled.size() + visible.size() - 1; i >= 0 && !found[0]; i--) {
      SymbolRun run = i >= visible.size() ? spilled.get(i - visible.size()) : visible.get(i);
      if (run.mightHoldGroup(hash)) {
        run.range(from, to, (key, op) -> {
          found[0] = true; // this run has the group: the older ones are not asked
          visitor.visit(key, op);
        });
      }
    }
    return found[0];
  }

  /** This instance's spill thread's executor, made on first use. */
  private ExecutorService spiller() {
    if (spiller == null) {
      spiller = oneThread("graphsnap-run-spill ");
    }
    return spiller;
  }

  /** This instance's background-merge thread's executor, made on first use. */
  private ExecutorService merger() {
    if (merger == null) {
      merger = oneThread("graphsnap-run-merge ");
    }
    return merger;
  }

  /** This instance's background-prepare thread's executor, made on first use. */
  private ExecutorService preparer() {
    if (preparer == null) {
      preparer = oneThread("graphsnap-run-prepare ");
    }
    return preparer;
  }

  /** One daemon thread, ended after a few idle seconds, so an instance never closed keeps no thread alive. */
  private ExecutorService oneThread(String name) {
    return new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, name + dir.getFileName());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Waits for the spill in flight, if any, and adds its run to this transaction's spills. Throws its failure (the
   * transaction must then be rolled back).
   */
  private void awaitSpill() throws IOException {
    if (spilling == null) {
      return;
    }
    Future<SymbolRun> pending = spilling;
    spilling = null;
    SymbolRun run;
    try {
      run = Uninterruptibly.get(pending); // the spill goes on regardless: wait for it, never leave it writing
    } catch (ExecutionException e) {
      recycleSpilledBuffer();
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException("writing a spilled run in " + dir + " failed: " + io.getMessage(), io);
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw new IOException("writing a spilled run in " + dir + " failed: " + unchecked.getMessage(),
            unchecked.getCause());
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("writing a spilled run in " + dir + " failed", cause);
    }
    recycleSpilledBuffer();
    if (run != null) {
      created.add(run);
      spilled.add(run);
    }
  }

  /** Keeps the buffer the finished spill wrote as the next one to fill. */
  private void recycleSpilledBuffer() {
    spillingBuffer.clear();
    spare = spillingBuffer;
    spillingBuffer = null;
  }

  /** {@link #awaitSpill()} for readers: a failed spill surfaces as an {@link UncheckedIOException}. */
  private void awaitSpillUnchecked() {
    try {
      awaitSpill();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes every key (uncommitted): the committed runs, the runs this transaction spilled and its buffer are no
   * longer seen, and once the commit is durable the committed runs are deleted. O(runs), whatever they hold: no
   * tombstone is written.
   */
  public synchronized void clear() {
    awaitSpillUnchecked();
    discardMerge(); // its inputs are retired
    changedSincePrepare = true;
    retired.addAll(visible);
    retired.addAll(spilled);
    visible = List.of();
    spilled.clear();
    buffer.clear();
  }

  /** Whether no key is live (this transaction's changes included). O(1) after a {@link #clear()} or when empty. */
  public synchronized boolean isEmpty() {
    awaitSpillUnchecked();
    if (visible.isEmpty() && spilled.isEmpty() && buffer.isEmpty()) {
      return true;
    }
    boolean[] any = new boolean[1];
    forEachLive(key -> any[0] = true);
    return !any[0];
  }

  /** The ids of the objects that define {@code name}, sorted. */
  public synchronized List<ObjectId> definers(String name) {
    List<ObjectId> ids = new ArrayList<>();
    range(SymbolKeys.lowerBound(name), SymbolKeys.upperBound(name), key -> ids.add(SymbolKeys.objectId(key)));
    return ids;
  }

  /**
   * Calls {@code action} on every live key in {@code [from, to)}, in key order, this transaction's changes included.
   * O(runs · (log blocks + blocks read)) plus a sort of the open transaction's buffer if it changed since the last read.
   */
  public synchronized void range(byte[] from, byte[] to, Consumer<byte[]> action) {
    awaitSpillUnchecked();
    TreeMap<byte[], Byte> merged = new TreeMap<>(KEYS);
    for (SymbolRun run : visible) {
      run.range(from, to, merged::put);
    }
    for (SymbolRun run : spilled) {
      run.range(from, to, merged::put);
    }
    buffer.sortUnique();
    for (int i = buffer.lowerRank(from); i < buffer.sortedCount() && buffer.compare(i, to) < 0; i++) {
      merged.put(buffer.key(i), buffer.op(i));
    }
    merged.forEach((key, op) -> {
      if (op == SymbolRunFormat.ADD) {
        action.accept(key);
      }
    });
  }

  /** Calls {@code action} on every live definition key in key order. O(entries of every run). */
  public synchronized void forEachLive(Consumer<byte[]> action) {
    awaitSpillUnchecked();
    List<SymbolMerge.Source> sources = sources(visible, true);
    SymbolMerge.merge(sources, (key, op) -> {
      if (op == SymbolRunFormat.ADD) {
        action.accept(key);
      }
    });
  }

  /** The number of live definitions. O(entries of every run). */
  public synchronized long count() {
    long[] n = new long[1];
    forEachLive(key -> n[0]++);
    return n[0];
  }

  /**
   * Makes the open transaction's definitions durable as runs, merges runs as the size rule asks (or, with {@link
   * #mergeInBackground()}, lists a finished background merge, and merges only past {@value
   * #MAX_RUNS_WITH_BACKGROUND_MERGES} runs), and returns the run list to commit (oldest first). Nothing changes for
   * readers until {@link #committed()}.
   */
  public synchronized List<String> prepareCommit() throws IOException {
    awaitSpill();
    if (prepared != null && !changedSincePrepare) {
      return names(prepared); // prepared already (in the background), nothing changed since
    }
    if (prepared != null) {
      undoPrepare();
    }
    int atMost = visible.size() + spilled.size() + (buffer.isEmpty() ? 0 : 1);
    if (merge != null && atMost > MAX_RUNS_WITH_BACKGROUND_MERGES) {
      try {
        merge.await(); // too many runs to go on without it: listed below, then merged with the rest if need be
      } catch (IOException e) {
        // discarded below: a failed background merge is not this commit's failure
      }
    }
    List<SymbolRun> next = new ArrayList<>(visible);
    preparedWithMerge = substituteFinishedMerge(next);
    next.addAll(spilled);
    boolean wrote = !spilled.isEmpty();
    if (!buffer.isEmpty()) {
      wrote = true;
      SymbolRun run = write(List.of(buffer.source()), false, buffer.size());
      if (run != null) {
        next.add(run);
        preparedWritten.add(run);
      }
    }
    int from = wrote && (!backgroundMerges || next.size() > MAX_RUNS_WITH_BACKGROUND_MERGES) ? mergeFrom(next) : -1;
    if (from >= 0) { // no background merge is in flight here: it was awaited above
      List<SymbolRun> merging = new ArrayList<>(next.subList(from, next.size()));
      long entries = merging.stream().mapToLong(SymbolRun::entryCount).sum();
      SymbolRun merged = write(sources(merging, false), from == 0, entries);
      retired.addAll(merging);
      preparedRetired.addAll(merging);
      next.subList(from, next.size()).clear();
      if (merged != null) {
        next.add(merged);
        preparedWritten.add(merged);
      }
    }
    prepared = next;
    changedSincePrepare = false;
    return names(next);
  }

  /**
   * The size rule: merge from the oldest run that is not more than twice all newer ones together, so that afterwards
   * each run is more than twice the next and there are O(log definitions) runs. The index of that run in {@code
   * list} (oldest first), or -1 if no run is (then nothing is merged).
   */
  private static int mergeFrom(List<SymbolRun> list) {
    int from = -1;
    long newer = 0;
    for (int i = list.size() - 1; i >= 0; i--) {
      if (i < list.size() - 1 && list.get(i).entryCount() <= 2 * newer) {
        from = i;
      }
      newer += list.get(i).entryCount();
    }
    return from;
  }

  /**
   * Puts a finished background merge's run in place of its inputs in {@code next} (the runs the transaction sees) and
   * retires them; returns whether it did. A merge that failed, or whose inputs are no longer there as it took them (a
   * {@link #clear()}), is discarded.
   */
  private boolean substituteFinishedMerge(List<SymbolRun> next) {
    if (merge == null || !merge.isDone()) {
      return false;
    }
    int at = java.util.Collections.indexOfSubList(next, merge.inputs);
    SymbolRun merged;
    try {
      merged = merge.await();
    } catch (IOException e) {
      discardMerge(); // a failed background merge is not an error: the runs stay as they are
      return false;
    }
    if (at < 0 || merge.fromOldest && at != 0) {
      discardMerge();
      return false;
    }
    next.subList(at, at + merge.inputs.size()).clear();
    if (merged != null) {
      next.add(at, merged);
    }
    retired.addAll(merge.inputs);
    preparedRetired.addAll(merge.inputs);
    return true;
  }

  /** Starts merging committed runs on the merge thread if the size rule asks for it and no merge is pending. */
  private void startMerge() {
    int from = mergeFrom(runs);
    if (merge != null || from < 0) {
      return;
    }
    List<SymbolRun> inputs = List.copyOf(runs.subList(from, runs.size()));
    long entries = inputs.stream().mapToLong(SymbolRun::entryCount).sum();
    BackgroundMerge started = new BackgroundMerge(inputs, from == 0);
    List<SymbolMerge.Source> sources = sources(inputs, false);
    started.result = merger().submit(() -> writeRun(sources, started.fromOldest, entries, started.cancelled::get));
    merge = started;
  }

  /** Cancels the background merge, if any, waits for it to stop and deletes its run. */
  private void discardMerge() {
    BackgroundMerge discarded = merge;
    if (discarded == null) {
      return;
    }
    merge = null;
    preparedWithMerge = false;
    discarded.cancelled.set(true);
    try {
      SymbolRun run = discarded.await();
      if (run != null) {
        run.close();
        SafeFiles.deleteRegularFile(run.file());
      }
    } catch (IOException | RuntimeException e) {
      // cancelled or failed: its writer deleted its temporary file, and nothing will list it
    }
  }

  /** Forgets the last preparation, which later writes made stale: its runs are deleted, what it retired is not. */
  private void undoPrepare() throws IOException {
    retired.removeAll(preparedRetired); // a clear() never retires these: it empties what a merge would take
    preparedWithMerge = false; // a listed background merge stays available
    for (SymbolRun run : preparedWritten) {
      created.remove(run);
      run.close();
      SafeFiles.deleteRegularFile(run.file());
    }
    preparedWritten.clear();
    preparedRetired.clear();
    prepared = null;
  }

  /**
   * Starts {@link #prepareCommit()} on a thread of this instance's and returns at once, so that the caller can do
   * other work meanwhile (make the objects durable); a later {@link #prepareCommit()} with no change in between
   * returns the same list, and {@link #rollback()} waits for it. The caller waits for the result before it commits.
   */
  public synchronized Future<List<String>> prepareCommitInBackground() {
    return preparer().submit(this::prepareCommit);
  }

  /**
   * The prepared list is committed: it becomes the current one, and the runs a merge replaced are deleted
   * (failures to delete are harmless: {@link #deleteUnlisted()} removes them later).
   */
  public synchronized void committed() throws IOException {
    if (prepared == null) {
      return;
    }
    runs = prepared;
    visible = runs;
    prepared = null;
    if (preparedWithMerge) {
      merge = null; // its run is listed now
      preparedWithMerge = false;
    }
    changedSincePrepare = true;
    preparedWritten.clear();
    preparedRetired.clear();
    created.clear();
    spilled.clear();
    buffer.clear();
    Set<SymbolRun> live = new HashSet<>(runs);
    if (merge != null && !live.containsAll(merge.inputs)) {
      discardMerge(); // it reads runs about to be closed (after a clear())
    }
    boolean deleted = false;
    for (SymbolRun run : retired) {
      if (!live.contains(run)) {
        run.close();
        deleted |= SafeFiles.deleteRegularFile(run.file());
      }
    }
    retired.clear();
    if (deleted) {
      FileSync.forceDirectory(dir);
    }
    if (backgroundMerges) {
      startMerge();
    }
  }

  /** Discards the open transaction: its buffer and every run it wrote. */
  public synchronized void rollback() throws IOException {
    try {
      awaitSpill(); // its run, if written, is deleted below with the others
    } catch (IOException | RuntimeException e) {
      // the transaction is being discarded anyway; a failed spill left at most an unlisted file (deleted at open)
    }
    visible = runs;
    buffer.clear();
    spilled.clear();
    retired.clear();
    prepared = null;
    preparedWithMerge = false; // a background merge of committed runs stays valid
    changedSincePrepare = true;
    preparedWritten.clear();
    preparedRetired.clear();
    Set<SymbolRun> live = new HashSet<>(runs);
    for (SymbolRun run : created) {
      if (!live.contains(run)) {
        run.close();
        SafeFiles.deleteRegularFile(run.file());
      }
    }
    created.clear();
  }

  /**
   * Deletes every file in the folder that the committed list does not name (runs left by a crash before a
   * commit or replaced by a merge, temporaries of interrupted writes). Returns how many were deleted.
   */
  public synchronized int deleteUnlisted() throws IOException {
    awaitSpill();
    Set<String> listed = new HashSet<>(names());
    for (SymbolRun run : created) {
      listed.add(run.name());
    }
    if (merge != null) {
      try {
        SymbolRun merged = merge.await(); // renamed into the folder at its end: kept for the next commit
        if (merged != null) {
          listed.add(merged.name());
        }
      } catch (IOException e) {
        discardMerge();
      }
    }
    List<Path> doomed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) { // unlisted runs and the temporaries of interrupted writers
        if (!listed.contains(file.getFileName().toString()) && SafeFiles.isRegularFile(file)) {
          doomed.add(file);
        }
      }
    }
    int deleted = 0;
    for (Path file : doomed) {
      if (SafeFiles.deleteRegularFile(file)) {
        deleted++;
      }
    }
    if (deleted > 0) {
      FileSync.forceDirectory(dir);
    }
    return deleted;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      rollback();
    } finally {
      try {
        discardMerge(); // no commit will list it
        closeAll(runs);
      } finally {
        if (spiller != null) {
          spiller.shutdown(); // idle: rollback waited for the spill in flight
        }
        if (preparer != null) {
          preparer.shutdown(); // idle: the owner waits for a background prepare before it rolls back or closes
        }
        if (merger != null) {
          merger.shutdown(); // idle: the merge was discarded
        }
      }
    }
  }

  // ---------------------------------------------------------------- merging

  /** Sources over {@code from} (oldest first), then, if {@code withOpen}, the open transaction's. */
  private List<SymbolMerge.Source> sources(List<SymbolRun> from, boolean withOpen) {
    List<SymbolMerge.Source> sources = new ArrayList<>();
    for (SymbolRun run : from) {
      sources.add(SymbolMerge.of(run));
    }
    if (withOpen) {
      for (SymbolRun run : spilled) {
        sources.add(SymbolMerge.of(run));
      }
      sources.add(buffer.source());
    }
    return sources;
  }

  /**
   * Writes the merge of {@code sources} as a new run (null if it would be empty); tombstones are dropped when
   * {@code dropTombstones} (the merge includes the oldest run, so nothing older is left to hide). {@code entries}
   * bounds the entries the sources hold (it sizes a group filter).
   */
  private SymbolRun write(List<SymbolMerge.Source> sources, boolean dropTombstones, long entries)
      throws IOException {
    SymbolRun run = writeRun(sources, dropTombstones, entries);
    if (run != null) {
      created.add(run);
    }
    return run;
  }

  /**
   * As {@link #write}, without recording the run as created (the caller does): touches no state of this instance but
   * its folders and {@link #compactor}, so a spill thread may call it.
   */
  private SymbolRun writeRun(List<SymbolMerge.Source> sources, boolean dropTombstones, long entries)
      throws IOException {
    return writeRun(sources, dropTombstones, entries, () -> false);
  }

  /** As {@link #writeRun(List, boolean, long)}, giving up (an IOException, the temporary deleted) once {@code stop}. */
  private SymbolRun writeRun(List<SymbolMerge.Source> sources, boolean dropTombstones, long entries,
      java.util.function.BooleanSupplier stop) throws IOException {
    Path target = dir.resolve("s-" + HexFormat.of().formatHex(randomBytes()) + SymbolRunFormat.SUFFIX);
    try (SymbolRunWriter writer = new SymbolRunWriter(tmpDir, groupFiltered ? entries : -1)) {
      IOException[] failure = new IOException[1];
      Compactor folding = dropTombstones ? compactor : null;
      List<byte[]> group = new ArrayList<>();
      Consumer<byte[]> emit = key -> {
        if (failure[0] == null) {
          try {
            writer.add(key, SymbolRunFormat.ADD);
          } catch (IOException e) {
            failure[0] = e;
          }
        }
      };
      SymbolMerge.merge(sources, (key, op) -> {
        if (stop.getAsBoolean()) {
          throw new UncheckedIOException(new IOException("merge in " + dir + " cancelled"));
        }
        if (failure[0] != null || (dropTombstones && op == SymbolRunFormat.REMOVE)) {
          return;
        }
        if (folding != null) { // only live keys here: tombstones were dropped
          if (!group.isEmpty() && !Arrays.equals(group.get(0), 0, folding.prefixLength(), key, 0,
              folding.prefixLength())) {
            folding.compact(group, emit);
            group.clear();
          }
          group.add(key);
          return;
        }
        try {
          writer.add(key, op);
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (folding != null && !group.isEmpty()) {
        folding.compact(group, emit);
      }
      if (failure[0] != null) {
        throw failure[0];
      }
      if (writer.entryCount() == 0) {
        return null;
      }
      writer.finish(target);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return SymbolRun.open(target);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static List<String> names(List<SymbolRun> runs) {
    List<String> names = new ArrayList<>(runs.size());
    for (SymbolRun run : runs) {
      names.add(run.name());
    }
    return names;
  }

  private static void closeAll(List<SymbolRun> runs) throws IOException {
    for (SymbolRun run : runs) {
      run.close();
    }
  }
}
