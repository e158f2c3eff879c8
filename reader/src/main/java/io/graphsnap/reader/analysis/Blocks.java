package io.graphsnap.reader.analysis;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.reader.CsrView;
import java.lang.foreign.MemorySegment;

/**
 * Bulk reads of a {@link CsrView}'s segments into small heap arrays, for the loops that stream through a CSR
 * (PageRank's gather, out-degrees): offsets a block of nodes at a time, neighbour ids and type bytes a window
 * of edges at a time, each by one {@link MemorySegment#copy} (a memory copy at a few GB/s), after which the
 * loop reads plain {@code int[]}/{@code long[]} elements like a heap CSR would.
 *
 * <p>Why not read the mapped segment element by element: a {@code MemorySegment.get(layout, offset)} goes
 * through a var handle whose code is shared by every segment of every kind in the JVM. Once heap, native and
 * mapped segments have all been read through it (any library in the process can do that), its type profile is
 * megamorphic and each read becomes a virtual call: measured on JDK 25, a mapped PageRank iteration then runs
 * about 4× slower than over heap arrays, against 1.0–1.3× before. A bulk copy pays that dispatch once per block
 * instead of once per element, so these loops run at the same speed whatever else the JVM has done.
 *
 * <p>Memory: the caller owns the arrays ({@value #NODE_BLOCK} + 1 longs, {@value #EDGE_WINDOW} ints and as many
 * bytes: about 60 KiB per thread), so nothing here is shared. Stateless.
 */
final class Blocks {
  /** Nodes whose offsets one block holds. */
  static final int NODE_BLOCK = 4096;
  /** Edges one window holds. */
  static final int EDGE_WINDOW = 8192;

  private Blocks() {}

  /**
   * Copies {@code Offsets[v0 .. v0 + m]} into {@code o[0 .. m]} and checks that they are ordered and within
   * [0, E]. O(m).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException naming the first node whose offsets are bad
   */
  static void offsets(CsrView csr, int v0, int m, long[] o) {
    MemorySegment.copy(csr.offsets(), LONG, CsrFormat.offsetAt(v0), o, 0, m + 1);
    long edges = csr.edgeCount();
    long previous = o[0];
    if (previous < 0 || previous > edges) {
      throw csr.badRange(v0);
    }
    for (int k = 1; k <= m; k++) {
      long x = o[k];
      if (x < previous || x > edges) {
        throw csr.badRange(v0 + k - 1);
      }
      previous = x;
    }
  }

  /**
   * Copies the neighbour ids of edges [from, from + length) into {@code ids[0 .. length)}; O(length). The ids
   * are not checked: callers index arrays of N entries with them, and the array bounds check catches a bad id
   * (see {@link CsrView#explain}).
   */
  static void neighbours(CsrView csr, long from, int length, int[] ids) {
    MemorySegment.copy(csr.neighbours(), INT, CsrFormat.neighbourAt(from), ids, 0, length);
  }

  /** Copies the type bytes of edges [from, from + length) into {@code types[0 .. length)}; O(length). */
  static void types(CsrView csr, long from, int length, byte[] types) {
    MemorySegment.copy(csr.types(), BYTE, CsrFormat.typeAt(from), types, 0, length);
  }
}
