package io.graphsnap.reader.analysis;

import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.reader.CsrView;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits the node range [0, N) into chunks of similar work (nodes plus edges of one CSR) and runs a body over
 * them, in parallel when there is more than one. The number of chunks depends only on N and E, never on the
 * number of threads, so that per-chunk partial sums combined in chunk order give bit-identical results on
 * every machine.
 *
 * <p>Parallel steps run as a parallel stream: in the common {@link java.util.concurrent.ForkJoinPool} plus
 * the calling thread, or in the pool of the task that calls them (to limit the threads, call an analysis from
 * inside {@code new ForkJoinPool(k).submit(...)}).
 */
final class Chunks {
  /** Nodes plus edges below which one chunk does all the work. */
  static final long MIN_CHUNK_WORK = 1L << 15;
  /** The most chunks a split makes. */
  static final int MAX_CHUNKS = 4096;

  private Chunks() {}

  /**
   * Chunk boundaries {@code b[0] = 0 < b[1] < ... < b[K] = N} balancing {@code v + Offsets[v]} of
   * {@code csr}; every inner boundary is a multiple of {@code align} (a power of two; 64 lets chunks own whole
   * words of a bitset). O(K log N) reads of the offsets (of a compact direction, row starts found through its row
   * index); robust to damaged offsets (boundaries stay ordered).
   */
  static int[] balanced(CsrView csr, int align) {
    int n = csr.nodeCount();
    long work = n + csr.edgeCount();
    int k = (int) Math.max(1, Math.min(MAX_CHUNKS, work / MIN_CHUNK_WORK));
    k = Math.min(k, Math.max(1, n / align));
    int[] bounds = new int[k + 1];
    int count = 0;
    for (int i = 1; i < k; i++) {
      long target = work * i / k;
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (mid + (csr.isCompact() ? csr.start(mid) : CsrFormat.offset(csr.offsets(), mid)) < target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int b = lo & -align;
      if (b > bounds[count] && b < n) {
        bounds[++count] = b;
      }
    }
    bounds[++count] = n;
    return count + 1 == bounds.length ? bounds : java.util.Arrays.copyOf(bounds, count + 1);
  }

  /** Runs {@code body} for chunks [0, chunks): in parallel when {@code parallel} and there are several. */
  static void forEach(int chunks, boolean parallel, IntConsumer body) {
    if (!parallel || chunks == 1) {
      for (int c = 0; c < chunks; c++) {
        body.accept(c);
      }
    } else {
      IntStream.range(0, chunks).parallel().forEach(body);
    }
  }
}
