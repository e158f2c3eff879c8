package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.format.snapshot.SparseDetailsFormat;
import io.graphsnap.reader.NodeDetails;
import java.lang.foreign.MemorySegment;

/**
 * The NODE_DETAILS section of only the entries that say something ({@link SparseDetailsFormat}), read on demand. Open
 * checks in O(1) that the blocks, the Ends of the P present entries (P from the last block) and the data fit the
 * section, that {@code Ends[0] = 0} and {@code Ends[P]} is the data's length, and that the last block has no bit for a
 * node past N. Each {@link #read} checks its entry's index against P and its ends against the data, then decodes with
 * {@link NodeDetailsFormat#decodeEntry}, which bounds-checks every length. A damaged Rank can make an answer wrong only
 * until {@link #verify}, which checks every Rank, every end and every entry, never read out of bounds. Immutable;
 * thread-safe.
 */
final class SparseDetailsReader implements DetailsReader {
  private final Section section;
  private final MemorySegment bytes;
  private final int nodeCount;
  private final long presentCount;
  private final long dataBase;
  private final long dataLength;

  SparseDetailsReader(Section section, int nodeCount) {
    this.section = section;
    this.bytes = section.bytes();
    this.nodeCount = nodeCount;
    long blocks = SparseDetailsFormat.blockCount(nodeCount);
    long minimum = SparseDetailsFormat.endOffset(nodeCount, 1);
    if (section.length() < minimum) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + minimum
          + " (" + blocks + " blocks and Ends[0])");
    }
    long p = 0;
    if (blocks > 0) {
      long last = SparseDetailsFormat.present(bytes, blocks - 1);
      long rank = SparseDetailsFormat.rank(bytes, blocks - 1);
      int tail = (int) (nodeCount - (blocks - 1) * SparseDetailsFormat.BLOCK); // nodes in the last block, 1..64
      if (tail < SparseDetailsFormat.BLOCK && (last >>> tail) != 0) {
        throw section.corrupt(SparseDetailsFormat.presentOffset(blocks - 1), "the last block marks nodes past N="
            + nodeCount + " present: actual=0x" + Long.toHexString(last));
      }
      if (rank < 0 || rank > nodeCount - tail) {
        throw section.corrupt(SparseDetailsFormat.rankOffset(blocks - 1), "the last block's Rank out of range: actual="
            + rank + " vs expected in [0, " + (nodeCount - tail) + "]");
      }
      p = rank + Long.bitCount(last);
    }
    this.presentCount = p;
    this.dataBase = SparseDetailsFormat.dataOffset(nodeCount, p);
    if (section.length() < dataBase) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + dataBase
          + " (blocks and Ends of P+1=" + (p + 1) + " entries)");
    }
    this.dataLength = section.length() - dataBase;
    long first = SparseDetailsFormat.end(bytes, nodeCount, 0);
    if (first != 0) {
      throw section.corrupt(SparseDetailsFormat.endOffset(nodeCount, 0), "Ends[0] is not zero: actual=" + first
          + " vs expected=0");
    }
    long end = SparseDetailsFormat.end(bytes, nodeCount, p);
    if (end != dataLength) {
      throw section.corrupt(SparseDetailsFormat.endOffset(nodeCount, p), "Ends[" + p
          + "] does not match the data length: actual=" + end + " vs expected=" + dataLength);
    }
  }

  /** The index of node {@code id}'s entry among the present ones, checked against P; −1 when absent. */
  private long index(int id) {
    long i = SparseDetailsFormat.entryIndex(bytes, id);
    if (i >= presentCount || i < -1) {
      throw section.corrupt(SparseDetailsFormat.rankOffset(id >>> 6), "node " + id + "'s entry index out of range:"
          + " actual=" + i + " vs expected<" + presentCount + " (Rank wrong)");
    }
    return i;
  }

  @Override
  public long entryLength(int id) {
    long i = index(id);
    if (i < 0) {
      return 0;
    }
    long s = SparseDetailsFormat.end(bytes, nodeCount, i);
    long e = SparseDetailsFormat.end(bytes, nodeCount, i + 1);
    check(id, i, s, e);
    return e - s;
  }

  @Override
  public NodeDetails read(int id) {
    long i = index(id);
    if (i < 0) {
      return NodeDetails.EMPTY;
    }
    long s = SparseDetailsFormat.end(bytes, nodeCount, i);
    long e = SparseDetailsFormat.end(bytes, nodeCount, i + 1);
    check(id, i, s, e);
    return DetailsReader.decode(section, id, dataBase + s, dataBase + e);
  }

  /**
   * Checks every Rank (the sum of the bit counts before it), that the Ends never decrease, and that every present
   * entry decodes and is one the rule stores (neither empty nor the empty symbol entry). O(N + bytes).
   */
  @Override
  public void verify() {
    long blocks = SparseDetailsFormat.blockCount(nodeCount);
    long rank = 0;
    for (long b = 0; b < blocks; b++) {
      long stored = SparseDetailsFormat.rank(bytes, b);
      if (stored != rank) {
        throw section.corrupt(SparseDetailsFormat.rankOffset(b), "Rank of block " + b + " is not the present entries"
            + " before it: actual=" + stored + " vs expected=" + rank);
      }
      rank += Long.bitCount(SparseDetailsFormat.present(bytes, b));
    }
    long previous = 0;
    for (long i = 1; i <= presentCount; i++) {
      long e = SparseDetailsFormat.end(bytes, nodeCount, i);
      if (e <= previous) {
        throw section.corrupt(SparseDetailsFormat.endOffset(nodeCount, i), "Ends do not increase: actual Ends[" + i
            + "]=" + e + " vs expected>" + previous + " (a present entry is never empty)");
      }
      previous = e;
    }
    for (int v = 0; v < nodeCount; v++) {
      long i = index(v);
      if (i >= 0) {
        long s = SparseDetailsFormat.end(bytes, nodeCount, i);
        if (entryLength(v) == 3 && bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, dataBase + s) == 0
            && bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, dataBase + s + 1) == 0
            && bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, dataBase + s + 2) == 0) {
          throw section.corrupt(dataBase + s, "node " + v + " has the empty symbol entry stored: actual=present vs"
              + " expected=absent");
        }
        read(v);
      }
    }
  }

  private void check(int id, long i, long s, long e) {
    if (s < 0 || s > e || e > dataLength) {
      throw section.corrupt(SparseDetailsFormat.endOffset(nodeCount, i), "entry of node " + id + " spans [" + s
          + ", " + e + ") outside the data of " + dataLength + " bytes (Ends not monotonic)");
    }
  }
}
