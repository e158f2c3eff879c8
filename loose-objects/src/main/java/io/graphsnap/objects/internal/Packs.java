package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The packs of a store's {@code packs/} folder ({@link PackFormat}), opened on first use and listed again by {@link
 * #refresh()}: a reader calls it when an object is found nowhere (another process may have added a pack since), a
 * writer once per batch (only the lock holder adds packs). A pack that fails its checks is left out and remembered
 * with its problem ({@link #damaged()}), so the other packs still serve. Not API.
 *
 * <p>Thread-safe. Owns the mappings of the packs it opened: a pack that disappears from the folder (gc replaced it)
 * stays mapped until {@link #close()}, so a read in flight on another thread never sees it unmapped. Lookups cost
 * a filter word per pack ({@link HashFilter}) plus O(log(objects per pack)) in the packs that may hold the id.
 */
public final class Packs implements AutoCloseable {
  /** Where an object lies: a pack and the index of its entry there. */
  public record Location(PackFile pack, int entry) {}

  private final Path dir;
  private volatile List<PackFile> listed = List.of();
  private final List<PackFile> retired = new ArrayList<>();
  private final SortedMap<String, String> damaged = new TreeMap<>();
  private volatile boolean loaded;
  private boolean closed;

  /** The packs of {@code dir}; touches no file until first used. */
  public Packs(Path dir) {
    this.dir = dir;
  }

  /** The packs folder. */
  public Path dir() {
    return dir;
  }

  /** The packs as last listed (listing them the first time), in file name order. */
  public List<PackFile> current() throws IOException {
    List<PackFile> now = listed;
    if (!loaded) {
      refresh();
      now = listed;
    }
    return now;
  }

  /**
   * Every location of {@code id} in the packs as last listed, in file name order: usually none or one, two after a
   * repack that was interrupted before the old pack was deleted. Does not list the folder again.
   */
  public List<Location> find(ObjectId id) throws IOException {
    List<Location> found = null;
    byte[] key = id.toBytes();
    for (PackFile pack : current()) {
      int entry = pack.find(key);
      if (entry >= 0) {
        if (found == null) {
          found = new ArrayList<>(1);
        }
        found.add(new Location(pack, entry));
      }
    }
    return found == null ? List.of() : found;
  }

  /**
   * Lists the folder again: opens packs that appeared, retires those that disappeared (kept mapped until {@link
   * #close()}). Returns whether the set of packs changed. O(packs in the folder) plus the checks of new packs.
   */
  public synchronized boolean refresh() throws IOException {
    checkOpen();
    Map<String, PackFile> byName = new TreeMap<>();
    for (PackFile pack : listed) {
      byName.put(pack.file().getFileName().toString(), pack);
    }
    SortedMap<String, PackFile> next = new TreeMap<>();
    boolean changed = false;
    if (SafeFiles.checkDirectoryIfPresent(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (!PackFormat.isPackName(name)) {
            continue;
          }
          PackFile known = byName.remove(name);
          if (known != null) {
            next.put(name, known);
            continue;
          }
          if (damaged.containsKey(name)) {
            continue;
          }
          try {
            next.put(name, PackFile.open(file));
            changed = true;
          } catch (io.graphsnap.format.object.CorruptObjectException e) {
            damaged.put(name, e.getMessage());
          }
        }
      }
    }
    if (!byName.isEmpty()) {
      retired.addAll(byName.values());
      changed = true;
    }
    listed = List.copyOf(next.values());
    loaded = true;
    return changed;
  }

  /** The packs left out because they failed their checks: file name → problem. */
  public synchronized SortedMap<String, String> damaged() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(damaged));
  }

  /** Unmaps every pack this set opened. Idempotent; the set is unusable afterwards. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PackFile pack : listed) {
      pack.close();
    }
    for (PackFile pack : retired) {
      pack.close();
    }
    listed = List.of();
    retired.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the packs of " + dir + " are closed");
    }
  }
}
