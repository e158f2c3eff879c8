package io.graphsnap.reader.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A BitmapList section: {@code Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Data}, each item a
 * RoaringBitmap in its portable serialisation, served as an {@link ImmutableRoaringBitmap} over the mapped
 * bytes (no copy). The first use of each bitmap validates it completely (keys, containers, cardinalities,
 * serialised size equal to the item's length, every value below the node count), O(bitmap bytes), and
 * caches the view; later uses are O(1). A zero-length item is an empty bitmap. Thread-safe: two threads may
 * validate the same bitmap at once and both get an equal view.
 */
public final class BitmapListView {
  private static final ImmutableRoaringBitmap EMPTY = new MutableRoaringBitmap();

  private final EndsList list;
  private final int nodeCount;
  private final AtomicReferenceArray<ImmutableRoaringBitmap> validated;

  private BitmapListView(EndsList list, int nodeCount) {
    this.list = list;
    this.nodeCount = nodeCount;
    this.validated = new AtomicReferenceArray<>(list.count());
  }

  /**
   * Opens the BitmapList in {@code section}, which must hold {@code expectedCount} bitmaps of values in
   * [0, nodeCount). O(1).
   */
  public static BitmapListView open(Section section, int expectedCount, String countName, int nodeCount) {
    EndsList list = EndsList.open(section);
    if (list.count() != expectedCount) {
      throw section.corrupt(0, "bitmap count mismatch: actual=" + list.count() + " vs expected=" + expectedCount
          + " (" + countName + ")");
    }
    return new BitmapListView(list, nodeCount);
  }

  /** The number of bitmaps. */
  public int count() {
    return list.count();
  }

  /** An empty, immutable bitmap. */
  public static ImmutableRoaringBitmap empty() {
    return EMPTY;
  }

  /** Bitmap {@code i} (in [0, count)), validated at its first use. */
  public ImmutableRoaringBitmap get(int i) {
    ImmutableRoaringBitmap bitmap = validated.get(i);
    if (bitmap == null) {
      bitmap = load(i);
      validated.set(i, bitmap);
    }
    return bitmap;
  }

  private ImmutableRoaringBitmap load(int i) {
    long offset = list.itemOffset(i);
    long length = list.itemLength(i);
    Section section = list.section();
    if (length == 0) {
      return EMPTY;
    }
    if (length > Integer.MAX_VALUE) {
      throw section.corrupt(offset, "bitmap " + i + " is " + length + " bytes, more than a ByteBuffer holds");
    }
    MemorySegment slice = list.bytes().asSlice(offset, length);
    ImmutableRoaringBitmap bitmap;
    String problem;
    try {
      bitmap = new ImmutableRoaringBitmap(slice.asByteBuffer());
      int size = bitmap.serializedSizeInBytes();
      if (size != length) {
        problem = "serialised size mismatch: actual=" + size + " vs expected=" + length;
      } else if (!bitmap.validate()) {
        problem = "invalid RoaringBitmap containers";
      } else if (!bitmap.isEmpty() && Integer.compareUnsigned(bitmap.last(), nodeCount) >= 0) {
        problem = "node id out of range: actual=" + Integer.toUnsignedString(bitmap.last()) + " vs expected<"
            + nodeCount;
      } else {
        return bitmap;
      }
    } catch (IllegalStateException e) {
      if (!slice.scope().isAlive()) {
        throw e; // the snapshot was closed: the caller translates
      }
      problem = "invalid RoaringBitmap serialisation: " + e;
    } catch (RuntimeException e) {
      problem = "invalid RoaringBitmap serialisation: " + e;
    }
    throw section.corrupt(offset, "bitmap " + i + ": " + problem);
  }
}
