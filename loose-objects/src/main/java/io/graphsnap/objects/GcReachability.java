package io.graphsnap.objects;

import io.graphsnap.objects.internal.RecordLog;
import io.graphsnap.objects.internal.SymbolRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.mapdb.BTreeMap;

/**
 * Which objects the current files and each published snapshot reach, for gc (not the graph traversal of
 * {@code io.graphsnap.reader.analysis.Reachability}), without reading any snapshot: the
 * build generation counter, snapshot id → the generation it was built at, and object id → {@link
 * ObjectRecord}. {@link IndexUpdate} keeps the records as paths change; {@link Store#publishSnapshot}
 * records each new snapshot's generation and advances the counter; gc keeps an object iff it is current or
 * lives at the generation of a kept snapshot. Part of {@link StoreIndex}; changes join its open
 * transaction. Thread safety as {@link StoreIndex}: one writer.
 *
 * <p>The records are sorted runs in the store's {@code records/} folder (since index schema 7), written as a log
 * ({@link RecordLog}): a change appends a key without reading the record, so an update costs O(1) per changed path
 * until its commit sorts and writes the keys once, and a read folds the object's keys ({@link #record}: O(runs · (log
 * blocks + one block))). The snapshot generations stay in {@code index.db}.
 */
public final class GcReachability {
  private static final String NEXT_GENERATION = "nextGeneration";
  /** Build-state key of the next {@link RecordLog} seq, saved at each commit. */
  static final String NEXT_SEQ = "recordSeq";
  /** The generation of the first build of a store. */
  static final long FIRST_GENERATION = 1;

  private final StoreIndex index;
  private final SymbolRuns records;
  private final BTreeMap<String, Long> snapshots;
  private final BTreeMap<String, String> state;
  /** The next seq to draw; only grows (seqs of a rolled-back transaction are not reused, which is harmless). */
  private long nextSeq;

  GcReachability(StoreIndex index, SymbolRuns records, BTreeMap<String, Long> snapshots,
      BTreeMap<String, String> state) {
    this.index = index;
    this.records = records;
    this.snapshots = snapshots;
    this.state = state;
    String seq = state.get(NEXT_SEQ);
    this.nextSeq = seq == null ? 0 : Long.parseLong(seq);
  }

  /** The seq counter to commit with the runs (called by {@link StoreIndex#commit}). */
  String seqToCommit() {
    return Long.toString(nextSeq);
  }

  private long drawSeq() {
    return nextSeq++;
  }

  private void append(byte[] key) {
    index.guard(() -> null); // checks that the index is open
    try {
      records.add(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generation the next published build will have. */
  public long nextGeneration() {
    return index.guard(() -> Long.parseLong(state.getOrDefault(NEXT_GENERATION, Long.toString(FIRST_GENERATION))));
  }

  /** The record of object {@code id}, if the index tracks it. O(log objects). */
  public Optional<ObjectRecord> record(ObjectId id) {
    index.guard(() -> null);
    List<byte[]> keys = new ArrayList<>();
    records.range(RecordLog.lowerBound(id), RecordLog.upperBound(id), keys::add);
    return Optional.ofNullable(fold(id, keys));
  }

  /** Calls {@code action} on every tracked object, in id order. O(objects). */
  public void forEach(BiConsumer<ObjectId, ObjectRecord> action) {
    index.guard(() -> null);
    List<byte[]> group = new ArrayList<>();
    records.forEachLive(key -> {
      if (!group.isEmpty() && !RecordLog.sameObject(group.get(0), key)) {
        visit(group, action);
        group.clear();
      }
      group.add(key);
    });
    if (!group.isEmpty()) {
      visit(group, action);
    }
  }

  private void visit(List<byte[]> group, BiConsumer<ObjectId, ObjectRecord> action) {
    ObjectId id = RecordLog.objectId(group.get(0));
    ObjectRecord record = fold(id, group);
    if (record != null) {
      action.accept(id, record);
    }
  }

  /** The number of tracked objects. O(records). */
  public int size() {
    int[] n = new int[1];
    forEach((id, record) -> n[0]++);
    return n[0];
  }

  /** The generation snapshot {@code snapshotIdHex} was first built at, if recorded. */
  public Optional<Long> generationOf(String snapshotIdHex) {
    return Optional.ofNullable(index.guard(() -> snapshots.get(snapshotIdHex)));
  }

  /** A copy of snapshot id → generation. O(snapshots). */
  public Map<String, Long> snapshotGenerations() {
    return index.guard(() -> new java.util.TreeMap<>(snapshots));
  }

  /** Records that {@code id} is now {@code path}'s object (uncommitted). O(log objects). */
  void becameCurrent(ObjectId id, String path) {
    becameCurrent(id, path, nextGeneration());
  }

  /** {@link #becameCurrent(ObjectId, String)} with {@link #nextGeneration()} already read by the caller. */
  void becameCurrent(ObjectId id, String path, long generation) {
    append(RecordLog.opened(id, drawSeq(), path, generation)); // blind: folds to a new record or a reopened one
  }

  /** Records that {@code id} is no longer its path's object (uncommitted); forgets it if no build held it. */
  void stoppedBeingCurrent(ObjectId id) {
    stoppedBeingCurrent(id, nextGeneration());
  }

  /** {@link #stoppedBeingCurrent(ObjectId)} with {@link #nextGeneration()} already read by the caller. */
  void stoppedBeingCurrent(ObjectId id, long generation) {
    append(RecordLog.closed(id, drawSeq(), generation)); // blind: folds to nothing if there was no record
  }

  /**
   * Records that {@code snapshotIdHex} was built from the current files at {@link #nextGeneration()} (kept if
   * it was built before) and advances the counter (uncommitted).
   */
  void built(String snapshotIdHex) {
    long generation = nextGeneration();
    index.guard(() -> {
      snapshots.putIfAbsent(snapshotIdHex, generation);
      state.put(NEXT_GENERATION, Long.toString(generation + 1));
      return null;
    });
  }

  /** Stores {@code record} for {@code id} (uncommitted). */
  void put(ObjectId id, ObjectRecord record) {
    RecordLog.set(id, record, this::drawSeq, this::append);
  }

  /** Forgets object {@code id}'s record (uncommitted; gc, after deciding nothing kept reaches it). */
  void forget(ObjectId id) {
    append(RecordLog.forgotten(id, drawSeq()));
  }

  /** Forgets the generation of a snapshot (uncommitted; gc, for a snapshot it deletes). */
  void forgetSnapshot(String snapshotIdHex) {
    index.guard(() -> snapshots.remove(snapshotIdHex));
  }

  private ObjectRecord fold(ObjectId id, List<byte[]> keys) {
    try {
      return RecordLog.fold(id, keys);
    } catch (IllegalArgumentException e) {
      throw index.damaged(e.getMessage(), e);
    }
  }
}
