package io.graphsnap.objects;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mapdb.BTreeMap;

/**
 * The index's named refs and their history: ref name → current snapshot id, and every earlier value with a
 * store-wide sequence number and the time it was set. Part of {@link StoreIndex}; changes join its open
 * transaction and become durable at {@link StoreIndex#commit()}. A deleted ref leaves a tombstone (in the build
 * state map) until it is set again, so that {@link Store#open} can finish removing its files after a crash.
 *
 * <p>Keys of the history and time maps: {@code name 0x00 sequence} with the sequence as 16 hex digits, so one
 * ref's entries form a contiguous range in sequence order. Entries written before times were kept have none.
 * Thread safety as {@link StoreIndex}: one writer.
 */
public final class RefHistory {
  private static final String COUNTER = "refSequence";
  /** Build-state key prefix of a deleted ref's tombstone; the value is the snapshot it named. */
  private static final String TOMBSTONE = "deletedRef:";

  private final StoreIndex index;
  private final BTreeMap<String, String> current;
  private final BTreeMap<String, String> log;
  private final BTreeMap<String, Long> times;
  private final BTreeMap<String, String> state;
  private Clock clock = Clock.systemUTC();

  RefHistory(StoreIndex index, BTreeMap<String, String> current, BTreeMap<String, String> log,
      BTreeMap<String, Long> times, BTreeMap<String, String> state) {
    this.index = index;
    this.current = current;
    this.log = log;
    this.times = times;
    this.state = state;
  }

  /** For tests: the clock whose time {@link #set} records. */
  void clock(Clock clock) {
    this.clock = clock;
  }

  /** The snapshot id ref {@code name} names, if any. O(log refs). */
  public Optional<String> get(String name) {
    return Optional.ofNullable(index.guard(() -> current.get(name)));
  }

  /** A sorted copy of every ref and the snapshot it names. O(refs). */
  public SortedMap<String, String> all() {
    return Collections.unmodifiableSortedMap(index.guard(() -> new TreeMap<>(current)));
  }

  /**
   * Points ref {@code name} at {@code snapshotIdHex} (uncommitted) and, if that changes it, appends a
   * history entry. O(log entries).
   *
   * @return true if the ref changed
   * @throws IllegalArgumentException if the name or the id is malformed
   */
  public boolean set(String name, String snapshotIdHex) {
    StoreLayout.checkRefName(name);
    StoreLayout.checkSnapshotId(snapshotIdHex);
    return index.guard(() -> {
      if (snapshotIdHex.equals(current.get(name))) {
        return false;
      }
      long sequence = Long.parseLong(state.getOrDefault(COUNTER, "0")) + 1;
      state.put(COUNTER, Long.toString(sequence));
      current.put(name, snapshotIdHex);
      log.put(key(name, sequence), snapshotIdHex);
      times.put(key(name, sequence), clock.millis());
      state.remove(TOMBSTONE + name);
      return true;
    });
  }

  /** Ref {@code name}'s history, oldest first (the last entry is its current value). O(entries of the ref). */
  public List<RefEntry> history(String name) {
    return index.guard(() -> {
      List<RefEntry> entries = new ArrayList<>();
      for (Map.Entry<String, String> e : log.subMap(name + '\0', true, name + '\1', false).entrySet()) {
        entries.add(entry(e.getKey(), e.getValue()));
      }
      return entries;
    });
  }

  /** Every history entry of every ref, by ref name, then oldest first. O(entries). */
  public List<RefEntry> allHistory() {
    return index.guard(() -> {
      List<RefEntry> entries = new ArrayList<>();
      for (Map.Entry<String, String> e : log.entrySet()) {
        entries.add(entry(e.getKey(), e.getValue()));
      }
      return entries;
    });
  }

  /** Forgets one history entry (uncommitted); the ref's current value is not changed. */
  public void forget(RefEntry entry) {
    index.guard(() -> {
      times.remove(key(entry.name(), entry.sequence()));
      return log.remove(key(entry.name(), entry.sequence()));
    });
  }

  /**
   * Deletes ref {@code name} (uncommitted): its current value and its whole history go, and a tombstone records
   * the deletion until the ref is set again. O(entries of the ref).
   *
   * @return the snapshot id the ref named, or empty if the index has no such ref
   * @throws IllegalArgumentException if the name is malformed
   */
  public Optional<String> delete(String name) {
    StoreLayout.checkRefName(name);
    return Optional.ofNullable(index.guard(() -> {
      String was = current.remove(name);
      if (was == null) {
        return null;
      }
      List<String> keys = new ArrayList<>(log.subMap(name + '\0', true, name + '\1', false).keySet());
      for (String key : keys) {
        log.remove(key);
        times.remove(key);
      }
      state.put(TOMBSTONE + name, was);
      return was;
    }));
  }

  /** The names of the deleted refs whose tombstones are still recorded, sorted. O(build state). */
  public List<String> deleted() {
    return index.guard(() -> {
      List<String> names = new ArrayList<>();
      for (String key : state.subMap(TOMBSTONE, true, TOMBSTONE + '\uffff', false).keySet()) {
        names.add(key.substring(TOMBSTONE.length()));
      }
      return names;
    });
  }

  private RefEntry entry(String key, String snapshotId) {
    Long millis = times.get(key);
    return new RefEntry(key.substring(0, key.indexOf('\0')), sequence(key), snapshotId,
        millis == null ? null : Instant.ofEpochMilli(millis));
  }

  private static String key(String name, long sequence) {
    return name + '\0' + String.format("%016x", sequence);
  }

  private static long sequence(String key) {
    return Long.parseUnsignedLong(key.substring(key.indexOf('\0') + 1), 16);
  }
}
