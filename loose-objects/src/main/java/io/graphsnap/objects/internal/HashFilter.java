package io.graphsnap.objects.internal;

/**
 * A blocked Bloom filter over 64-bit hashes: 16 bits a hash (one 64-bit word per four hashes, four bits set in one word
 * per hash), so that asking about a key a set does not hold costs one word read instead of a search. About 0.5 %
 * false positives; never a false negative for a hash it was built with. Used for one pack's object ids (the hash is
 * bytes 8–15 of the id itself: ids are SHA-256 digests, uniform in every bit, and byte 0 already picks the fan-out
 * bucket; built on the heap when the pack is opened) and for the paths of one file-entry run (the hash is XXH64 of
 * the path, written into the run: {@link SymbolRunFormat}).
 *
 * <p>The words are the filter: {@link #words()} and {@link #ofWords} round-trip it, and the bit positions a hash
 * takes are part of the run format. Immutable once built; thread-safe for reads. O(1) per {@link #mightContain}.
 */
final class HashFilter {
  private final long[] words;

  /** A filter sized for {@code count} hashes, empty until {@link #add} is called for each. */
  HashFilter(long count) {
    this(new long[(int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, (count + 3) / 4))]);
  }

  private HashFilter(long[] words) {
    this.words = words;
  }

  /** The filter whose words are {@code words} (at least one; not copied: the caller hands them over). */
  static HashFilter ofWords(long[] words) {
    if (words.length == 0) {
      throw new IllegalArgumentException("a filter has at least one word");
    }
    return new HashFilter(words);
  }

  /** Adds {@code hash}. */
  void add(long hash) {
    int w = word(hash);
    words[w] |= mask(hash);
  }

  /** False if {@code hash} was not added; true if it may have been. */
  boolean mightContain(long hash) {
    long m = mask(hash);
    return (words[word(hash)] & m) == m;
  }

  /** The filter's words (not a copy: do not change them). */
  long[] words() {
    return words;
  }

  private int word(long hash) {
    return (int) (((hash >>> 32) * words.length) >>> 32);
  }

  /** Four bit positions from the hash's low 24 bits (six bits each). */
  private static long mask(long hash) {
    return 1L << (hash & 63) | 1L << ((hash >>> 6) & 63) | 1L << ((hash >>> 12) & 63) | 1L << ((hash >>> 18) & 63);
  }
}
