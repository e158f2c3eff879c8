package io.graphsnap.objects;

import io.graphsnap.objects.internal.ObjectRecordCodec;
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
 */
public final class GcReachability {
  private static final String NEXT_GENERATION = "nextGeneration";
  /** The generation of the first build of a store. */
  static final long FIRST_GENERATION = 1;

  private final StoreIndex index;
  private final BTreeMap<byte[], byte[]> objects;
  private final BTreeMap<String, Long> snapshots;
  private final BTreeMap<String, String> state;

  GcReachability(StoreIndex index, BTreeMap<byte[], byte[]> objects, BTreeMap<String, Long> snapshots,
      BTreeMap<String, String> state) {
    this.index = index;
    this.objects = objects;
    this.snapshots = snapshots;
    this.state = state;
  }

  /** The generation the next published build will have. */
  public long nextGeneration() {
    return index.guard(() -> Long.parseLong(state.getOrDefault(NEXT_GENERATION, Long.toString(FIRST_GENERATION))));
  }

  /** The record of object {@code id}, if the index tracks it. O(log objects). */
  public Optional<ObjectRecord> record(ObjectId id) {
    byte[] value = index.guard(() -> objects.get(id.toBytes()));
    return value == null ? Optional.empty() : Optional.of(decode(id, value));
  }

  /** Calls {@code action} on every tracked object, in id order. O(objects). */
  public void forEach(BiConsumer<ObjectId, ObjectRecord> action) {
    index.guard(() -> {
      for (Map.Entry<byte[], byte[]> e : objects.entrySet()) {
        ObjectId id = ObjectId.fromBytes(e.getKey());
        action.accept(id, decode(id, e.getValue()));
      }
      return null;
    });
  }

  /** The number of tracked objects. */
  public int size() {
    return index.guard(objects::size);
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
    byte[] key = id.toBytes();
    byte[] fresh = ObjectRecordCodec.encode(ObjectRecord.currentSince(path, generation));
    byte[] existing = index.guard(() -> objects.putIfAbsent(key, fresh)); // a new object: one descent
    if (existing != null) {
      byte[] reopened = ObjectRecordCodec.encode(decode(id, existing).reopenedAt(generation));
      index.guard(() -> objects.put(key, reopened));
    }
  }

  /** Records that {@code id} is no longer its path's object (uncommitted); forgets it if no build held it. */
  void stoppedBeingCurrent(ObjectId id) {
    stoppedBeingCurrent(id, nextGeneration());
  }

  /** {@link #stoppedBeingCurrent(ObjectId)} with {@link #nextGeneration()} already read by the caller. */
  void stoppedBeingCurrent(ObjectId id, long generation) {
    Optional<ObjectRecord> record = record(id);
    if (record.isEmpty()) {
      return;
    }
    ObjectRecord closed = record.get().closedAt(generation);
    index.guard(() -> closed.isEmpty() ? objects.remove(id.toBytes()) : objects.put(id.toBytes(), ObjectRecordCodec.encode(closed)));
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
    index.guard(() -> objects.put(id.toBytes(), ObjectRecordCodec.encode(record)));
  }

  /** Forgets object {@code id}'s record (uncommitted; gc, after deciding nothing kept reaches it). */
  void forget(ObjectId id) {
    index.guard(() -> objects.remove(id.toBytes()));
  }

  /** Forgets the generation of a snapshot (uncommitted; gc, for a snapshot it deletes). */
  void forgetSnapshot(String snapshotIdHex) {
    index.guard(() -> snapshots.remove(snapshotIdHex));
  }

  private ObjectRecord decode(ObjectId id, byte[] value) {
    try {
      return ObjectRecordCodec.decode(id.hex(), value);
    } catch (IllegalArgumentException e) {
      throw index.damaged(e.getMessage(), e);
    }
  }
}
