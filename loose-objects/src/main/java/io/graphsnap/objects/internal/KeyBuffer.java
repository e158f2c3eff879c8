package io.graphsnap.objects.internal;

import java.util.Arrays;

/**
 * The writes of an open transaction to a {@link SymbolRuns}, as flat arrays rather than an object per write: each key's
 * bytes are copied into pages (the first of {@value #FIRST_PAGE_BYTES} bytes, each new one twice the last, up to
 * {@value #PAGE_BYTES}, so that a small transaction holds little), and an entry is its page, offset, length and op.
 * Not API.
 *
 * <p>Why flat: a bulk ingest buffers half a million keys between spills, each alive for seconds, so as objects (a
 * record and an array each) every one was copied by the young collector and promoted, about a fifth of an ingest's
 * CPU. Pages and entry arrays are kept by {@link #clear()} and refilled, so a buffer that has been filled once
 * allocates nothing more for keys of the same total size.
 *
 * <p>{@link #sortUnique()} orders the entries by key (unsigned bytes) with the last write of each key only, by
 * {@link KeySort}: O(n · log n + distinguishing prefixes); until the next {@link #add} the sorted entries are read by
 * rank. Mutable, not thread-safe: {@link SymbolRuns} hands a full buffer to its spill thread and fills another.
 */
final class KeyBuffer {
  /** The largest page; a key longer than this gets a page of its own. */
  static final int PAGE_BYTES = 1 << 20;
  /** The first page's size. */
  static final int FIRST_PAGE_BYTES = 4096;

  private byte[][] pages = new byte[4][];
  /** Pages filled so far (the last one partly); pages beyond it are kept for reuse. */
  private int pageCount;
  /** Bytes used in page {@code pageCount - 1}. */
  private int pageFill;
  /** The size of the next page made. */
  private int nextPageBytes = FIRST_PAGE_BYTES;
  private int[] entryPage = new int[64];
  private int[] entryOffset = new int[64];
  private int[] entryLength = new int[64];
  private byte[] entryOp = new byte[64];
  private int size;
  /** The unique entries in key order after {@link #sortUnique()}; null once an add came after it. */
  private int[] sorted;
  private int sortedCount;

  /** Appends {@code key} (copied) with {@code op}. Amortised O(key length). */
  void add(byte[] key, byte op) {
    if (size == entryPage.length) {
      int capacity = Math.max(size + 1, size + (size >> 1));
      entryPage = Arrays.copyOf(entryPage, capacity);
      entryOffset = Arrays.copyOf(entryOffset, capacity);
      entryLength = Arrays.copyOf(entryLength, capacity);
      entryOp = Arrays.copyOf(entryOp, capacity);
    }
    byte[] page = room(key.length);
    System.arraycopy(key, 0, page, pageFill, key.length);
    entryPage[size] = pageCount - 1;
    entryOffset[size] = pageFill;
    entryLength[size] = key.length;
    entryOp[size] = op;
    pageFill += key.length;
    size++;
    sorted = null;
  }

  /** The page the next {@code length} bytes go to at {@link #pageFill}, starting a new one if needed. */
  private byte[] room(int length) {
    if (pageCount > 0 && pages[pageCount - 1].length - pageFill >= length) {
      return pages[pageCount - 1];
    }
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    byte[] page = pages[pageCount];
    if (page == null || page.length < length) {
      page = new byte[Math.max(nextPageBytes, length)];
      nextPageBytes = Math.min(PAGE_BYTES, nextPageBytes * 2);
      pages[pageCount] = page; // a kept page too short for this key is replaced
    }
    pageCount++;
    pageFill = 0;
    return page;
  }

  /** The number of writes since the last {@link #clear()}, repeats of a key included. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Forgets every write, keeping the arrays for the next ones. O(1). */
  void clear() {
    size = 0;
    pageCount = 0;
    pageFill = 0;
    sorted = null;
    sortedCount = 0;
  }

  /**
   * Orders the writes by key, keeping only the last write of each key, for {@link #sortedCount()}, {@link #key} and
   * {@link #op}; nothing to do if no write came since the last call.
   */
  void sortUnique() {
    if (sorted != null) {
      return;
    }
    int[] order = KeySort.sort(this); // stable: equal keys in write order
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (i + 1 < size && equalKeys(order[i], order[i + 1])) {
        continue; // a later write of the same key wins
      }
      order[count++] = order[i];
    }
    sorted = order;
    sortedCount = count;
  }

  /** The number of distinct keys; after {@link #sortUnique()}. */
  int sortedCount() {
    checkSorted();
    return sortedCount;
  }

  /** A copy of the key of rank {@code rank} among the distinct keys; after {@link #sortUnique()}. */
  byte[] key(int rank) {
    checkSorted();
    int entry = sorted[rank];
    int offset = entryOffset[entry];
    return Arrays.copyOfRange(pages[entryPage[entry]], offset, offset + entryLength[entry]);
  }

  /** The op of the last write of the key of rank {@code rank}; after {@link #sortUnique()}. */
  byte op(int rank) {
    checkSorted();
    return entryOp[sorted[rank]];
  }

  /** Compares the key of rank {@code rank} with {@code other} as unsigned bytes; after {@link #sortUnique()}. */
  int compare(int rank, byte[] other) {
    checkSorted();
    int entry = sorted[rank];
    int offset = entryOffset[entry];
    return Arrays.compareUnsigned(pages[entryPage[entry]], offset, offset + entryLength[entry], other, 0,
        other.length);
  }

  /** The first rank whose key is not below {@code key}; after {@link #sortUnique()}. O(log n · key length). */
  int lowerRank(byte[] key) {
    int lo = 0;
    int hi = sortedCount();
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

  /** A merge source over the distinct keys in order (each key a new array); sorts first if needed. */
  SymbolMerge.Source source() {
    sortUnique();
    return new SymbolMerge.Source() {
      int rank = -1;

      @Override
      public boolean next() {
        return ++rank < sortedCount;
      }

      @Override
      public byte[] key() {
        return KeyBuffer.this.key(rank);
      }

      @Override
      public byte op() {
        return KeyBuffer.this.op(rank);
      }
    };
  }

  private void checkSorted() {
    if (sorted == null) {
      throw new IllegalStateException("the buffer changed since it was sorted");
    }
  }

  private boolean equalKeys(int a, int b) {
    return Arrays.equals(pages[entryPage[a]], entryOffset[a], entryOffset[a] + entryLength[a],
        pages[entryPage[b]], entryOffset[b], entryOffset[b] + entryLength[b]);
  }

  // ---------------------------------------------------------------- for KeySort

  /** The page holding entry {@code entry}'s key. */
  byte[] pageOf(int entry) {
    return pages[entryPage[entry]];
  }

  /** Where entry {@code entry}'s key starts in its page. */
  int offsetOf(int entry) {
    return entryOffset[entry];
  }

  /** The length of entry {@code entry}'s key. */
  int lengthOf(int entry) {
    return entryLength[entry];
  }
}
