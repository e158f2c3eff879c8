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
 * bitmap per distinct trigram (about 2 bytes per posting) and, per slot of its hash table (two per trigram), a buffer
 * of {@value #PENDING} ids (about 270 bytes per distinct trigram: some 70 MB for the 262,144 trigrams of a
 * 64-character alphabet). Ids arrive in increasing order, so each trigram's ids are buffered and handed to its bitmap
 * {@value #PENDING} at a time ({@link RoaringBitmap#addN}: one container look-up per batch instead of one per id), and
 * a name's repeated trigram is recognised by the slot's last id, without sorting the name's trigrams: 1.4× less CPU
 * than one {@code add} per id after a sort (measured side by side on the medium graph's names). Mutable,
 * single-threaded.
 */
public final class NameTrigramsBuilder {
  /** Ids buffered per trigram before they go into its bitmap. */
  private static final int PENDING = 32;
  private int[] keys = new int[1 << 12];
  private RoaringBitmap[] postings = new RoaringBitmap[1 << 12];
  /** Per slot: the ids not yet in its bitmap, {@code pendingCount[slot]} of them from {@code slot · PENDING}. */
  private int[] pending = new int[(1 << 12) * PENDING];
  private int[] pendingCount = new int[1 << 12];
  /** Per slot: the last id added (a name's repeated trigram is added once), -1 for none. */
  private int[] lastId = filled(1 << 12);
  private int size;
  private int nextId;
  private byte[] folded = new byte[256];

  public NameTrigramsBuilder() {
    Arrays.fill(keys, -1);
  }

  private static int[] filled(int length) {
    int[] a = new int[length];
    Arrays.fill(a, -1);
    return a;
  }

  /** Adds the next node's name, {@code utf8[offset, offset + length)}. */
  public void add(byte[] utf8, int offset, int length) {
    int id = nextId++;
    if (length < NameTrigramsFormat.GRAM) {
      return;
    }
    if (folded.length < length) {
      folded = new byte[Math.max(length, 2 * folded.length)];
    }
    System.arraycopy(utf8, offset, folded, 0, length);
    NameTrigramsFormat.fold(folded, 0, length);
    int grams = length - NameTrigramsFormat.GRAM + 1;
    for (int i = 0; i < grams; i++) {
      int slot = slot(NameTrigramsFormat.trigram(folded, i));
      if (lastId[slot] == id) {
        continue; // the name's trigram seen before
      }
      lastId[slot] = id;
      int count = pendingCount[slot];
      pending[slot * PENDING + count] = id;
      if (count + 1 == PENDING) {
        postings[slot].addN(pending, slot * PENDING, PENDING);
        pendingCount[slot] = 0;
      } else {
        pendingCount[slot] = count + 1;
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
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] >= 0 && pendingCount[slot] > 0) {
        postings[slot].addN(pending, slot * PENDING, pendingCount[slot]);
      }
    }
    pending = null;
    pendingCount = null;
    lastId = null;
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

  /** The slot of {@code trigram}, with a new empty posting if it is new. */
  private int slot(int trigram) {
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
    return slot;
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
    int[] oldPending = pending;
    int[] oldPendingCount = pendingCount;
    int[] oldLastId = lastId;
    keys = filled(oldKeys.length * 2);
    postings = new RoaringBitmap[keys.length];
    pending = new int[keys.length * PENDING];
    pendingCount = new int[keys.length];
    lastId = filled(keys.length);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] >= 0) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        postings[slot] = oldPostings[i];
        System.arraycopy(oldPending, i * PENDING, pending, slot * PENDING, oldPendingCount[i]);
        pendingCount[slot] = oldPendingCount[i];
        lastId[slot] = oldLastId[i];
      }
    }
  }
}
