package io.graphsnap.reader.internal;

import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.reader.CsrView;
import java.lang.foreign.MemorySegment;

/**
 * The CALL_SITES section read in place ({@link CallSitesFormat} has the grammar and the rule): the lines where each
 * edge occurs, per source node, aligned with the forward CSR.
 *
 * <p>{@link #open} checks in O(1) that the reserved field is zero, Count ≤ N, the section holds the Ends and Nodes
 * arrays, {@code Ends[0] = 0} and {@code Ends[Count]} is exactly the data length. Each lookup checks the two ends of
 * the entry it reads (ordered, within the data) and decodes it with bounds checks ({@link
 * CallSitesFormat.EntryDecoder}: positions below the node's out-degree, counts within the entry's bytes, lines in
 * [1, 2^31)), so a damaged entry raises a {@link io.graphsnap.format.snapshot.CorruptSnapshotException} naming the
 * section and offset and allocates at most one int per byte read. {@link #verify} checks everything in O(Count +
 * data bytes): Nodes strictly increasing, each below N, with a file and an out-edge; Ends non-decreasing; every
 * entry non-empty and decodable. A damaged section can make answers wrong (lines of another edge, or none) until
 * verify rejects it; never read out of bounds.
 *
 * <p>Immutable and thread-safe; reads the snapshot's memory and must not outlive it.
 */
public final class CallSitesView {
  private static final int[] NO_LINES = new int[0];

  private final Section section;
  private final MemorySegment bytes;
  private final long count;
  private final long dataBase;
  private final long dataLength;
  private final int nodeCount;

  private CallSitesView(Section section, long count, int nodeCount) {
    this.section = section;
    this.bytes = section.bytes();
    this.count = count;
    this.dataBase = CallSitesFormat.dataOffset(count);
    this.dataLength = section.length() - dataBase;
    this.nodeCount = nodeCount;
  }

  /**
   * Checks the header of {@code section} for {@code nodeCount} nodes, as the class documentation says. O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if it does not hold
   */
  public static CallSitesView open(Section section, int nodeCount) {
    long minimum = CallSitesFormat.dataOffset(0);
    if (section.length() < minimum) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + minimum
          + " (Count, Zero, Ends[0])");
    }
    MemorySegment b = section.bytes();
    int zero = CallSitesFormat.storedZero(b);
    if (zero != 0) {
      throw section.corrupt(CallSitesFormat.ZERO, "reserved field is not zero: actual=" + zero + " vs expected=0");
    }
    long count = CallSitesFormat.storedCount(b);
    if (count > nodeCount) {
      throw section.corrupt(CallSitesFormat.COUNT, "count out of range: actual=" + count + " vs expected<=" + nodeCount
          + " (N)");
    }
    long dataAt = CallSitesFormat.dataOffset(count);
    if (section.length() < dataAt) {
      throw section.corrupt(0, "section length mismatch: actual=" + section.length() + " vs expected>=" + dataAt
          + " (Ends and Nodes of Count=" + count + ")");
    }
    long first = CallSitesFormat.end(b, 0);
    if (first != 0) {
      throw section.corrupt(CallSitesFormat.endOffset(0), "Ends[0] is not zero: actual=" + first + " vs expected=0");
    }
    long last = CallSitesFormat.end(b, count);
    long dataLength = section.length() - dataAt;
    if (last != dataLength) {
      throw section.corrupt(CallSitesFormat.endOffset(count), "Ends[" + count + "] does not match the data length: actual="
          + last + " vs expected=" + dataLength);
    }
    return new CallSitesView(section, count, nodeCount);
  }

  /** Count, the number of nodes that have sites. */
  public long count() {
    return count;
  }

  /** The section's length in bytes. */
  public long byteSize() {
    return section.length();
  }

  /**
   * The lines of the edge at row position {@code position} of {@code node}'s out-edges (of {@code rowLength}), a new
   * array; empty when it has none. O(log Count + the node's entry bytes up to that edge).
   */
  public int[] lines(int node, int position, int rowLength) {
    long i = CallSitesFormat.find(bytes, count, node);
    if (i < 0) {
      return NO_LINES;
    }
    CallSitesFormat.EntryDecoder d = decoder(i, rowLength);
    try {
      for (int p = d.next(); p >= 0 && p <= position; p = d.next()) {
        if (p == position) {
          return d.lines();
        }
      }
      return NO_LINES;
    } catch (CallSitesFormat.MalformedEntryException e) {
      throw section.corrupt(e.offset(), "sites of node " + node + ": " + e.getMessage());
    }
  }

  /**
   * The lines of each of {@code node}'s {@code rowLength} out-edges, by row position ({@code null} for an edge
   * without lines). O(log Count + the node's entry bytes + rowLength).
   */
  public int[][] outLines(int node, int rowLength) {
    int[][] out = new int[rowLength][];
    long i = CallSitesFormat.find(bytes, count, node);
    if (i < 0) {
      return out;
    }
    CallSitesFormat.EntryDecoder d = decoder(i, rowLength);
    try {
      for (int p = d.next(); p >= 0; p = d.next()) {
        out[p] = d.lines();
      }
    } catch (CallSitesFormat.MalformedEntryException e) {
      throw section.corrupt(e.offset(), "sites of node " + node + ": " + e.getMessage());
    }
    return out;
  }

  /** Entry {@code i}'s decoder, its ends checked. */
  private CallSitesFormat.EntryDecoder decoder(long i, int rowLength) {
    long s = CallSitesFormat.end(bytes, i);
    long e = CallSitesFormat.end(bytes, i + 1);
    if (s < 0 || s > e || e > dataLength) {
      throw section.corrupt(CallSitesFormat.endOffset(i), "entry " + i + " spans [" + s + ", " + e
          + ") outside the data of " + dataLength + " bytes (Ends not monotonic)");
    }
    return new CallSitesFormat.EntryDecoder(bytes, dataBase + s, dataBase + e, rowLength);
  }

  /**
   * Checks the whole section against the forward CSR and the node records, as the class documentation says.
   * Returns the number of sites (lines) it holds.
   */
  public long verify(CsrView forward, NodeTable nodes) {
    long previousEnd = 0;
    for (long i = 1; i <= count; i++) {
      long e = CallSitesFormat.end(bytes, i);
      if (e < previousEnd) {
        throw section.corrupt(CallSitesFormat.endOffset(i), "Ends decrease: actual Ends[" + i + "]=" + e
            + " vs expected>=" + previousEnd);
      }
      previousEnd = e;
    }
    long sites = 0;
    int previous = -1;
    for (long i = 0; i < count; i++) {
      int v = CallSitesFormat.node(bytes, count, i);
      long at = CallSitesFormat.nodeOffset(count, i);
      if (v <= previous || v >= nodeCount) {
        throw section.corrupt(at, "Nodes not strictly increasing within [0, N): actual=" + v + " after " + previous
            + " vs expected in (" + previous + ", " + nodeCount + ")");
      }
      if (nodes.fileId(v) < 0) {
        throw section.corrupt(at, "node " + v + " has sites but no file (a site's file is its node's)");
      }
      previous = v;
      CallSitesFormat.EntryDecoder d = decoder(i, forward.degree(v));
      int edges = 0;
      try {
        for (int p = d.next(); p >= 0; p = d.next()) {
          edges++;
          sites += d.lineCount();
        }
      } catch (CallSitesFormat.MalformedEntryException e) {
        throw section.corrupt(e.offset(), "sites of node " + v + ": " + e.getMessage());
      }
      if (edges == 0) {
        throw section.corrupt(CallSitesFormat.endOffset(i), "entry of node " + v + " is empty (a node without sites "
            + "is not listed)");
      }
    }
    return sites;
  }
}
