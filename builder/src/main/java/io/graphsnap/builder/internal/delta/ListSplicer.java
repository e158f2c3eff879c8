package io.graphsnap.builder.internal.delta;

import io.graphsnap.bloom.BloomFilterBuilder;
import io.graphsnap.builder.internal.SectionWriter;
import io.graphsnap.builder.internal.StringChunks;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Writes a spliced list of variable-length entries (a StringList, or NODE_DETAILS' ends and data) from the
 * base's list and a {@link Splice}: each copied run's ends are the base ends shifted by one constant (copied
 * raw when the shift is zero) and its bytes are one bulk copy; items supply their own bytes. Optionally feeds
 * every string to a Bloom filter as it passes. Mutable scratch buffer; not thread-safe.
 */
final class ListSplicer {
  /** The bytes of splice item {@code item}. */
  @FunctionalInterface
  interface ItemBytes {
    byte[] bytes(int item);
  }

  /** Bytes of one end: the same UInt64 in a StringList's and in NODE_DETAILS' Ends. */
  private static final int END_BYTES = StringListFormat.END_BYTES;

  private final StringChunks chunks = new StringChunks(1 << 20);

  /** {@code Ends[i]} of a list whose Ends start at {@code endsAt}. */
  private static long end(MemorySegment list, long endsAt, long i) {
    return list.get(LittleEndian.LONG, endsAt + END_BYTES * i);
  }

  /**
   * Writes a {@link StringListFormat StringList}.
   *
   * @param list the base's list section
   * @param bloom receives every string, or null
   */
  void writeStringList(SectionWriter out, MemorySegment list, Splice splice, ItemBytes items, BloomFilterBuilder bloom)
      throws IOException {
    StringListFormat.writeHeader(out, splice.newCount);
    write(out, list, StringListFormat.ENDS, StringListFormat.dataOffset(splice.oldCount), splice, items, bloom);
  }

  /** Writes NODE_DETAILS ({@link NodeDetailsFormat}: ends, then data). */
  void writeEntries(SectionWriter out, MemorySegment details, Splice splice, ItemBytes items) throws IOException {
    write(out, details, NodeDetailsFormat.endOffset(0), NodeDetailsFormat.dataOffset(splice.oldCount), splice, items,
        null);
  }

  private void write(SectionWriter out, MemorySegment list, long endsAt, long dataAt, Splice splice, ItemBytes items,
      BloomFilterBuilder bloom) throws IOException {
    byte[][] itemBytes = new byte[splice.itemNewId.length][];
    for (int seg = 0; seg < splice.segments(); seg++) {
      if (splice.kind[seg] == Splice.ITEM) {
        itemBytes[splice.item[seg]] = items.bytes(splice.item[seg]);
      }
    }
    long end = 0;
    out.putLong(end);
    for (int seg = 0; seg < splice.segments(); seg++) {
      if (splice.kind[seg] == Splice.ITEM) {
        end += itemBytes[splice.item[seg]].length;
        out.putLong(end);
        continue;
      }
      int from = splice.oldStart[seg];
      int to = from + splice.length[seg];
      long shift = end - end(list, endsAt, from);
      if (shift == 0) {
        out.put(list, endsAt + END_BYTES * (from + 1L), END_BYTES * (long) (to - from));
      } else {
        for (int i = from + 1; i <= to; i++) {
          out.putLong(end(list, endsAt, i) + shift);
        }
      }
      end = end(list, endsAt, to) + shift;
    }
    for (int seg = 0; seg < splice.segments(); seg++) {
      if (splice.kind[seg] == Splice.ITEM) {
        byte[] b = itemBytes[splice.item[seg]];
        out.put(b);
        if (bloom != null) {
          bloom.add(b);
        }
        continue;
      }
      int from = splice.oldStart[seg];
      int to = from + splice.length[seg];
      if (bloom == null) {
        long start = end(list, endsAt, from);
        out.put(list, dataAt + start, end(list, endsAt, to) - start);
      } else {
        copyHashing(out, list, splice.oldCount, from, to, bloom);
      }
    }
  }

  /**
   * Adds every string of the spliced StringList to {@code bloom}, in new order, writing nothing: the Bloom
   * filter of the new list, computed apart from its copy (on another thread; this splicer's scratch buffer is
   * then that thread's). O(strings + bytes).
   */
  void addStrings(MemorySegment list, Splice splice, ItemBytes items, BloomFilterBuilder bloom) throws IOException {
    for (int seg = 0; seg < splice.segments(); seg++) {
      if (splice.kind[seg] == Splice.ITEM) {
        bloom.add(items.bytes(splice.item[seg]));
      } else {
        int from = splice.oldStart[seg];
        copyHashing(null, list, splice.oldCount, from, from + splice.length[seg], bloom);
      }
    }
  }

  /**
   * Copies strings [from, to) of the base's StringList {@code list} in chunks of whole strings (unless {@code out}
   * is null), adding each to {@code bloom}.
   */
  private void copyHashing(SectionWriter out, MemorySegment list, long count, int from, int to,
      BloomFilterBuilder bloom) throws IOException {
    chunks.walk(list, count, from, to, new StringChunks.Visitor<IOException>() {
      @Override
      public void chunk(byte[] bytes, int length) throws IOException {
        if (out != null) {
          out.put(bytes, 0, length);
        }
      }

      @Override
      public void string(byte[] bytes, int offset, int length) {
        bloom.add(bytes, offset, length);
      }
    });
  }
}
