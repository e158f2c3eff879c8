package io.graphsnap.cli.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Watches a directory tree (every folder, registered recursively, new folders as they appear) or one file (through
 * its folder) and hands out the changes in debounced batches: {@link #nextBatch} returns once something relevant
 * changed and then nothing did for the debounce time (or the batch has waited {@value #MAX_WAIT_FACTOR} debounce
 * times, so that constant churn still gets built).
 *
 * <p>What it survives, and how: an editor's write-to-temp-and-rename shows up as a create or modify of the real
 * name; delete-and-recreate as a delete then a create (both in one batch when within the debounce time); a new
 * folder is registered and every file already in it counts as changed (files created before the registration
 * would be missed otherwise); a removed folder's key goes invalid and is dropped; a burst that overflows the
 * kernel's queue ({@code OVERFLOW}) makes the batch a {@linkplain Batch#rescan() rescan}. Folders in
 * {@code excluded} (the store, {@code .git}) are never registered. Symbolic links are not followed.
 *
 * <p>Not thread-safe: one thread calls {@link #nextBatch}; {@link #close} may be called from any thread.
 */
final class TreeWatcher implements AutoCloseable {
  static final int MAX_WAIT_FACTOR = 20;
  static final long GIVE_UP_POLL_MILLIS = 20;

  /** One batch of changes: the paths (absolute) that changed, and whether events were lost. */
  record Batch(Set<Path> changed, boolean rescan) {}

  private final WatchService service;
  private final Map<WatchKey, Path> folders = new HashMap<>();
  private final Predicate<Path> relevant;
  private final Predicate<Path> excluded;
  private final Path singleFile;
  /** Changes taken by {@link #changePending} before the batch they start. */
  private final Set<Path> early = new LinkedHashSet<>();
  private boolean earlyRescan;

  private TreeWatcher(Path root, Path singleFile, Predicate<Path> relevant, Predicate<Path> excluded) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.relevant = relevant;
    this.excluded = excluded;
    this.singleFile = singleFile;
    if (singleFile != null) {
      register(singleFile.getParent());
    } else {
      registerTree(root, null);
    }
  }

  /** Watches every folder under {@code root}; {@code relevant} picks the files that matter. */
  static TreeWatcher tree(Path root, Predicate<Path> relevant, Predicate<Path> excluded) throws IOException {
    return new TreeWatcher(root.toAbsolutePath().normalize(), null, relevant, excluded);
  }

  /** Watches one file (through its folder: a rename onto it is seen). */
  static TreeWatcher file(Path file) throws IOException {
    Path f = file.toAbsolutePath().normalize();
    return new TreeWatcher(null, f, f::equals, p -> false);
  }

  /** How many folders are registered. */
  int folderCount() {
    return folders.size();
  }

  /**
   * Waits for the next batch: blocks until a relevant change, then until {@code debounceMillis} pass without one.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws ClosedWatchServiceException if {@link #close}d
   */
  Batch nextBatch(long debounceMillis) throws InterruptedException {
    return nextBatch(debounceMillis, () -> { });
  }

  /** {@link #nextBatch(long)}, calling {@code firstChange} as soon as the batch's first relevant change is seen. */
  Batch nextBatch(long debounceMillis, Runnable firstChange) throws InterruptedException {
    return nextBatch(debounceMillis, firstChange, -1, () -> false);
  }

  /**
   * {@link #nextBatch(long, Runnable)}, but waiting for the batch's first change at most {@code idleMillis} (negative:
   * forever) and only while {@code giveUp} is false (looked at every {@value #GIVE_UP_POLL_MILLIS} ms): null if no
   * change came by then.
   */
  Batch nextBatch(long debounceMillis, Runnable firstChange, long idleMillis, BooleanSupplier giveUp)
      throws InterruptedException {
    Set<Path> changed = new LinkedHashSet<>(early);
    boolean[] rescan = {earlyRescan};
    early.clear();
    earlyRescan = false;
    long idleDeadline = idleMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMillis);
    while (changed.isEmpty() && !rescan[0]) {
      if (idleMillis < 0) {
        drain(service.take(), changed, rescan);
        continue;
      }
      long left = idleDeadline - System.nanoTime();
      if (left <= 0 || giveUp.getAsBoolean()) {
        return null;
      }
      WatchKey key = service.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, GIVE_UP_POLL_MILLIS),
          TimeUnit.MILLISECONDS);
      if (key != null) {
        drain(key, changed, rescan);
      }
    }
    firstChange.run();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(debounceMillis * MAX_WAIT_FACTOR);
    while (System.nanoTime() < deadline) {
      WatchKey key = service.poll(debounceMillis, TimeUnit.MILLISECONDS);
      if (key == null) {
        break; // quiet for the debounce time
      }
      drain(key, changed, rescan);
    }
    return new Batch(changed, rescan[0]);
  }

  /**
   * Whether a relevant change has arrived since the last batch, without waiting: what is waiting is taken now and
   * starts the next batch ({@link #nextBatch}). For work that should give way to a change (the watch's fold).
   */
  boolean changePending() {
    boolean[] rescan = {earlyRescan};
    for (WatchKey key = service.poll(); key != null; key = service.poll()) {
      drain(key, early, rescan);
    }
    earlyRescan = rescan[0];
    return !early.isEmpty() || earlyRescan;
  }

  private void drain(WatchKey key, Set<Path> changed, boolean[] rescan) {
    Path folder = folders.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        rescan[0] = true;
        continue;
      }
      if (folder == null) {
        continue;
      }
      Path child = folder.resolve((Path) event.context());
      if (singleFile == null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
          && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        registerTree(child, changed); // and count what is already in it
        continue;
      }
      if (relevant.test(child)) { // a removed folder is reported by its own key, below
        changed.add(child);
      }
    }
    if (!key.reset()) { // the folder is gone
      folders.remove(key);
      if (folder != null) {
        changed.add(folder);
      }
    }
  }

  private void registerTree(Path root, Set<Path> found) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (excluded.test(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          register(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (found != null && relevant.test(file)) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // removed while walking: its parent's events say so
        }
      });
    } catch (IOException e) {
      // the folder went away while being registered: its parent's delete event reports it
    }
  }

  private void register(Path dir) throws IOException {
    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
        StandardWatchEventKinds.ENTRY_MODIFY);
    folders.put(key, dir);
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
