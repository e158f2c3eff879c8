package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.NameTrigramsFormat;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Builds the NAME_TRIGRAMS section ({@link NameTrigramsFormat}) from the node names in id order: used once, by the
 * full build and by the incremental build alike, so that both give the same bytes. O(name bytes) time; memory one
 * bitmap per distinct trigram (about 2 bytes per posting). Mutable, single-threaded.
 */
public final class NameTrigramsBuilder {
  private int[] keys = new int[1 << 12];
  private RoaringBitmap[] postings = new RoaringBitmap[1 << 12];
  private int size;
  private int nextId;
  private byte[] folded = new byte[256];
  private int[] seen = new int[256];

  public NameTrigramsBuilder() {
    Arrays.fill(keys, -1);
  }

  /** Adds the next node's name, {@code utf8[offset, offset + length)}. */
  public void add(byte[] utf8, int offset, int length) {
    int id = nextId++;
    if (length < NameTrigramsFormat.GRAM) {
      return;
    }
    if (folded.length < length) {
      folded = new byte[Math.max(length, 2 * folded.length)];
      seen = new int[folded.length];
    }
    System.arraycopy(utf8, offset, folded, 0, length);
    NameTrigramsFormat.fold(folded, 0, length);
    int grams = length - NameTrigramsFormat.GRAM + 1;
    for (int i = 0; i < grams; i++) {
      seen[i] = NameTrigramsFormat.trigram(folded, i);
    }
    Arrays.sort(seen, 0, grams);
    for (int i = 0; i < grams; i++) {
      if (i == 0 || seen[i] != seen[i - 1]) {
        posting(seen[i]).add(id);
      }
    }
  }

  /** Adds the next node's name. */
  public void add(byte[] utf8) {
    add(utf8, 0, utf8.length);
  }

  /** Adds the names {@code [from, to)} of a mapped StringList of {@code count} names, as the next nodes. */
  public void addNames(MemorySegment list, int count, int from, int to) {
    long dataAt = StringListFormat.dataOffset(count);
    byte[] name = new byte[256];
    for (int i = from; i < to; i++) {
      long start = StringListFormat.end(list, i);
      int n = Math.toIntExact(StringListFormat.end(list, i + 1) - start);
      if (name.length < n) {
        name = new byte[Math.max(n, 2 * name.length)];
      }
      MemorySegment.copy(list, ValueLayout.JAVA_BYTE, dataAt + start, name, 0, n);
      add(name, 0, n);
    }
  }

  /** Writes the section: trigrams in increasing order, each posting run-optimised. */
  public void writeTo(SectionSink out) throws IOException {
    int[] sorted = new int[size];
    for (int slot = 0, k = 0; slot < keys.length; slot++) {
      if (keys[slot] >= 0) {
        sorted[k++] = keys[slot];
      }
    }
    Arrays.sort(sorted);
    RoaringBitmap[] bitmaps = new RoaringBitmap[size];
    for (int i = 0; i < size; i++) {
      bitmaps[i] = postings[slotOf(sorted[i])];
      bitmaps[i].runOptimize();
    }
    keys = null;
    postings = null;
    NameTrigramsFormat.write(out, sorted, size, i -> bitmaps[i].serializedSizeInBytes(), (i, o) -> {
      ByteBuffer bytes = ByteBuffer.allocate(bitmaps[i].serializedSizeInBytes()).order(LittleEndian.ORDER);
      bitmaps[i].serialize(bytes);
      bitmaps[i] = null;
      o.put(bytes.array());
    });
  }

  private RoaringBitmap posting(int trigram) {
    int slot = slotOf(trigram);
    if (keys[slot] < 0) {
      if (2 * (size + 1) > keys.length) {
        grow();
        slot = slotOf(trigram);
      }
      keys[slot] = trigram;
      postings[slot] = new RoaringBitmap();
      size++;
    }
    return postings[slot];
  }

  /** The slot holding {@code trigram}, or the empty slot where it goes (linear probing). */
  private int slotOf(int trigram) {
    int mask = keys.length - 1;
    int slot = (trigram * 0x9E3779B1 >>> 7) & mask;
    while (keys[slot] >= 0 && keys[slot] != trigram) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    RoaringBitmap[] oldPostings = postings;
    keys = new int[oldKeys.length * 2];
    postings = new RoaringBitmap[oldKeys.length * 2];
    Arrays.fill(keys, -1);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] >= 0) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        postings[slot] = oldPostings[i];
      }
    }
  }
}
