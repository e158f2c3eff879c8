package io.graphsnap.objects.internal;

import io.graphsnap.objects.DamagedIndexException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The index's path → file entry map as a log-structured merge of sorted runs ({@link SymbolRuns}, folder {@code
 * files/}) whose runs carry a filter of their paths, instead of a MapDB B-tree: a B-tree insert deserialises nodes on
 * every descent (80 % of an ingest's applying thread at 10 M files), where a new path here costs a filter word per
 * run and a buffered key. Not API; {@code StoreIndex} owns one. The only place this key layout is written down:
 *
 * <pre>
 * Key --&gt; PathUtf8, 0x00, Value ({@link FileEntryCodec}: at least 2 bytes)
 * </pre>
 *
 * A path holds one live key at most: a put removes the path's previous key (a tombstone over older runs) and adds the
 * new one, so the newest run that mentions a path says all about it (its one added key, or only tombstones: the path
 * is gone). Paths have no NUL ({@code RepoPaths}), so a path's keys sort together, in path order as UTF-8 bytes
 * (code point order).
 *
 * <p>The open transaction's changes are also kept by path in a hash map, which answers look-ups of paths it touched;
 * once it holds {@code maxChanges} paths the runs' buffer is written as a run ({@link SymbolRuns#flush()}) and the map
 * starts again, so memory stays bounded (about 300 bytes a changed path) however large the transaction. A look-up of
 * another path asks the runs, newest first ({@link SymbolRuns#newestGroup}): a filter word per run that does not
 * hold it, one block read in the run that does (and for a filter's rare false positive).
 *
 * <p>Thread safety: every method is synchronized, so look-ups from several threads are safe while the one writer (the
 * holder of the store lock) writes; they take turns (a build's extraction workers ask whether each file is stored
 * while its results are being indexed).
 */
public final class FileEntryRuns implements AutoCloseable {
  /** Changed paths kept in the look-up map before the runs' buffer is written as a run. */
  public static final int MAX_CHANGES = 1 << 17;
  /** The map value of a removed path. */
  private static final byte[] REMOVED = new byte[0];

  private final Path dir;
  private final SymbolRuns runs;
  private final int maxChanges;
  /** This transaction's changes since the last flush: path → value, or {@link #REMOVED}. */
  private HashMap<String, byte[]> changes = new HashMap<>();

  private FileEntryRuns(Path dir, SymbolRuns runs, int maxChanges) {
    this.dir = dir;
    this.runs = runs;
    this.maxChanges = maxChanges;
  }

  /**
   * Opens the runs {@code names} (oldest first) in {@code dir}, temporaries in {@code tmpDir}.
   *
   * @throws io.graphsnap.objects.DamagedIndexException if a listed run is missing or damaged
   */
  public static FileEntryRuns open(Path dir, Path tmpDir, List<String> names) throws IOException {
    return open(dir, tmpDir, names, MAX_CHANGES);
  }

  /** As {@link #open(Path, Path, List)}, flushing every {@code maxChanges} changed paths (tests use few). */
  public static FileEntryRuns open(Path dir, Path tmpDir, List<String> names, int maxChanges) throws IOException {
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be positive, not " + maxChanges);
    }
    return new FileEntryRuns(dir, SymbolRuns.openGroupFiltered(dir, tmpDir, names), maxChanges);
  }

  /** The value indexed for {@code path} (this transaction's changes included), or null. O(runs) filter words. */
  public synchronized byte[] get(String path) {
    byte[] changed = changes.get(path);
    if (changed != null) {
      return changed == REMOVED ? null : changed;
    }
    byte[] group = path.getBytes(StandardCharsets.UTF_8);
    byte[][] found = new byte[1][];
    runs.newestGroup(group, (key, op) -> {
      if (op == SymbolRunFormat.ADD) {
        found[0] = Arrays.copyOfRange(key, group.length + 1, key.length);
      }
    });
    return found[0];
  }

  /** Points {@code path} at {@code value} (uncommitted); returns the previous value or null. */
  public synchronized byte[] put(String path, byte[] value) {
    byte[] previous = get(path);
    replace(path, previous, value);
    return previous;
  }

  /**
   * Points {@code path} at {@code value} (uncommitted), given what {@link #get} just returned for it ({@code previous},
   * null if absent) in this transaction: no look-up. For a caller that looked the path up already.
   */
  public synchronized void replace(String path, byte[] previous, byte[] value) {
    if (value.length == 0) {
      throw new IllegalArgumentException("an entry's value is never empty (" + path + ")");
    }
    byte[] group = path.getBytes(StandardCharsets.UTF_8);
    try {
      if (previous != null) {
        runs.remove(key(group, previous));
      }
      runs.add(key(group, value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    changed(path, value);
  }

  /** Points {@code path} at {@code value} and returns null if it has no value; else returns it, changing nothing. */
  public synchronized byte[] putIfAbsent(String path, byte[] value) {
    byte[] current = get(path);
    if (current != null) {
      return current;
    }
    replace(path, null, value);
    return null;
  }

  /** Removes {@code path} (uncommitted); returns its value or null. */
  public synchronized byte[] remove(String path) {
    byte[] previous = get(path);
    if (previous == null) {
      return null;
    }
    try {
      runs.remove(key(path.getBytes(StandardCharsets.UTF_8), previous));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    changed(path, REMOVED);
    return previous;
  }

  private void changed(String path, byte[] value) {
    changes.put(path, value);
    if (changes.size() >= maxChanges) {
      try {
        runs.flush(); // the runs now hold every change the map held
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      changes = new HashMap<>();
    }
  }

  /**
   * Calls {@code action} with each indexed path and its value, in path order (UTF-8 bytes), this transaction's
   * changes included. O(entries of every run).
   *
   * @throws UncheckedIOException wrapping a {@link DamagedIndexException} if a key is not a path, 0x00 and a value
   */
  public synchronized void forEach(BiConsumer<String, byte[]> action) {
    runs.forEachLive(key -> {
      int group = SymbolRunFormat.groupLength(key);
      if (group >= key.length - 1) {
        throw new UncheckedIOException(new DamagedIndexException(dir, "a file-entry run in " + dir + " holds a key of "
            + key.length + " bytes with no value after its path", null));
      }
      action.accept(new String(key, 0, group, StandardCharsets.UTF_8), Arrays.copyOfRange(key, group + 1, key.length));
    });
  }

  /** The number of indexed paths. O(entries of every run). */
  public synchronized long count() {
    return runs.count();
  }

  /** The names of the committed runs, oldest first. */
  public synchronized List<String> names() {
    return runs.names();
  }

  /** See {@link SymbolRuns#mergeInBackground()}; returns this. */
  public synchronized FileEntryRuns mergeInBackground() {
    runs.mergeInBackground();
    return this;
  }

    /** See {@link SymbolRuns#prepareCommit()}. */
  public synchronized List<String> prepareCommit() throws IOException {
    return runs.prepareCommit();
  }

  /** See {@link SymbolRuns#prepareCommitInBackground()}. */
  public synchronized Future<List<String>> prepareCommitInBackground() {
    return runs.prepareCommitInBackground();
  }

  /** The prepared list is committed (see {@link SymbolRuns#committed()}); this transaction's changes are the runs'. */
  public synchronized void committed() throws IOException {
    forgetChanges();
    runs.committed();
  }

  /** Discards the open transaction. */
  public synchronized void rollback() throws IOException {
    forgetChanges();
    runs.rollback();
  }

  /** See {@link SymbolRuns#deleteUnlisted()}. */
  public synchronized int deleteUnlisted() throws IOException {
    return runs.deleteUnlisted();
  }

  private void forgetChanges() {
    changes = new HashMap<>();
  }

  /** Discards uncommitted changes and closes the runs. */
  @Override
  public synchronized void close() throws IOException {
    forgetChanges();
    runs.close();
  }

  private static byte[] key(byte[] path, byte[] value) {
    byte[] key = Arrays.copyOf(path, path.length + 1 + value.length);
    System.arraycopy(value, 0, key, path.length + 1, value.length);
    return key;
  }
}
