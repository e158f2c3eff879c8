package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.function.IntFunction;

/**
 * NODE_DETAILS of a compact file from format version {@link SnapshotFormat#VERSION_PACKED_NODES} (see
 * {@link PackedNodeFormat#packed}): only the entries that say something are stored, found through a presence
 * bitmap with a rank per block of 64 nodes, so node v's entry is still O(1) (two loads and a bit count). The
 * grammar:
 *
 * <pre>
 * SparseDetails --&gt; Block^B, Ends UInt64^(P+1), Data          B = ⌈N / 64⌉
 * Block         --&gt; Present UInt64, Rank UInt64                 Rank: present entries of the blocks before
 * Data          --&gt; Entry^P                                     Entry as in {@link NodeDetailsFormat}
 * </pre>
 *
 * <ul>
 *   <li>Node v's entry is present iff bit (v mod 64) of Present[v / 64] is set; bits for v ≥ N are zero. P, the
 *       number of present entries, is Rank[B−1] + bitCount(Present[B−1]) (0 when N = 0); Rank[0] = 0 and each Rank
 *       is the sum of the bit counts before it.
 *   <li>A present node's entry is the i-th, i = Rank[v / 64] + bitCount(Present[v / 64] &amp; ((1 &lt;&lt; (v mod
 *       64)) − 1)): Data[Ends[i], Ends[i+1]), Ends[0] = 0, non-decreasing. An absent entry reads as no details.
 *   <li>The rule, exact so that a full and an incremental build give the same bytes: an entry is present iff its
 *       {@link NodeDetailsFormat} entry is neither empty (external nodes) nor {@link #isEmptySymbol the empty
 *       symbol entry} (no hash, notes or metadata); present entries are stored as they are there.
 *   <li>The section is {@link #sectionBytes} = 16·B + 8·(P+1) + Ends[P] bytes.
 * </ul>
 * Stateless and thread-safe; the reads are unchecked (the reader checks them).
 */
public final class SparseDetailsFormat {
  /** Nodes per block (bits of one Present word). */
  public static final int BLOCK = 64;
  /** Bytes of one block. */
  public static final int BLOCK_BYTES = 16;
  /** Bytes of one end. */
  public static final int END_BYTES = 8;

  private SparseDetailsFormat() {}

  /** B, the number of blocks for {@code nodeCount} nodes. */
  public static long blockCount(long nodeCount) {
    return (nodeCount + BLOCK - 1) / BLOCK;
  }

  /** Offset of block {@code b}'s Present word. */
  public static long presentOffset(long b) {
    return BLOCK_BYTES * b;
  }

  /** Offset of block {@code b}'s Rank. */
  public static long rankOffset(long b) {
    return BLOCK_BYTES * b + 8;
  }

  /** Offset of {@code Ends[i]} for {@code nodeCount} nodes. */
  public static long endOffset(long nodeCount, long i) {
    return BLOCK_BYTES * blockCount(nodeCount) + END_BYTES * i;
  }

  /** Offset of Data for {@code nodeCount} nodes and {@code presentCount} present entries. */
  public static long dataOffset(long nodeCount, long presentCount) {
    return endOffset(nodeCount, presentCount + 1);
  }

  /** The section's length. */
  public static long sectionBytes(long nodeCount, long presentCount, long dataBytes) {
    return dataOffset(nodeCount, presentCount) + dataBytes;
  }

  /** Block {@code b}'s Present word; unchecked. */
  public static long present(MemorySegment details, long b) {
    return details.get(LONG, presentOffset(b));
  }

  /** Block {@code b}'s Rank; unchecked. */
  public static long rank(MemorySegment details, long b) {
    return details.get(LONG, rankOffset(b));
  }

  /** {@code Ends[i]}; unchecked. */
  public static long end(MemorySegment details, long nodeCount, long i) {
    return details.get(LONG, endOffset(nodeCount, i));
  }

  /**
   * The index among present entries of node {@code v}'s entry, or −1 if it is absent; unchecked (the rank is as
   * stored).
   */
  public static long entryIndex(MemorySegment details, long v) {
    long word = present(details, v >>> 6);
    long bit = 1L << v; // shifts use the low 6 bits: v mod 64
    if ((word & bit) == 0) {
      return -1;
    }
    return rank(details, v >>> 6) + Long.bitCount(word & (bit - 1));
  }

  /** Whether {@code entry} (a {@link NodeDetailsFormat} entry) is the empty symbol entry: flags 0, no notes, none. */
  public static boolean isEmptySymbol(byte[] entry) {
    return entry.length == 3 && entry[0] == 0 && entry[1] == 0 && entry[2] == 0;
  }

  /** Whether {@code entry} is stored (present) by the rule. */
  public static boolean isPresent(byte[] entry) {
    return entry.length != 0 && !isEmptySymbol(entry);
  }

  /**
   * Writes the section for the {@link NodeDetailsFormat} entries of nodes {@code [0, nodeCount)}; {@code entry} is
   * called three times per node (in id order each time), so it may read them from elsewhere rather than hold them.
   * O(N + data bytes).
   */
  public static void write(SectionSink out, int nodeCount, IntFunction<byte[]> entry) throws IOException {
    long rank = 0;
    long word = 0;
    for (int v = 0; v < nodeCount; v++) {
      if (isPresent(entry.apply(v))) {
        word |= 1L << v;
      }
      if ((v & (BLOCK - 1)) == BLOCK - 1 || v == nodeCount - 1) {
        out.putLong(word);
        out.putLong(rank);
        rank += Long.bitCount(word);
        word = 0;
      }
    }
    long end = 0;
    out.putLong(end);
    for (int v = 0; v < nodeCount; v++) {
      byte[] e = entry.apply(v);
      if (isPresent(e)) {
        end += e.length;
        out.putLong(end);
      }
    }
    for (int v = 0; v < nodeCount; v++) {
      byte[] e = entry.apply(v);
      if (isPresent(e)) {
        out.put(e);
      }
    }
  }
}
