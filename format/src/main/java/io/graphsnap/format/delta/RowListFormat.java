package io.graphsnap.format.delta;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Typed adjacency rows of a few keyed nodes, the shape of {@link DeltaSectionId#FORWARD} (the complete out-row of
 * each listed source), {@link DeltaSectionId#REVERSE_ADDED} and {@link DeltaSectionId#REVERSE_REMOVED} (the in-edges
 * each listed target gains or loses against the base). A small CSR that carries its own keys. The grammar:
 *
 * <pre>
 * RowList    --&gt; Count UInt32, Zero UInt32, Keys Int32^Count, Offsets UInt64^(Count+1),
 *                Neighbours Int32^M, Types UInt8^M
 *                Keys strictly increasing; Offsets[0] = 0, non-decreasing, Offsets[Count] = M;
 *                row i = [Offsets[i], Offsets[i+1]), sorted by (type id, neighbour id), distinct
 * </pre>
 *
 * <ul>
 *   <li>Count at {@link #COUNT}, Zero at {@link #ZERO}, {@code Keys[i]} at {@link #keyOffset(long) keyOffset(i)} =
 *       8 + 4·i, {@code Offsets[i]} at {@link #offsetOffset(long, long) offsetOffset(Count, i)} = 8 + 4·Count + 8·i,
 *       neighbour j at {@link #neighbourOffset(long, long) neighbourOffset(Count, j)} = 8 + 12·Count + 8 + 4·j,
 *       type j at {@link #typeOffset(long, long, long) typeOffset(Count, M, j)}. No alignment inside the section.
 *   <li>Keys and neighbours are ids of the layered id space (base ids, then the delta's new names); type ids index
 *       the layered edge-type dictionary (the base's types, then ADDED_EDGE_TYPES). Neighbours are targets in
 *       FORWARD and sources in the REVERSE_* lists.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (a reader checks counts, offsets and ids once, at open).
 */
public final class RowListFormat {
  /** Offset of Count. */
  public static final int COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Offset of {@code Keys[0]}. */
  public static final int KEYS = 8;
  /** Bytes of one key or neighbour. */
  public static final int ID_BYTES = 4;
  /** Bytes of one offset. */
  public static final int OFFSET_BYTES = 8;

  private RowListFormat() {}

  /** Offset of {@code Keys[i]}. */
  public static long keyOffset(long i) {
    return KEYS + ID_BYTES * i;
  }

  /** Offset of {@code Offsets[i]} in a list of {@code count} rows. */
  public static long offsetOffset(long count, long i) {
    return keyOffset(count) + OFFSET_BYTES * i;
  }

  /** Offset of neighbour {@code j} in a list of {@code count} rows. */
  public static long neighbourOffset(long count, long j) {
    return offsetOffset(count, count + 1) + ID_BYTES * j;
  }

  /** Offset of type {@code j} in a list of {@code count} rows and {@code edges} edges. */
  public static long typeOffset(long count, long edges, long j) {
    return neighbourOffset(count, edges) + j;
  }

  /** The section's length for {@code count} rows of {@code edges} edges in all. */
  public static long sectionBytes(long count, long edges) {
    return typeOffset(count, edges, edges);
  }

  /** Count, as stored (unsigned). */
  public static long count(MemorySegment rows) {
    return Integer.toUnsignedLong(rows.get(INT, COUNT));
  }

  /** The reserved field (zero in a sound list). */
  public static int zero(MemorySegment rows) {
    return rows.get(INT, ZERO);
  }

  /** {@code Keys[i]}. */
  public static int key(MemorySegment rows, long i) {
    return rows.get(INT, keyOffset(i));
  }

  /** {@code Offsets[i]} of a list of {@code count} rows. */
  public static long offset(MemorySegment rows, long count, long i) {
    return rows.get(LONG, offsetOffset(count, i));
  }

  /** Neighbour {@code j} of a list of {@code count} rows. */
  public static int neighbour(MemorySegment rows, long count, long j) {
    return rows.get(INT, neighbourOffset(count, j));
  }

  /** Type id of edge {@code j} of a list of {@code count} rows and {@code edges} edges, unsigned. */
  public static int type(MemorySegment rows, long count, long edges, long j) {
    return Byte.toUnsignedInt(rows.get(BYTE, typeOffset(count, edges, j)));
  }

  /**
   * The row of {@code key} as its position among the keys, or a negative value if it is not listed (see
   * {@link IdListFormat#find}). O(log count).
   */
  public static long find(MemorySegment rows, long count, int key) {
    long lo = 0;
    long hi = count - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      int k = key(rows, mid);
      if (k < key) {
        lo = mid + 1;
      } else if (k > key) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /**
   * Writes {@code count} rows: {@code keys[0, count)} strictly increasing, row i being {@code neighbours} and
   * {@code types} in {@code [offsets[i], offsets[i+1])}, each sorted by (type, neighbour).
   *
   * @throws IllegalArgumentException if the keys are not strictly increasing, an offset goes backwards or a row
   *     is not sorted and distinct (nothing is written)
   */
  public static void write(SectionSink out, int count, int[] keys, long[] offsets, int[] neighbours, byte[] types)
      throws IOException {
    if (offsets[0] != 0) {
      throw new IllegalArgumentException("Offsets[0] must be 0: actual=" + offsets[0]);
    }
    for (int i = 0; i < count; i++) {
      if (i > 0 && keys[i] <= keys[i - 1]) {
        throw new IllegalArgumentException("keys must increase: keys[" + i + "]=" + keys[i] + " after " + keys[i - 1]);
      }
      if (offsets[i + 1] < offsets[i]) {
        throw new IllegalArgumentException("offsets must not decrease at row " + i);
      }
      for (long j = offsets[i] + 1; j < offsets[i + 1]; j++) {
        long a = (long) Byte.toUnsignedInt(types[(int) j - 1]) << 32 | Integer.toUnsignedLong(neighbours[(int) j - 1]);
        long b = (long) Byte.toUnsignedInt(types[(int) j]) << 32 | Integer.toUnsignedLong(neighbours[(int) j]);
        if (b <= a) {
          throw new IllegalArgumentException("row of key " + keys[i] + " is not sorted by (type, neighbour) and distinct at "
              + j);
        }
      }
    }
    int edges = Math.toIntExact(offsets[count]);
    out.putInt(count);
    out.putInt(0);
    out.putInts(keys, count);
    out.putLongs(offsets, count + 1);
    out.putInts(neighbours, edges);
    out.put(types, 0, edges);
  }
}
