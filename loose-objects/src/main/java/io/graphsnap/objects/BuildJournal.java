package io.graphsnap.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import org.mapdb.BTreeMap;

/**
 * What the next build starts from: the snapshot the last build published ({@link #lastBuilt()}) and the
 * paths changed since ({@link #pendingPaths()}). {@link IndexUpdate} adds every path it adds, changes or
 * deletes; {@link Store#publishSnapshot} clears the set in the same transaction that records the new
 * snapshot, so an incremental build reads exactly the files that may differ from its base. Part of {@link
 * StoreIndex}; changes join its open transaction. Thread safety as {@link StoreIndex}: one writer.
 */
public final class BuildJournal {
  private static final String LAST_BUILT = "lastBuilt";

  private final StoreIndex index;
  private final NavigableSet<String> pending;
  private final BTreeMap<String, String> state;

  BuildJournal(StoreIndex index, NavigableSet<String> pending, BTreeMap<String, String> state) {
    this.index = index;
    this.pending = pending;
    this.state = state;
  }

  /** The snapshot the last build published, if any build recorded one. */
  public Optional<String> lastBuilt() {
    return Optional.ofNullable(index.guard(() -> state.get(LAST_BUILT)));
  }

  /** The paths added, changed or deleted since {@link #lastBuilt()} was built, sorted. O(pending). */
  public List<String> pendingPaths() {
    return index.guard(() -> new ArrayList<>(pending));
  }

  /** The number of pending paths. */
  public int pendingCount() {
    return index.guard(pending::size);
  }

  /** Records that {@code path} changed (uncommitted). O(log pending). */
  public void touch(String path) {
    index.guard(() -> pending.add(path));
  }

  /**
   * Records that {@code snapshotIdHex} is the build of the current files (uncommitted): it becomes {@link
   * #lastBuilt()} and the pending set is cleared. O(pending).
   */
  void built(String snapshotIdHex) {
    StoreLayout.checkSnapshotId(snapshotIdHex);
    index.guard(() -> {
      state.put(LAST_BUILT, snapshotIdHex);
      pending.clear();
      return null;
    });
  }
}
