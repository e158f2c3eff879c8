package io.graphsnap.objects.jsonl;

import io.graphsnap.objects.internal.PathFingerprint;

/**
 * The paths an ingest's good lines mentioned so far, each with the number of the last line about it: what "the later
 * line wins" warns with, what a known line's check and the baseline's first-change check ask, and what replace-all
 * keeps. A path is held as an 88-bit fingerprint of its characters beside a 40-bit line number, in one open-addressed
 * table of two {@code long}s a slot (linear probing, at most 3/4 full): 21 to 43 bytes a path whatever its length,
 * where a {@code HashMap<String, Long>} took about 140 (at 10 million lines, about 0.3 GB instead of 1.4).
 *
 * <p>Exactness: two different paths with the same fingerprint would count as one (the second would be warned about as
 * a repeat, and replace-all would keep a path because the other was listed). For {@code n} paths that happens with
 * probability about n<sup>2</sup> / 2<sup>89</sup>: 1.6·10<sup>-13</sup> at 10 million paths. Line numbers of 2<sup>40</sup>
 * and more are kept as "unknown" ({@link #put} returns {@link #UNKNOWN_LINE}).
 *
 * <p>O(1) expected per call (one fingerprint of the path, O(length)). Not thread-safe: the applying thread alone.
 */
final class MentionedPaths {
  /** {@link #put}'s answer for a path seen before on a line whose number did not fit 40 bits. */
  static final long UNKNOWN_LINE = -2;
  /** {@link #put}'s answer for a path not seen before. */
  static final long ABSENT = -1;

  private static final int LINE_BITS = 40;
  private static final long LINE_MASK = (1L << LINE_BITS) - 1;
  private static final int MAX_CAPACITY = 1 << 30;

  /** A slot's first fingerprint word, never 0 (0: an empty slot). */
  private long[] keys = new long[1024];
  /** A slot's second fingerprint word's top 24 bits, then the line number (or {@link #LINE_MASK}: unknown). */
  private long[] values = new long[1024];
  private int size;
  private final PathFingerprint fingerprint = new PathFingerprint();
  /** The fingerprint of the path {@link #find} was last given: its first 64 bits, and its other 24 as a value's top bits. */
  private long first;
  private long check;

  /** How many distinct paths were mentioned. */
  int size() {
    return size;
  }

  /** Whether a good line mentioned {@code path}. */
  boolean contains(String path) {
    return keys[find(path)] != 0;
  }

  /**
   * Records that good line {@code line} (1-based) mentions {@code path}; returns the number of the previous line
   * about it, {@link #ABSENT} if none, or {@link #UNKNOWN_LINE} if that number was too large to keep.
   */
  long put(String path, long line) {
    int slot = find(path);
    long value = check | (line >= 0 && line < LINE_MASK ? line : LINE_MASK);
    if (keys[slot] != 0) {
      long previous = values[slot] & LINE_MASK;
      values[slot] = value;
      return previous == LINE_MASK ? UNKNOWN_LINE : previous;
    }
    keys[slot] = first;
    values[slot] = value;
    if (++size > keys.length / 4 * 3) {
      grow();
    }
    return ABSENT;
  }

  /**
   * Fingerprints {@code path} into {@link #first} and {@link #check} and returns its slot: the one holding it, or the
   * empty slot where it would go.
   */
  private int find(String path) {
    fingerprint(path);
    int mask = keys.length - 1;
    int slot = (int) PathFingerprint.mix(first) & mask;
    while (keys[slot] != 0 && (keys[slot] != first || (values[slot] & ~LINE_MASK) != check)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    if (keys.length >= MAX_CAPACITY) {
      throw new IllegalStateException("one ingest mentioned more than " + size + " distinct paths; split the input");
    }
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = (int) PathFingerprint.mix(oldKeys[i]) & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /** The path's 88-bit fingerprint: its first 64 bits into {@link #first}, the next 24 into {@link #check}'s top bits. */
  private void fingerprint(String path) {
    fingerprint.of(path);
    first = fingerprint.first();
    check = fingerprint.second() & ~LINE_MASK;
  }
}
