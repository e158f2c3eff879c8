package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.StringListFormat;
import java.lang.foreign.MemorySegment;

/**
 * The shared shape of StringList and BitmapList sections ({@link StringListFormat}): item i is
 * {@code Data[Ends[i], Ends[i+1])}. {@link #open} checks in O(1) that the header and the Ends array fit the
 * section, that {@code Ends[0] = 0} and that {@code Ends[Count]} is exactly the rest of the section; each
 * item access checks its own two ends, so no item can reach outside Data. Monotonicity of all ends is
 * checked by {@link #verifyMonotonic()} (O(Count)). Immutable; thread-safe.
 */
public final class EndsList {
  private static final long HEADER_BYTES = StringListFormat.ENDS;
  private static final long END_BYTES = StringListFormat.END_BYTES;

  private final Section section;
  private final MemorySegment bytes;
  private final int count;
  private final long dataBase;
  private final long dataLength;

  private EndsList(Section section, int count) {
    this.section = section;
    this.bytes = section.bytes();
    this.count = count;
    this.dataBase = StringListFormat.dataOffset(count);
    this.dataLength = section.length() - dataBase;
  }

  /**
   * Checks the header of {@code section} and returns the list. O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if the header, the Ends array or
   *     {@code Ends[0]}/{@code Ends[Count]} do not fit the section
   */
  public static EndsList open(Section section) {
    long length = section.length();
    if (length < StringListFormat.dataOffset(0)) {
      throw section.corrupt(0, "section length mismatch: actual=" + length + " vs expected>=16 (Count, Zero, Ends[0])");
    }
    MemorySegment b = section.bytes();
    long count = StringListFormat.count(b);
    int zero = StringListFormat.zero(b);
    if (zero != 0) {
      throw section.corrupt(StringListFormat.ZERO, "reserved field is not zero: actual=" + zero + " vs expected=0");
    }
    long maxCount = Math.min((length - HEADER_BYTES) / END_BYTES - 1, Integer.MAX_VALUE - 1);
    if (count > maxCount) {
      throw section.corrupt(0, "count does not fit the section: actual=" + count + " vs expected<=" + maxCount
          + " (Ends of " + length + " bytes, ids are int)");
    }
    EndsList list = new EndsList(section, (int) count);
    long first = list.rawEnd(0);
    if (first != 0) {
      throw section.corrupt(HEADER_BYTES, "Ends[0] is not zero: actual=" + first + " vs expected=0");
    }
    long last = list.rawEnd(list.count);
    if (last != list.dataLength) {
      throw section.corrupt(StringListFormat.endOffset(count), "Ends[" + count + "] does not match the data length: actual="
          + last + " vs expected=" + list.dataLength);
    }
    return list;
  }

  /** The number of items. */
  public int count() {
    return count;
  }

  /** The section. */
  public Section section() {
    return section;
  }

  /** The section bytes. */
  public MemorySegment bytes() {
    return bytes;
  }

  /** Offset of Data within the section. */
  public long dataBase() {
    return dataBase;
  }

  /** Bytes of Data. */
  public long dataLength() {
    return dataLength;
  }

  /** {@code Ends[i]}, unchecked; {@code i} must be in [0, count]. */
  public long rawEnd(int i) {
    return StringListFormat.end(bytes, i);
  }

  /** Throws unless {@code 0 <= start <= end <= dataLength}, the ends of item {@code i}. */
  public void checkRange(int i, long start, long end) {
    if (start < 0 || start > end || end > dataLength) {
      throw section.corrupt(StringListFormat.endOffset(i), "item " + i + " spans [" + start + ", " + end
          + ") outside the data of " + dataLength + " bytes (Ends not monotonic)");
    }
  }

  /** Item {@code i}'s start offset within the section, its range checked. */
  public long itemOffset(int i) {
    long s = rawEnd(i);
    long e = rawEnd(i + 1);
    checkRange(i, s, e);
    return dataBase + s;
  }

  /** Item {@code i}'s length in bytes, its range checked. */
  public long itemLength(int i) {
    long s = rawEnd(i);
    long e = rawEnd(i + 1);
    checkRange(i, s, e);
    return e - s;
  }

  /** Checks that every end is non-decreasing (and so within Data). O(count). */
  public void verifyMonotonic() {
    long previous = 0;
    for (int i = 1; i <= count; i++) {
      long e = rawEnd(i);
      if (e < previous) {
        throw section.corrupt(StringListFormat.endOffset(i), "Ends decrease: actual Ends[" + i + "]=" + e
            + " vs expected>=" + previous);
      }
      previous = e;
    }
  }
}
