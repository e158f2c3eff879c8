package io.graphsnap.objects;

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
 * store-wide sequence number. Part of {@link StoreIndex}; changes join its open transaction and become
 * durable at {@link StoreIndex#commit()}.
 *
 * <p>Keys of the history map: {@code name 0x00 sequence} with the sequence as 16 hex digits, so one ref's
 * entries form a contiguous range in sequence order. Thread safety as {@link StoreIndex}: one writer.
 */
public final class RefHistory {
  private static final String COUNTER = "refSequence";

  private final StoreIndex index;
  private final BTreeMap<String, String> current;
  private final BTreeMap<String, String> log;
  private final BTreeMap<String, String> state;

  RefHistory(StoreIndex index, BTreeMap<String, String> current, BTreeMap<String, String> log,
      BTreeMap<String, String> state) {
    this.index = index;
    this.current = current;
    this.log = log;
    this.state = state;
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
      return true;
    });
  }

  /** Ref {@code name}'s history, oldest first (the last entry is its current value). O(entries of the ref). */
  public List<RefEntry> history(String name) {
    return index.guard(() -> {
      List<RefEntry> entries = new ArrayList<>();
      for (Map.Entry<String, String> e : log.subMap(name + '\0', true, name + '\1', false).entrySet()) {
        entries.add(new RefEntry(name, sequence(e.getKey()), e.getValue()));
      }
      return entries;
    });
  }

  /** Every history entry of every ref, by ref name, then oldest first. O(entries). */
  public List<RefEntry> allHistory() {
    return index.guard(() -> {
      List<RefEntry> entries = new ArrayList<>();
      for (Map.Entry<String, String> e : log.entrySet()) {
        String key = e.getKey();
        entries.add(new RefEntry(key.substring(0, key.indexOf('\0')), sequence(key), e.getValue()));
      }
      return entries;
    });
  }

  /** Forgets one history entry (uncommitted); the ref's current value is not changed. */
  public void forget(RefEntry entry) {
    index.guard(() -> log.remove(key(entry.name(), entry.sequence())));
  }

  private static String key(String name, long sequence) {
    return name + '\0' + String.format("%016x", sequence);
  }

  private static long sequence(String key) {
    return Long.parseUnsignedLong(key.substring(key.indexOf('\0') + 1), 16);
  }
}
