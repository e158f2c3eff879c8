package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The search index over node names ({@link SectionId#NAME_TRIGRAMS}, since format version
 * {@link SnapshotFormat#VERSION_NAME_TRIGRAMS}): for every trigram (three consecutive bytes) of the case-folded
 * names, the bitmap of the nodes whose name contains it, so that a substring search intersects a few bitmaps and
 * checks only the candidates instead of reading every name. The grammar:
 *
 * <pre>
 * NameTrigrams --&gt; TrigramCount UInt32, Zero UInt32, Trigrams UInt32^TrigramCount, Postings
 * Postings     --&gt; BitmapList of TrigramCount items ({@link BitmapListFormat}), at offset 8 + 4·TrigramCount
 * </pre>
 *
 * The rule, exact so that any writer gives the same bytes:
 * <ul>
 *   <li>A name is {@link #fold folded}: its UTF-8 bytes with ASCII {@code A}–{@code Z} mapped to {@code a}–{@code z};
 *       every other byte (so every byte of a multi-byte character) is kept. Searches ignore ASCII case only.
 *   <li>Each window of three bytes {@code b0 b1 b2} of a folded name is the trigram
 *       {@link #trigram(byte[], int) (b0 &lt;&lt; 16) | (b1 &lt;&lt; 8) | b2}, in [0, 2^24). A name shorter than three
 *       bytes has none.
 *   <li>Trigrams lists every trigram of any name once, in increasing order; Postings[i] holds exactly the ids
 *       of the nodes whose folded name contains Trigrams[i], as a run-optimised RoaringBitmap in its portable
 *       serialisation (no empty bitmap). The section depends only on the names in id order, so full and
 *       incremental builds give identical bytes.
 * </ul>
 *
 * <p>A search for folded text of at least three bytes: the nodes in the intersection of the postings of the
 * text's trigrams are the candidates, a superset of the answer, and each candidate's name is then compared. An
 * absent trigram means no match. The section is optional: a file without it is searched by reading every name.
 * Alignment: none needed (unaligned little-endian reads). Stateless and thread-safe.
 */
public final class NameTrigramsFormat {
  /** Offset of TrigramCount. */
  public static final int TRIGRAM_COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Offset of Trigrams. */
  public static final int TRIGRAMS = 8;
  /** Bytes of one trigram. */
  public static final int TRIGRAM_BYTES = 4;
  /** Bytes of a trigram; also the shortest text the index can answer. */
  public static final int GRAM = 3;
  /** Trigrams are below this value (three bytes). */
  public static final int TRIGRAM_LIMIT = 1 << 24;

  private NameTrigramsFormat() {}

  /** {@code b} case-folded: ASCII upper-case letters to lower case, every other byte unchanged. */
  public static byte fold(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  /** Folds {@code utf8[from, to)} in place. */
  public static void fold(byte[] utf8, int from, int to) {
    for (int i = from; i < to; i++) {
      utf8[i] = fold(utf8[i]);
    }
  }

  /** The trigram of the folded bytes {@code folded[at, at + 3)}. */
  public static int trigram(byte[] folded, int at) {
    return (folded[at] & 0xFF) << 16 | (folded[at + 1] & 0xFF) << 8 | (folded[at + 2] & 0xFF);
  }

  /** Offset of Postings for {@code trigramCount} trigrams. */
  public static long postingsOffset(long trigramCount) {
    return TRIGRAMS + TRIGRAM_BYTES * trigramCount;
  }

  /** TrigramCount as stored, unsigned; unchecked. */
  public static long storedCount(MemorySegment section) {
    return Integer.toUnsignedLong(section.get(INT, TRIGRAM_COUNT));
  }

  /** The reserved field as stored (zero in a sound section). */
  public static int storedZero(MemorySegment section) {
    return section.get(INT, ZERO);
  }

  /** Trigrams[i]; unchecked. */
  public static int trigramAt(MemorySegment section, long i) {
    return section.get(INT, TRIGRAMS + TRIGRAM_BYTES * i);
  }

  /**
   * The index of {@code trigram} in Trigrams[0, count), or -1: a binary search (O(log count)) that assumes the
   * order; on a damaged section it may miss, never read out of bounds (the caller checked 8 + 4·count bytes).
   */
  public static long find(MemorySegment section, long count, int trigram) {
    long lo = 0;
    long hi = count - 1;
    while (lo <= hi) {
      long mid = (lo + hi) >>> 1;
      int t = trigramAt(section, mid);
      if (t < trigram) {
        lo = mid + 1;
      } else if (t > trigram) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The Postings BitmapList (a slice from {@link #postingsOffset} to the end); unchecked. */
  public static MemorySegment postings(MemorySegment section, long count) {
    return section.asSlice(postingsOffset(count));
  }

  /**
   * Writes the section: {@code trigrams[0, count)} (increasing) and their serialised postings, in the same order.
   */
  public static void write(SectionSink out, int[] trigrams, byte[][] postings) throws IOException {
    if (trigrams.length != postings.length) {
      throw new IllegalArgumentException("trigrams=" + trigrams.length + " vs postings=" + postings.length);
    }
    write(out, trigrams, trigrams.length, i -> postings[i].length, (i, o) -> o.put(postings[i]));
  }

  /**
   * Writes the section in one pass: {@code trigrams[0, count)} (increasing), then the postings list, whose item
   * {@code i} is {@code postingBytes(i)} bytes long and written by {@code posting}.
   */
  public static void write(SectionSink out, int[] trigrams, int count, java.util.function.IntToLongFunction postingBytes,
      StringListFormat.ItemWriter posting) throws IOException {
    out.putInt(count);
    out.putInt(0);
    out.putInts(trigrams, count);
    StringListFormat.write(out, count, postingBytes, posting);
  }
}
