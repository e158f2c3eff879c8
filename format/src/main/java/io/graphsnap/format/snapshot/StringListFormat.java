package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.IntToLongFunction;

/**
 * A list of byte strings, the shape of {@link SectionId#BUILD_INFO}, {@link SectionId#NODE_NAMES},
 * {@link SectionId#KINDS}, {@link SectionId#EFFECTS}, {@link SectionId#EDGE_TYPES}, {@link SectionId#FILE_PATHS},
 * {@link SectionId#LANGUAGES} and {@link SectionId#CONFLICTS} (UTF-8 strings), and of the bitmap lists
 * ({@link BitmapListFormat}); NODE_NAMES and FILE_PATHS of a compact file from version
 * {@link SnapshotFormat#VERSION_FRONT_CODED_NAMES} on are {@link FrontCodedListFormat FrontCodedLists} instead. The grammar:
 *
 * <pre>
 * StringList --&gt; Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Data Byte^Ends[Count]
 *                 Ends[0] = 0, Ends non-decreasing; item i = Data[Ends[i], Ends[i+1])
 * </pre>
 *
 * <ul>
 *   <li>Count at {@link #COUNT}, Zero at {@link #ZERO}, {@code Ends[i]} at {@link #endOffset(long)
 *       endOffset(i)} = 8 + 8·i, Data at {@link #dataOffset(long) dataOffset(Count)} = 8·(Count + 2).
 *   <li>Strings are UTF-8; sorted lists (names, kinds, effects, edge types, paths, languages) compare their
 *       bytes as unsigned values, which is code-point order.
 *   <li>BUILD_INFO holds {@link #BUILD_INFO_GROUP} strings per entry (key, value; keys sorted), CONFLICTS
 *       {@link #CONFLICT_GROUP} (name, kept path, dropped path; sorted by name, then dropped path).
 *   <li>No alignment inside the section: every read is unaligned ({@link LittleEndian}).
 * </ul>
 *
 * <p>The reads here are unchecked (callers check bounds once, as the reader's views do); the writers stream.
 * Stateless and thread-safe.
 */
public final class StringListFormat {
  /** Offset of Count. */
  public static final int COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Offset of {@code Ends[0]}: the fixed header's size. */
  public static final int ENDS = 8;
  /** Bytes of one end. */
  public static final int END_BYTES = 8;
  /** Strings per BUILD_INFO entry: key, value. */
  public static final int BUILD_INFO_GROUP = 2;
  /** Strings per CONFLICTS entry: name, kept path, dropped path. */
  public static final int CONFLICT_GROUP = 3;

  private StringListFormat() {}

  /** Offset of {@code Ends[i]}, i in [0, Count]. */
  public static long endOffset(long i) {
    return ENDS + END_BYTES * i;
  }

  /** Offset of Data in a list of {@code count} items: just after {@code Ends[count]}. */
  public static long dataOffset(long count) {
    return endOffset(count + 1);
  }

  /** The section's length for {@code count} items of {@code dataBytes} bytes in all. */
  public static long sectionBytes(long count, long dataBytes) {
    return dataOffset(count) + dataBytes;
  }

  // ---------------------------------------------------------------- reads (unchecked)

  /** Count, as an unsigned value. */
  public static long count(MemorySegment list) {
    return Integer.toUnsignedLong(list.get(INT, COUNT));
  }

  /** The reserved field (zero in a sound list). */
  public static int zero(MemorySegment list) {
    return list.get(INT, ZERO);
  }

  /** {@code Ends[i]}. */
  public static long end(MemorySegment list, long i) {
    return list.get(LONG, endOffset(i));
  }

  /** Offset in the section of item {@code i}'s first byte, for a list of {@code count} items. */
  public static long itemStart(MemorySegment list, long count, long i) {
    return dataOffset(count) + end(list, i);
  }

  /** Item {@code i}'s bytes (a slice of {@code list}) for a list of {@code count} items. */
  public static MemorySegment item(MemorySegment list, long count, long i) {
    long start = end(list, i);
    return list.asSlice(dataOffset(count) + start, end(list, i + 1) - start);
  }

  /** Decodes every string of a sound list (O(bytes)). */
  public static String[] decodeAll(MemorySegment list) {
    int count = Math.toIntExact(count(list));
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = new String(item(list, count, i).toArray(LittleEndian.BYTE), StandardCharsets.UTF_8);
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  /** Writes one item's bytes: called once per item, in order, after all the ends. */
  @FunctionalInterface
  public interface ItemWriter {
    /** Writes item {@code i}'s bytes to {@code out}. */
    void write(int i, SectionSink out) throws IOException;
  }

  /** Writes Count and Zero: the list's first 8 bytes. */
  public static void writeHeader(SectionSink out, int count) throws IOException {
    out.putInt(count);
    out.putInt(0);
  }

  /**
   * Writes a list of {@code count} items in one pass: the header, the ends from {@code length}, then each item
   * through {@code items}, which must write exactly {@code length(i)} bytes.
   */
  public static void write(SectionSink out, int count, IntToLongFunction length, ItemWriter items) throws IOException {
    writeHeader(out, count);
    long end = 0;
    out.putLong(end);
    for (int i = 0; i < count; i++) {
      end += length.applyAsLong(i);
      out.putLong(end);
    }
    for (int i = 0; i < count; i++) {
      items.write(i, out);
    }
  }

  /** Writes a list whose items are {@code items}. */
  public static void write(SectionSink out, byte[][] items) throws IOException {
    write(out, items.length, i -> items[i].length, (i, o) -> o.put(items[i]));
  }

  /** Writes a list of strings, encoded with {@link String#getBytes UTF-8} (no validation: for tests and tools). */
  public static void writeUtf8(SectionSink out, java.util.List<String> strings) throws IOException {
    byte[][] items = new byte[strings.size()][];
    for (int i = 0; i < items.length; i++) {
      items[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
    }
    write(out, items);
  }
}
