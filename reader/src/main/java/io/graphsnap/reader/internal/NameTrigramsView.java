package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.NameTrigramsFormat;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The NAME_TRIGRAMS section read in place ({@link NameTrigramsFormat} has the grammar and the rule), and the
 * substring search over node names it serves.
 *
 * <p>{@link #open} checks in O(1) that Zero is zero, that the section holds {@code 8 + 4·TrigramCount} bytes of
 * trigrams and a BitmapList of TrigramCount postings after them. A search reads the trigrams it needs by binary
 * search and validates each posting at its first use (values below N; see {@link BitmapListView}); candidates are
 * always compared with the names, so a damaged index can miss a match but never return a wrong one.
 * {@link #verify} checks the whole section in O(name bytes + postings): trigrams strictly increasing and below
 * 2^24, and every posting exactly the nodes whose folded name contains its trigram.
 *
 * <p>Immutable and thread-safe; reads the snapshot's memory and must not outlive it.
 */
public final class NameTrigramsView {
  private final Section section;
  private final MemorySegment bytes;
  private final long count;
  private final BitmapListView postings;

  private NameTrigramsView(Section section, long count, BitmapListView postings) {
    this.section = section;
    this.bytes = section.bytes();
    this.count = count;
    this.postings = postings;
  }

  /**
   * Checks the header and bounds of {@code section} for {@code nodeCount} nodes; O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if Zero, TrigramCount or the length is wrong
   */
  public static NameTrigramsView open(Section section, int nodeCount) {
    long length = section.length();
    if (length < NameTrigramsFormat.TRIGRAMS) {
      throw section.corrupt(0, "section length mismatch: actual=" + length + " vs expected>="
          + NameTrigramsFormat.TRIGRAMS + " (TrigramCount, Zero)");
    }
    int zero = NameTrigramsFormat.storedZero(section.bytes());
    if (zero != 0) {
      throw section.corrupt(NameTrigramsFormat.ZERO, "reserved field is not zero: actual=" + zero + " vs expected=0");
    }
    long count = NameTrigramsFormat.storedCount(section.bytes());
    long postingsAt = NameTrigramsFormat.postingsOffset(count);
    if (count > Integer.MAX_VALUE || postingsAt > length) {
      throw section.corrupt(NameTrigramsFormat.TRIGRAM_COUNT, "trigram count out of range: actual=" + count
          + " vs expected at most " + (length - NameTrigramsFormat.TRIGRAMS) / NameTrigramsFormat.TRIGRAM_BYTES
          + " (the trigrams must fit in the section's " + length + " bytes)");
    }
    Section list = new Section(section.resource(), section.name(), section.bytes().asSlice(postingsAt),
        section.fileOffset() + postingsAt);
    return new NameTrigramsView(section, count, BitmapListView.open(list, (int) count, "TrigramCount", nodeCount));
  }

  /** The number of distinct trigrams. */
  public long trigramCount() {
    return count;
  }

  /** Folds {@code text}'s UTF-8 bytes as the index does (ASCII case only). */
  public static byte[] fold(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    NameTrigramsFormat.fold(utf8, 0, utf8.length);
    return utf8;
  }

  /**
   * The nodes whose folded name contains {@code folded} (at least {@link NameTrigramsFormat#GRAM} bytes):
   * intersects the postings of its distinct trigrams, smallest first, then compares each candidate's name unless
   * the text is one trigram. O(trigrams · log TrigramCount + postings read + candidates · name length).
   */
  public RoaringBitmap search(byte[] folded, SortedStrings names) {
    int grams = folded.length - NameTrigramsFormat.GRAM + 1;
    int[] trigrams = new int[grams];
    for (int i = 0; i < grams; i++) {
      trigrams[i] = NameTrigramsFormat.trigram(folded, i);
    }
    ImmutableRoaringBitmap[] lists = new ImmutableRoaringBitmap[grams];
    int distinct = 0;
    Arrays.sort(trigrams);
    for (int i = 0; i < grams; i++) {
      if (i > 0 && trigrams[i] == trigrams[i - 1]) {
        continue;
      }
      long at = NameTrigramsFormat.find(bytes, count, trigrams[i]);
      if (at < 0) {
        return new RoaringBitmap();
      }
      lists[distinct++] = postings.get((int) at);
    }
    ImmutableRoaringBitmap[] used = Arrays.copyOf(lists, distinct);
    Arrays.sort(used, (a, b) -> Long.compare(a.getLongCardinality(), b.getLongCardinality()));
    if (used.length == 1 && folded.length == NameTrigramsFormat.GRAM) {
      return used[0].toRoaringBitmap();
    }
    // intersect in place over the mapped postings: only the (small) intersections are copied to the heap
    MutableRoaringBitmap candidates = used.length == 1 ? used[0].toMutableRoaringBitmap()
        : ImmutableRoaringBitmap.and(used[0], used[1]);
    for (int i = 2; i < used.length && !candidates.isEmpty(); i++) {
      candidates.and(used[i]);
    }
    if (folded.length == NameTrigramsFormat.GRAM) {
      return candidates.toRoaringBitmap();
    }
    RoaringBitmap result = new RoaringBitmap();
    byte[] scratch = new byte[64];
    ScanState state = new ScanState(names);
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int id = it.next();
      scratch = state.foldedName(names, id, scratch);
      if (contains(scratch, state.length, folded)) {
        result.add(id);
      }
    }
    return result;
  }

  /** Scans every name: the search without an index, or for text shorter than a trigram. O(name bytes). */
  public static RoaringBitmap scan(byte[] folded, SortedStrings names) {
    RoaringBitmap result = new RoaringBitmap();
    byte[] scratch = new byte[64];
    ScanState state = new ScanState(names);
    for (int id = 0; id < names.count(); id++) {
      scratch = state.foldedName(names, id, scratch);
      if (contains(scratch, state.length, folded)) {
        result.add(id);
      }
    }
    return result;
  }

  /**
   * Checks the whole section against {@code names}: trigrams strictly increasing, each below 2^24, and each
   * posting equal to the nodes whose folded name contains it (and no trigram of a name missing). O(name bytes +
   * postings).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException at the first difference
   */
  public void verify(SortedStrings names) {
    Map<Integer, RoaringBitmap> expected = new HashMap<>();
    ScanState state = new ScanState(names);
    byte[] scratch = new byte[64];
    for (int id = 0; id < names.count(); id++) {
      scratch = state.foldedName(names, id, scratch);
      for (int i = 0; i + NameTrigramsFormat.GRAM <= state.length; i++) {
        expected.computeIfAbsent(NameTrigramsFormat.trigram(scratch, i), t -> new RoaringBitmap()).add(id);
      }
    }
    if (expected.size() != count) {
      throw section.corrupt(NameTrigramsFormat.TRIGRAM_COUNT, "trigram count mismatch: actual=" + count
          + " vs expected=" + expected.size() + " (distinct trigrams of the names)");
    }
    int previous = -1;
    for (long i = 0; i < count; i++) {
      int t = NameTrigramsFormat.trigramAt(bytes, i);
      long offset = NameTrigramsFormat.TRIGRAMS + NameTrigramsFormat.TRIGRAM_BYTES * i;
      if (t <= previous || t >= NameTrigramsFormat.TRIGRAM_LIMIT) {
        throw section.corrupt(offset, "trigram " + i + " out of order or range: actual=" + t + " vs expected in ("
            + previous + ", " + NameTrigramsFormat.TRIGRAM_LIMIT + ")");
      }
      RoaringBitmap want = expected.get(t);
      if (want == null || !postings.get((int) i).toRoaringBitmap().equals(want)) {
        throw section.corrupt(offset, "posting of trigram " + i + " (" + t + ") is not the nodes whose name contains it: "
            + "actual=" + postings.get((int) i).getLongCardinality() + " nodes vs expected="
            + (want == null ? 0 : want.getLongCardinality()));
      }
      previous = t;
    }
  }

  /** A name copied out of the mapped list, folded. Not thread-safe; one per loop. */
  private static final class ScanState {
    private final NameCursor cursor;
    int length;

    ScanState(SortedStrings names) {
      this.cursor = names.cursor();
    }

    /** Name {@code id} folded into {@code scratch} (or a bigger array, returned); the cursor's buffer stays intact. */
    byte[] foldedName(SortedStrings names, int id, byte[] scratch) {
      byte[] name = cursor.copy(id);
      int n = cursor.length();
      byte[] out = scratch.length >= n ? scratch : new byte[Math.max(n, 2 * scratch.length)];
      System.arraycopy(name, 0, out, 0, n);
      NameTrigramsFormat.fold(out, 0, n);
      length = n;
      return out;
    }
  }

  private static boolean contains(byte[] name, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (name[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
