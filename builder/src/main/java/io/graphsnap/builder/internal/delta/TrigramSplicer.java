package io.graphsnap.builder.internal.delta;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NameTrigramsFormat;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * NAME_TRIGRAMS of an incremental build whose node ids moved, from the base's section instead of every name:
 * each base posting is remapped through the node {@link Splice} (its {@link Splice#COPY} runs shifted, removed and
 * rewritten ids dropped) and the rewritten and inserted nodes' trigrams are added; a posting holding only ids
 * below the first moved one is copied as it is. The same bytes as {@link
 * io.graphsnap.builder.internal.NameTrigramsBuilder} from the new names in id order: the same sets, put in the
 * builder's container form (array or bitmap by cardinality) and then run-optimised as it does.
 *
 * <p>Cost: O(base trigrams × copy runs touching them + changed names); memory: the new section's postings.
 * Stateless.
 */
final class TrigramSplicer {
  private TrigramSplicer() {}

  /**
   * Writes the new section.
   *
   * @param base the base's NAME_TRIGRAMS section (sound: it was checked when the base was opened or verified)
   * @param nodes the node splice
   * @param itemName the UTF-8 name of item {@code i} of the splice
   */
  static void write(SectionSink out, MemorySegment base, Splice nodes, IntFunction<byte[]> itemName)
      throws IOException {
    TreeMap<Integer, RoaringBitmap> added = itemTrigrams(nodes, itemName);
    int fixedEnd = identityPrefix(nodes);
    long count = NameTrigramsFormat.storedCount(base);
    MemorySegment postings = NameTrigramsFormat.postings(base, count);
    List<Integer> trigrams = new ArrayList<>((int) count + added.size());
    List<byte[]> bytes = new ArrayList<>((int) count + added.size());
    long i = 0;
    while (i < count || !added.isEmpty()) {
      int baseTrigram = i < count ? NameTrigramsFormat.trigramAt(base, i) : Integer.MAX_VALUE;
      Integer next = added.isEmpty() ? null : added.firstKey();
      if (next != null && next < baseTrigram) {
        trigrams.add(next);
        bytes.add(serialize(added.remove(next)));
        continue;
      }
      MemorySegment item = StringListFormat.item(postings, count, i);
      RoaringBitmap extra = next != null && next == baseTrigram ? added.remove(next) : null;
      ImmutableRoaringBitmap old = new ImmutableRoaringBitmap(item.asByteBuffer().order(LittleEndian.ORDER));
      i++;
      if (extra == null && old.last() < fixedEnd) {
        trigrams.add(baseTrigram);
        bytes.add(item.toArray(ValueLayout.JAVA_BYTE));
        continue;
      }
      RoaringBitmap now = remap(old.toRoaringBitmap(), nodes);
      if (extra != null) {
        now.or(extra);
      }
      if (!now.isEmpty()) {
        trigrams.add(baseTrigram);
        bytes.add(serialize(now));
      }
    }
    int[] keys = trigrams.stream().mapToInt(Integer::intValue).toArray();
    NameTrigramsFormat.write(out, keys, keys.length, k -> bytes.get(k).length, (k, o) -> o.put(bytes.get(k)));
  }

  /** The ids below which new id equals base id and no base id was dropped or rewritten. */
  private static int identityPrefix(Splice nodes) {
    int end = 0;
    for (int seg = 0; seg < nodes.kind.length; seg++) {
      if (nodes.kind[seg] != Splice.COPY || nodes.oldStart[seg] != end || nodes.newStart[seg] != end) {
        break;
      }
      end += nodes.length[seg];
    }
    return end;
  }

  /** The base ids of {@code old} in copy runs, at their new ids. */
  private static RoaringBitmap remap(RoaringBitmap old, Splice nodes) {
    RoaringBitmap out = new RoaringBitmap();
    for (int seg = 0; seg < nodes.kind.length; seg++) {
      if (nodes.kind[seg] != Splice.COPY) {
        continue;
      }
      long from = nodes.oldStart[seg];
      RoaringBitmap part = old.selectRange(from, from + nodes.length[seg]);
      if (part.isEmpty()) {
        continue;
      }
      long shift = (long) nodes.newStart[seg] - from;
      out.or(shift == 0 ? part : RoaringBitmap.addOffset(part, shift));
    }
    return out;
  }

  /** Each trigram of the items' names, with the new ids of the items whose names hold it. */
  private static TreeMap<Integer, RoaringBitmap> itemTrigrams(Splice nodes, IntFunction<byte[]> itemName) {
    TreeMap<Integer, RoaringBitmap> out = new TreeMap<>();
    for (int seg = 0; seg < nodes.kind.length; seg++) {
      if (nodes.kind[seg] != Splice.ITEM) {
        continue;
      }
      byte[] name = itemName.apply(nodes.item[seg]).clone();
      int id = nodes.newStart[seg];
      if (name.length < NameTrigramsFormat.GRAM) {
        continue;
      }
      NameTrigramsFormat.fold(name, 0, name.length);
      int grams = name.length - NameTrigramsFormat.GRAM + 1;
      int[] seen = new int[grams];
      for (int g = 0; g < grams; g++) {
        seen[g] = NameTrigramsFormat.trigram(name, g);
      }
      Arrays.sort(seen);
      for (int g = 0; g < grams; g++) {
        if (g == 0 || seen[g] != seen[g - 1]) {
          out.computeIfAbsent(seen[g], k -> new RoaringBitmap()).add(id);
        }
      }
    }
    return out;
  }

  /** The builder's form of the set (containers by cardinality, then run-optimised), serialised. */
  private static byte[] serialize(RoaringBitmap bitmap) {
    bitmap.removeRunCompression();
    bitmap.runOptimize();
    ByteBuffer out = ByteBuffer.allocate(bitmap.serializedSizeInBytes()).order(LittleEndian.ORDER);
    bitmap.serialize(out);
    return out.array();
  }
}
