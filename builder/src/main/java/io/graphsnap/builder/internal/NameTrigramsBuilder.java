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
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * Builds the NAME_TRIGRAMS section ({@link NameTrigramsFormat}) from the node names in id order: used once, by the
 * full build and by the incremental build alike, so that both give the same bytes. O(name bytes) time. Ids arrive
 * in increasing order, so each trigram's posting is appended through a {@link RoaringBitmapWriter}: one container
 * (ids sharing their high 16 bits) is open per trigram, and each is run-optimised when the ids move past it, as the
 * section holds it; a name's repeated trigram is recognised by the slot's last id, without sorting the name's
 * trigrams. Memory: the postings about as the section stores them (about 5 times that when every container stayed a
 * growable array until the end: some 3 GB at 117 M names), one open container and about 60 bytes per distinct
 * trigram. Mutable, single-threaded.
 */
public final class NameTrigramsBuilder {
  private int[] keys = new int[1 << 12];
  private RoaringBitmapWriter<RoaringBitmap>[] postings = newWriters(1 << 12);
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

  @SuppressWarnings("unchecked")
  private static RoaringBitmapWriter<RoaringBitmap>[] newWriters(int length) {
    return (RoaringBitmapWriter<RoaringBitmap>[]) new RoaringBitmapWriter<?>[length];
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
      postings[slot].add(id);
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
      RoaringBitmapWriter<RoaringBitmap> writer = postings[slotOf(sorted[i])];
      writer.flush();
      bitmaps[i] = writer.getUnderlying();
      bitmaps[i].runOptimize(); // the last container's; the others were as they were closed
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
      postings[slot] = RoaringBitmapWriter.writer().runCompress(true).get();
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
    RoaringBitmapWriter<RoaringBitmap>[] oldPostings = postings;
    int[] oldLastId = lastId;
    keys = filled(oldKeys.length * 2);
    postings = newWriters(keys.length);
    lastId = filled(keys.length);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] >= 0) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        postings[slot] = oldPostings[i];
        lastId[slot] = oldLastId[i];
      }
    }
  }
}
