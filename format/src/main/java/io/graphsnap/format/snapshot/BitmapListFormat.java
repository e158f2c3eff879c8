package io.graphsnap.format.snapshot;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The bitmap lists {@link SectionId#KIND_BITMAPS} (K bitmaps: the node ids of each kind id) and
 * {@link SectionId#EFFECT_BITMAPS} (X bitmaps: the node ids with each effect id). The grammar:
 *
 * <pre>
 * BitmapList --&gt; StringList of Count items (see {@link StringListFormat}): Count UInt32, Zero UInt32,
 *                 Ends UInt64^(Count+1), Data; item i = Data[Ends[i], Ends[i+1]) is one RoaringBitmap in its
 *                 portable serialisation (run-optimised by the builder); an empty item is an empty bitmap
 * </pre>
 *
 * <p>Where the bitmaps themselves are made: this module does not depend on RoaringBitmap. Its job is the byte
 * grammar, and the bytes inside an item are RoaringBitmap's own portable format, specified and versioned by
 * that library. So the builder serialises its {@code RoaringBitmap}s to byte arrays and hands them to
 * {@link #write}, and the reader wraps {@link #item} slices as {@code ImmutableRoaringBitmap}s over the mapped
 * bytes (validating each at first use); {@code format} stays a dependency that the loose-object store and any
 * other tool can take without pulling in a bitmap library. Stateless and thread-safe.
 */
public final class BitmapListFormat {
  private BitmapListFormat() {}

  /** Writes {@code serialised} bitmaps, in order, as a BitmapList. */
  public static void write(SectionSink out, byte[][] serialised) throws IOException {
    StringListFormat.write(out, serialised);
  }

  /** Bitmap {@code i}'s serialised bytes (a slice of {@code list}); unchecked, see {@link StringListFormat}. */
  public static MemorySegment item(MemorySegment list, int i) {
    return StringListFormat.item(list, StringListFormat.count(list), i);
  }
}
