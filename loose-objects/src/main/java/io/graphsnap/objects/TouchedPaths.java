package io.graphsnap.objects;

import io.graphsnap.objects.internal.PathFingerprint;
import java.util.Arrays;
import java.util.List;

/**
 * The paths one transaction of an {@link IndexUpdate} touched, each with what {@link UpdateSummary} counts: whether it
 * was indexed when the transaction first touched it (and under which object), whether it is indexed now, and whether
 * with that same object. Kept flat, because an ingest's checkpoint touches 100,000 paths that live for seconds: a path
 * is a 125-bit fingerprint of its characters ({@link PathFingerprint}) with three state bits in two {@code long}s, and
 * an {@code int} pointing at its earlier object's 32 bytes in a pool, in one open-addressed table at most 3/4 full
 * (about 27 bytes a slot, where two {@code HashMap}s of strings, entries and ids took about 350 a path).
 *
 * <p>Exactness: two different paths with the same fingerprint would count as one path. For {@code n} paths that
 * happens with probability about n<sup>2</sup> / 2<sup>126</sup>: 10<sup>-24</sup> at 10 million paths.
 *
 * <p>O(1) expected per {@link #touch} (plus O(length) for the fingerprint), O(capacity) for the counts and {@link
 * #clear()}. Mutable, not thread-safe: the update's thread.
 */
final class TouchedPaths {
  /** State bits in a slot's second word: indexed when first touched; indexed now; now under that same object. */
  private static final long WAS = 1;
  private static final long IS = 2;
  private static final long SAME = 4;
  private static final long STATE = WAS | IS | SAME;
  private static final int MAX_CAPACITY = 1 << 30;

  private final PathFingerprint fingerprint = new PathFingerprint();
  /** A slot's first fingerprint word, never 0 (0: an empty slot). */
  private long[] firsts = new long[1024];
  /** A slot's second fingerprint word without its low three bits, which hold the state. */
  private long[] seconds = new long[1024];
  /** Where a slot's earlier object starts in {@link #earlier}, or -1 if it was not indexed. */
  private int[] earlierAt = new int[1024];
  /** The earlier objects' ids, {@link ObjectId#BYTES} each, in the order their paths were first touched. */
  private byte[] earlier = new byte[64 * ObjectId.BYTES];
  private int earlierLength;
  private int size;

  /**
   * Records that {@code path} now holds {@code now} ({@code null}: not indexed). {@code current} is the path's object
   * in this transaction just before the change ({@code null}: not indexed); it is kept only the first time the path
   * is touched, as what the transaction started from.
   */
  void touch(String path, ObjectId current, ObjectId now) {
    fingerprint.of(path);
    long first = fingerprint.first();
    long second = fingerprint.second() & ~STATE;
    int mask = firsts.length - 1;
    int slot = (int) PathFingerprint.mix(first) & mask;
    while (firsts[slot] != 0 && (firsts[slot] != first || (seconds[slot] & ~STATE) != second)) {
      slot = (slot + 1) & mask;
    }
    if (firsts[slot] == 0) {
      firsts[slot] = first;
      earlierAt[slot] = current == null ? -1 : keepEarlier(current);
      size++;
    }
    seconds[slot] = second | stateOf(slot, now);
    if (size > firsts.length / 4 * 3) {
      grow();
    }
  }

  /** The number of distinct paths touched since the last {@link #clear()}. */
  int size() {
    return size;
  }

  /** What changed, per distinct path, against each path's state when first touched. O(capacity). */
  UpdateSummary summary(List<String> warnings) {
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    int deleted = 0;
    for (int slot = 0; slot < firsts.length; slot++) {
      if (firsts[slot] == 0) {
        continue;
      }
      long state = seconds[slot] & STATE;
      if (state == IS) {
        added++;
      } else if (state == WAS) {
        deleted++;
      } else if (state == (WAS | IS | SAME)) {
        unchanged++;
      } else if (state == (WAS | IS)) {
        changed++;
      } // neither before nor now: a deletion of a path that was never indexed counts nowhere
    }
    return new UpdateSummary(added, changed, unchanged, deleted, warnings);
  }

  /** Forgets every path; keeps the arrays for the next transaction. O(capacity). */
  void clear() {
    Arrays.fill(firsts, 0);
    earlierLength = 0;
    size = 0;
  }

  private long stateOf(int slot, ObjectId now) {
    int at = earlierAt[slot];
    long state = (at >= 0 ? WAS : 0) | (now != null ? IS : 0);
    if (at >= 0 && now != null && now.matches(earlier, at)) {
      state |= SAME;
    }
    return state;
  }

  private int keepEarlier(ObjectId id) {
    if (earlierLength + ObjectId.BYTES > earlier.length) {
      if (earlier.length > Integer.MAX_VALUE / 2 - ObjectId.BYTES) {
        throw new IllegalStateException("one transaction touched more than " + size + " indexed paths; "
            + "commit it in smaller transactions");
      }
      earlier = Arrays.copyOf(earlier, earlier.length * 2);
    }
    int at = earlierLength;
    id.copyInto(earlier, at);
    earlierLength += ObjectId.BYTES;
    return at;
  }

  private void grow() {
    if (firsts.length >= MAX_CAPACITY) {
      throw new IllegalStateException("one transaction touched more than " + size + " distinct paths; "
          + "commit it in smaller transactions");
    }
    long[] oldFirsts = firsts;
    long[] oldSeconds = seconds;
    int[] oldEarlierAt = earlierAt;
    firsts = new long[oldFirsts.length * 2];
    seconds = new long[oldFirsts.length * 2];
    earlierAt = new int[oldFirsts.length * 2];
    int mask = firsts.length - 1;
    for (int i = 0; i < oldFirsts.length; i++) {
      if (oldFirsts[i] != 0) {
        int slot = (int) PathFingerprint.mix(oldFirsts[i]) & mask;
        while (firsts[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        firsts[slot] = oldFirsts[i];
        seconds[slot] = oldSeconds[i];
        earlierAt[slot] = oldEarlierAt[i];
      }
    }
  }
}
