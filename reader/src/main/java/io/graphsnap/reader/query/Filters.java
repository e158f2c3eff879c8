package io.graphsnap.reader.query;

import java.util.function.IntPredicate;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmapWriter;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Per-candidate tests over a bitmap, read in batches and written in order. Stateless. */
final class Filters {
  private static final int BATCH = 256;

  private Filters() {}

  /** The candidates that {@code keep} accepts, as a new bitmap. O(candidates) tests. */
  static MutableRoaringBitmap keep(ImmutableRoaringBitmap candidates, IntPredicate keep) {
    RoaringBitmapWriter<MutableRoaringBitmap> out = RoaringBitmapWriter.bufferWriter().get();
    int[] batch = new int[BATCH];
    for (BatchIterator it = candidates.getBatchIterator(); it.hasNext(); ) {
      int n = it.nextBatch(batch);
      for (int i = 0; i < n; i++) {
        int v = batch[i];
        if (keep.test(v)) {
          out.add(v);
        }
      }
    }
    return out.get();
  }

  /** Every node id in [0, n) as a bitmap (one run per 64 Ki ids). */
  static MutableRoaringBitmap all(int n) {
    MutableRoaringBitmap all = new MutableRoaringBitmap();
    all.add(0L, (long) n);
    return all;
  }
}
