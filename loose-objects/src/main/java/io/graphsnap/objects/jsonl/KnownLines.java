package io.graphsnap.objects.jsonl;

import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.internal.PathFingerprint;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines of a JSON Lines file that a previous ingest stored, remembered by a resident watch so that the next
 * ingest of the same file parses only the lines that changed ({@link JsonLinesIngester#knownLines}). A line is known
 * by a 64-bit hash of its bytes and its length; for each, the path it described and the object stored for it.
 *
 * <p>Trust: a known line is skipped only if the index still holds that object for that path, so another writer's
 * change in between is never masked. When the index's {@link io.graphsnap.objects.StoreIndex#filesVersion() files
 * version} is still the one recorded after the ingest that stored these lines, no writer has changed any file entry
 * since, and that holds for every remembered line at once (O(1)); otherwise each line is checked in the ingest's
 * transaction. Within one ingest, a line about a path an earlier line of the same ingest touched is always checked; lines with an {@code expect}
 * field and deleted lines are not remembered (their checks must run every time). A hash collision would make a
 * changed line of the same length look unchanged: about one chance in 10<sup>9</sup> per save for a file of
 * 100,000 lines.
 *
 * <p>Memory: one entry per stored line (about 100 bytes plus the path). Not thread-safe for writes: the ingest
 * reads it from its worker threads and replaces it once, on its own thread, after its commit; one ingest at a time.
 */
public final class KnownLines {
  /** A stored line: its length, the path it described and the object stored for it. */
  record Known(int length, String path, ObjectId id) {}

  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private volatile Map<Long, Known> lines = Map.of();
  /** The index's files version just after the ingest that stored {@link #lines}, or null. */
  private volatile String filesVersion;

  /** An empty memory: the first ingest through it parses every line. */
  public KnownLines() {}

  /** The number of lines remembered. */
  public int size() {
    return lines.size();
  }

  /** Forgets every line (after a failed or interrupted ingest: nothing is trusted). */
  public void clear() {
    lines = Map.of();
    filesVersion = null;
  }

  /** The index's files version recorded with the lines, or null. */
  String filesVersion() {
    return filesVersion;
  }

  /** The stored line whose bytes have hash {@code hash} ({@link #hash}) and {@code length}, or null. */
  Known lookup(long hash, int length) {
    Known known = lines.get(hash);
    return known != null && known.length() == length ? known : null;
  }

  /**
   * Replaces the memory with what one ingest stored, and the index's files version just after its commit (under the
   * same writer lock, so no other writer came between).
   */
  void replace(Map<Long, Known> stored, String filesVersionAfter) {
    lines = Map.copyOf(stored);
    filesVersion = filesVersionAfter;
  }

  /** A new map of what an ingest stores, to fill and pass to {@link #replace}. */
  static Map<Long, Known> newRecord() {
    return new HashMap<>();
  }

  /** XXH64's primes, the multipliers of {@link #hash}. */
  static final long P1 = 0x9E3779B185EBCA87L;
  static final long P2 = 0xC2B2AE3D27D4EB4FL;

  /** {@link #hash(MemorySegment, long, int)} of a whole array. */
  static long hash(byte[] line) {
    return hash(MemorySegment.ofArray(line), 0, line.length);
  }

  /**
   * A 64-bit hash of the {@code length} bytes at {@code offset} of {@code s}, read where they lie: four independent
   * lanes of eight bytes (the round of XXH64: multiply, rotate, multiply), so that the multiplies of one 32-byte
   * stripe overlap; then the lanes, the remaining words and the tail bytes are mixed in and the result finished
   * with MurmurHash3's finaliser. O(length), a fraction of a nanosecond per byte.
   */
  static long hash(MemorySegment s, long offset, int length) {
    long end = offset + length;
    long i = offset;
    long h;
    if (length >= 32) {
      long a = P1 + P2;
      long b = P2;
      long c = 0;
      long d = -P1;
      for (; i + 32 <= end; i += 32) {
        a = round(a, s.get(WORD, i));
        b = round(b, s.get(WORD, i + 8));
        c = round(c, s.get(WORD, i + 16));
        d = round(d, s.get(WORD, i + 24));
      }
      h = Long.rotateLeft(a, 1) + Long.rotateLeft(b, 7) + Long.rotateLeft(c, 12) + Long.rotateLeft(d, 18);
    } else {
      h = 0x27D4EB2F165667C5L;
    }
    h += length;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ round(0, s.get(WORD, i)), 27) * P1 + 0x85EBCA77C2B2AE63L;
    }
    long tail = 0;
    for (long k = end - 1; k >= i; k--) {
      tail = tail << 8 | (s.get(ValueLayout.JAVA_BYTE, k) & 0xff);
    }
    return mix(h ^ tail * P1 ^ 0x165667B19E3779F9L);
  }

  private static long round(long acc, long word) {
    return Long.rotateLeft(acc + word * P2, 31) * P1;
  }

  /**
   * After another shard's ingest that committed between {@code before} and {@code after} (its files versions) and
   * touched none of the paths these lines describe: if these lines were current at {@code before}, they are current
   * at {@code after} too. Only sound when that ingest could not touch this memory's paths ({@link ShardScope}).
   */
  public void carryOver(String before, String after) {
    if (before != null && before.equals(filesVersion)) {
      filesVersion = after;
    }
  }

  /** MurmurHash3's 64-bit finaliser. */
  static long mix(long z) {
    return PathFingerprint.mix(z);
  }
}
