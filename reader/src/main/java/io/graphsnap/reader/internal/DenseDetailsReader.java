package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.NodeDetailsFormat;
import io.graphsnap.reader.NodeDetails;
import java.lang.foreign.MemorySegment;

/**
 * The NODE_DETAILS section of one entry per node ({@link NodeDetailsFormat}), read on demand: node v's entry is
 * {@code Data[Ends[v], Ends[v+1])}; an empty entry means no details. Open checks the Ends array's size and its
 * first and last value (O(1)); each {@link #read} checks its entry's ends and decodes with
 * {@link NodeDetailsFormat#decodeEntry}, which bounds-checks every length, so a corrupt entry gives a
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} and allocates no more than its bytes justify.
 * Immutable; thread-safe.
 */
final class DenseDetailsReader implements DetailsReader {
  private final Section section;
  private final MemorySegment bytes;
  private final int nodeCount;
  private final long dataBase;
  private final long dataLength;

  /** Checks the Ends array of {@code nodeCount + 1} entries against the section. O(1). */
  DenseDetailsReader(Section section, int nodeCount) {
    this.section = section;
    this.bytes = section.bytes();
    this.nodeCount = nodeCount;
    this.dataBase = NodeDetailsFormat.dataOffset(nodeCount);
    if (section.length() < dataBase) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + dataBase
          + " (Ends of " + (nodeCount + 1L) + " entries)");
    }
    this.dataLength = section.length() - dataBase;
    long first = NodeDetailsFormat.end(bytes, 0);
    if (first != 0) {
      throw section.corrupt(0, "Ends[0] is not zero: actual=" + first + " vs expected=0");
    }
    long last = NodeDetailsFormat.end(bytes, nodeCount);
    if (last != dataLength) {
      throw section.corrupt(NodeDetailsFormat.endOffset(nodeCount), "Ends[" + nodeCount
          + "] does not match the data length: actual=" + last + " vs expected=" + dataLength);
    }
  }

  /** The length of node {@code id}'s entry, its ends checked. */
  @Override
  public long entryLength(int id) {
    long s = NodeDetailsFormat.end(bytes, id);
    long e = NodeDetailsFormat.end(bytes, id + 1L);
    check(id, s, e);
    return e - s;
  }

  /** Decodes node {@code id}'s entry. O(entry bytes). */
  @Override
  public NodeDetails read(int id) {
    long s = NodeDetailsFormat.end(bytes, id);
    long e = NodeDetailsFormat.end(bytes, id + 1L);
    check(id, s, e);
    if (s == e) {
      return NodeDetails.EMPTY;
    }
    return DetailsReader.decode(section, id, dataBase + s, dataBase + e);
  }

  /** Checks that the Ends never decrease (O(N)) and that every entry decodes (O(bytes)). */
  @Override
  public void verify() {
    long previous = 0;
    for (int v = 1; v <= nodeCount; v++) {
      long e = NodeDetailsFormat.end(bytes, v);
      if (e < previous) {
        throw section.corrupt(NodeDetailsFormat.endOffset(v), "Ends decrease: actual Ends[" + v + "]=" + e
            + " vs expected>=" + previous);
      }
      previous = e;
    }
    for (int v = 0; v < nodeCount; v++) {
      read(v);
    }
  }

  private void check(int id, long s, long e) {
    if (s < 0 || s > e || e > dataLength) {
      throw section.corrupt(NodeDetailsFormat.endOffset(id), "entry of node " + id + " spans [" + s + ", " + e
          + ") outside the data of " + dataLength + " bytes (Ends not monotonic)");
    }
  }
}
