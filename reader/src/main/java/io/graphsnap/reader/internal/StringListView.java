package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * A StringList section read in place: {@code Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Bytes}.
 * Comparisons run on the mapped bytes as unsigned values (code-point order for UTF-8) without decoding;
 * {@link #get} decodes one string. Every access checks the item's ends, so a corrupt list gives a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException}, never an out-of-bounds read. Binary searches
 * terminate on any bytes; on a list that is not sorted (only {@link #verifyOrder} checks) they may miss.
 * Immutable; thread-safe.
 */
public final class StringListView {
  /** Longest string decoded into a Java {@code String}. */
  private static final long MAX_DECODED_BYTES = Integer.MAX_VALUE - 16;
  /** Little-endian longs of a byte array, to compare a key with {@link io.graphsnap.format.snapshot.LittleEndian#LONG} reads of the mapped bytes. */
  private static final VarHandle KEY_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, io.graphsnap.format.snapshot.LittleEndian.ORDER);

  private final EndsList list;
  private final MemorySegment bytes;

  private StringListView(EndsList list) {
    this.list = list;
    this.bytes = list.bytes();
  }

  /** Opens the StringList in {@code section}; O(1) (see {@link EndsList#open}). */
  public static StringListView open(Section section) {
    return new StringListView(EndsList.open(section));
  }

  /** The number of strings. */
  public int count() {
    return list.count();
  }

  /** The underlying list of ends. */
  public EndsList ends() {
    return list;
  }

  /** Decodes string {@code i} (in [0, count)) from UTF-8. O(length). */
  public String get(int i) {
    long s = list.rawEnd(i);
    long e = list.rawEnd(i + 1);
    list.checkRange(i, s, e);
    if (e - s > MAX_DECODED_BYTES) {
      throw list.section().corrupt(StringListFormat.endOffset(i), "string " + i + " is " + (e - s) + " bytes, longer than "
          + MAX_DECODED_BYTES);
    }
    // a copy, not asSlice().toArray(): toArray looks up the array class's simple name (reflection) on every call
    byte[] utf8 = new byte[(int) (e - s)];
    MemorySegment.copy(bytes, BYTE, list.dataBase() + s, utf8, 0, utf8.length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Decodes every string; O(total bytes). */
  public String[] decodeAll() {
    String[] all = new String[count()];
    for (int i = 0; i < all.length; i++) {
      all[i] = get(i);
    }
    return all;
  }

  /** Compares string {@code i} with {@code key} as unsigned bytes: negative, zero or positive. */
  public int compare(int i, MemorySegment key) {
    long s = list.rawEnd(i);
    long e = list.rawEnd(i + 1);
    list.checkRange(i, s, e);
    return compareBytes(bytes, list.dataBase() + s, list.dataBase() + e, key, 0, key.byteSize());
  }

  /**
   * Compares the first {@code min(length, key length)} bytes of string {@code i} with {@code key}: zero when
   * the string starts with {@code key}, negative when it sorts before every string with that prefix, positive
   * when after.
   */
  public int comparePrefix(int i, MemorySegment key) {
    long s = list.rawEnd(i);
    long e = list.rawEnd(i + 1);
    list.checkRange(i, s, e);
    long keyLength = key.byteSize();
    long from = list.dataBase() + s;
    long to = from + Math.min(e - s, keyLength);
    return compareBytes(bytes, from, to, key, 0, keyLength);
  }

  /**
   * Whether string {@code i} (in [0, count)) equals {@code key}'s bytes, compared in place: the length first,
   * then eight bytes at a time. O(length), no allocation; reads only this (mapped) segment and the array.
   */
  public boolean equalsAt(int i, byte[] key) {
    long s = list.rawEnd(i);
    long e = list.rawEnd(i + 1);
    list.checkRange(i, s, e);
    int n = key.length;
    if (e - s != n) {
      return false;
    }
    MemorySegment b = bytes;
    long at = list.dataBase() + s;
    int k = 0;
    for (; k + 8 <= n; k += 8) {
      if (b.get(LONG, at + k) != (long) KEY_LONG.get(key, k)) {
        return false;
      }
    }
    for (; k < n; k++) {
      if (b.get(BYTE, at + k) != key[k]) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code key} in a sorted list, or -1. O(log count) probes, no allocation. */
  public int find(MemorySegment key) {
    int lo = 0;
    int hi = count() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(mid, key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The first index whose string is {@code >= key} (count if none). O(log count). */
  public int lowerBound(MemorySegment key) {
    int lo = 0;
    int hi = count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index at or after {@code from} whose string sorts after every string starting with {@code key}. */
  public int prefixEnd(int from, MemorySegment key) {
    int lo = from;
    int hi = count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparePrefix(mid, key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Compares strings {@code i} and {@code j} as unsigned bytes. */
  public int compareItems(int i, int j) {
    long si = list.rawEnd(i);
    long ei = list.rawEnd(i + 1);
    list.checkRange(i, si, ei);
    long sj = list.rawEnd(j);
    long ej = list.rawEnd(j + 1);
    list.checkRange(j, sj, ej);
    long base = list.dataBase();
    return compareBytes(bytes, base + si, base + ei, bytes, base + sj, base + ej);
  }

  /**
   * Checks the ends (O(count)) and that the strings strictly increase ({@code strict}) or never decrease,
   * comparing unsigned bytes. O(total bytes).
   */
  public void verifyOrder(boolean strict, String what) {
    verifyUtf8(what);
    for (int i = 1; i < count(); i++) {
      int c = compareItems(i - 1, i);
      if (c > 0 || (strict && c == 0)) {
        throw list.section().corrupt(StringListFormat.endOffset(i), what + " are not " + (strict ? "strictly increasing" : "sorted")
            + ": item " + i + " " + quote(get(i)) + (c == 0 ? " repeats " : " sorts before ") + "item " + (i - 1)
            + " " + quote(get(i - 1)));
      }
    }
  }

  /** Checks the ends (O(count)) and that every string is well-formed UTF-8 (O(total bytes)). */
  public void verifyUtf8(String what) {
    list.verifyMonotonic();
    for (int i = 0; i < count(); i++) {
      long from = list.itemOffset(i);
      long bad = Utf8.firstInvalid(bytes, from, from + list.itemLength(i));
      if (bad >= 0) {
        throw list.section().corrupt(bad, what + ": item " + i + " is not well-formed UTF-8 at byte " + (bad - from));
      }
    }
  }

  /** Unsigned lexicographic comparison of two byte ranges (a shorter prefix sorts first). */
  public static int compareBytes(MemorySegment a, long aFrom, long aTo, MemorySegment b, long bFrom, long bTo) {
    long at = MemorySegment.mismatch(a, aFrom, aTo, b, bFrom, bTo);
    if (at < 0) {
      return 0;
    }
    long aLength = aTo - aFrom;
    long bLength = bTo - bFrom;
    if (at == aLength) {
      return -1;
    }
    if (at == bLength) {
      return 1;
    }
    return Integer.compare(a.get(BYTE, aFrom + at) & 0xFF, b.get(BYTE, bFrom + at) & 0xFF);
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
  }
}
