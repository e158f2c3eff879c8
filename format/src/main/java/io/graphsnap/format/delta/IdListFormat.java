package io.graphsnap.format.delta;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * A sorted list of ids, the shape of {@link DeltaSectionId#TOMBSTONES}, {@link DeltaSectionId#DIRTY_NODES},
 * {@link DeltaSectionId#FILE_TOMBSTONES} and {@link DeltaSectionId#DIRTY_FILES}. The grammar:
 *
 * <pre>
 * IdList --&gt; Count UInt32, Zero UInt32, Ids Int32^Count      Ids strictly increasing, each ≥ 0
 * </pre>
 *
 * <ul>
 *   <li>Count at {@link #COUNT}, Zero at {@link #ZERO}, {@code Ids[i]} at {@link #idOffset(long) idOffset(i)} =
 *       8 + 4·i. The section is {@link #sectionBytes(int) 8 + 4·Count} bytes.
 *   <li>An id's position in the list ({@link #find}, a binary search) indexes the sections aligned with the list:
 *       NODES and NODE_DETAILS with DIRTY_NODES, FILES and FILE_SYMBOLS with DIRTY_FILES.
 *   <li>A list and not a Roaring bitmap: a delta lists O(change) ids, which a binary search finds in a few probes,
 *       and the list doubles as the key of the aligned sections; a reader that wants a bitmap builds it at open.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (a reader checks the count against the section's length
 * and the order once, at open).
 */
public final class IdListFormat {
  /** Offset of Count. */
  public static final int COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Offset of {@code Ids[0]}. */
  public static final int IDS = 8;
  /** Bytes of one id. */
  public static final int ID_BYTES = 4;

  private IdListFormat() {}

  /** Offset of {@code Ids[i]}. */
  public static long idOffset(long i) {
    return IDS + ID_BYTES * i;
  }

  /** The section's length for {@code count} ids. */
  public static long sectionBytes(int count) {
    return idOffset(count);
  }

  /** Count, as stored (unsigned). */
  public static long count(MemorySegment list) {
    return Integer.toUnsignedLong(list.get(INT, COUNT));
  }

  /** The reserved field (zero in a sound list). */
  public static int zero(MemorySegment list) {
    return list.get(INT, ZERO);
  }

  /** {@code Ids[i]}. */
  public static int id(MemorySegment list, long i) {
    return list.get(INT, idOffset(i));
  }

  /**
   * The position of {@code id} in a sound list of {@code count} ids, or {@code -(insertion point) - 1} if absent
   * (the contract of {@link java.util.Arrays#binarySearch(int[], int)}). O(log count).
   */
  public static long find(MemorySegment list, long count, int id) {
    long lo = 0;
    long hi = count - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      int v = id(list, mid);
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /**
   * Writes {@code ids[0, count)}.
   *
   * @throws IllegalArgumentException if they are not strictly increasing and non-negative (nothing is written)
   */
  public static void write(SectionSink out, int[] ids, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      if (ids[i] < 0 || (i > 0 && ids[i] <= ids[i - 1])) {
        throw new IllegalArgumentException("ids must be non-negative and strictly increasing: ids[" + i + "]="
            + ids[i] + (i > 0 ? " after " + ids[i - 1] : ""));
      }
    }
    out.putInt(count);
    out.putInt(0);
    out.putInts(ids, count);
  }
}
