package io.graphsnap.objects;

import io.graphsnap.objects.internal.SymbolRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapdb.BTreeMap;

/**
 * What the next build starts from: the snapshot the last build published ({@link #lastBuilt()}) and the
 * paths changed since ({@link #pendingPaths()}). {@link IndexUpdate} adds every path it adds, changes or
 * deletes; {@link Store#publishSnapshot} clears the set in the same transaction that records the new
 * snapshot, so an incremental build reads exactly the files that may differ from its base. Part of {@link
 * StoreIndex}; changes join its open transaction. Thread safety as {@link StoreIndex}: one writer.
 *
 * <p>The pending paths are sorted runs in the store's {@code pending/} folder (since index schema 7; {@link
 * SymbolRuns}, keys the paths' UTF-8 bytes), listed in {@code index.db} like the symbol runs: a touch is buffered in
 * memory and written once per commit, in one sorted run, and a build's clear drops the runs whole, so neither
 * costs a B-tree write per path nor leaves emptied B-tree leaves that every later walk would cross.
 */
public final class BuildJournal {
  private static final String LAST_BUILT = "lastBuilt";

  private final StoreIndex index;
  private final SymbolRuns pending;
  private final BTreeMap<String, String> state;

  BuildJournal(StoreIndex index, SymbolRuns pending, BTreeMap<String, String> state) {
    this.index = index;
    this.pending = pending;
    this.state = state;
  }

  /** The snapshot the last build published, if any build recorded one. */
  public Optional<String> lastBuilt() {
    return Optional.ofNullable(index.guard(() -> state.get(LAST_BUILT)));
  }

  /**
   * The paths added, changed or deleted since {@link #lastBuilt()} was built, sorted (as their UTF-8 bytes, which
   * is code point order). O(pending · runs), the runs being O(log pending).
   */
  public List<String> pendingPaths() {
    index.guard(() -> null); // checks that the index is open
    List<String> paths = new ArrayList<>();
    pending.forEachLive(key -> paths.add(new String(key, StandardCharsets.UTF_8)));
    return paths;
  }

  /** The number of pending paths. O(1) when there are none since the last build, else O(pending). */
  public int pendingCount() {
    index.guard(() -> null);
    return pending.isEmpty() ? 0 : (int) Math.min(Integer.MAX_VALUE, pending.count());
  }

  /** Records that {@code path} changed (uncommitted). O(1) amortised; sorted and written at commit. */
  public void touch(String path) {
    index.guard(() -> null);
    try {
      pending.add(path.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Records that {@code snapshotIdHex} is the build of the current files (uncommitted): it becomes {@link
   * #lastBuilt()} and the pending set is cleared. O(runs).
   */
  void built(String snapshotIdHex) {
    StoreLayout.checkSnapshotId(snapshotIdHex);
    index.guard(() -> state.put(LAST_BUILT, snapshotIdHex));
    pending.clear();
  }
}
