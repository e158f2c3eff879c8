package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;
import static io.graphsnap.format.snapshot.LittleEndian.INT;
import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The typed adjacency in compressed sparse rows: the forward CSR ({@link SectionId#FORWARD_OFFSETS},
 * {@link SectionId#FORWARD_TARGETS}, {@link SectionId#FORWARD_TYPES}: out-edges), the reverse CSR
 * ({@link SectionId#REVERSE_OFFSETS}, {@link SectionId#REVERSE_SOURCES}, {@link SectionId#REVERSE_TYPES}:
 * in-edges, the transpose) and the per-type edge counts ({@link SectionId#EDGE_TYPE_COUNTS}). The grammar:
 *
 * <pre>
 * Offsets        --&gt; UInt64^(N+1)   node v's edges are [Offsets[v], Offsets[v+1]); Offsets[0] = 0, Offsets[N] = E
 * Neighbours     --&gt; Int32^E        per node sorted by (type id, neighbour id), distinct
 *                                   (targets in the forward CSR, sources in the reverse)
 * Types          --&gt; UInt8^E        the type id of each edge, indexing EDGE_TYPES (so T ≤ 255)
 * EdgeTypeCounts --&gt; UInt64^T       the number of edges of each type; they sum to E
 * </pre>
 *
 * <p>{@code Offsets[v]} is at {@link #offsetAt(long) offsetAt(v)} = 8·v, neighbour i at
 * {@link #neighbourAt(long) neighbourAt(i)} = 4·i, type i at {@link #typeAt(long) typeAt(i)} = i, the count of
 * type t at {@link #typeCountAt(int) typeCountAt(t)} = 8·t: every position is a {@code long}, since at the
 * sizes the format is for (10<sup>9</sup> edges) Neighbours is 4 GiB and positions in it pass 2<sup>32</sup>.
 * Offsets are UInt64, so E is bounded by the format only through 4·E fitting a section's UInt64 Length; a
 * neighbour is an Int32 node id (N &le; 2<sup>31</sup> &minus; 1). Each section is one flat array: a full build
 * writes it from Java arrays ({@link #writeNeighbours(SectionSink, int[], int)}, so fewer than 2<sup>31</sup>
 * edges) or, in bounded memory, streams it row by row ({@link #putOffset}, {@link #putNeighbour}, {@link #putType}),
 * an incremental build streams it, and the reader views it as NIO buffers of 2<sup>27</sup> elements
 * each. Stateless and thread-safe; the reads are unchecked (the reader's {@code CsrView} checks every value it
 * returns).
 */
public final class CsrFormat {
  /** Bytes of one offset. */
  public static final int OFFSET_BYTES = 8;
  /** Bytes of one neighbour id. */
  public static final int NEIGHBOUR_BYTES = 4;
  /** Bytes of one type id. */
  public static final int TYPE_BYTES = 1;
  /** Bytes of one per-type count. */
  public static final int COUNT_BYTES = 8;

  private CsrFormat() {}

  /** The three sections of one direction: offsets, neighbours, types. */
  public static SectionId[] sections(boolean reverse) {
    return reverse
        ? new SectionId[] {SectionId.REVERSE_OFFSETS, SectionId.REVERSE_SOURCES, SectionId.REVERSE_TYPES}
        : new SectionId[] {SectionId.FORWARD_OFFSETS, SectionId.FORWARD_TARGETS, SectionId.FORWARD_TYPES};
  }

  /** Offset of {@code Offsets[node]}. */
  public static long offsetAt(long node) {
    return OFFSET_BYTES * node;
  }

  /** Offset of neighbour {@code i}. */
  public static long neighbourAt(long i) {
    return NEIGHBOUR_BYTES * i;
  }

  /** Offset of type {@code i}. */
  public static long typeAt(long i) {
    return i;
  }

  /** Offset of the count of type {@code t} in EDGE_TYPE_COUNTS. */
  public static long typeCountAt(int t) {
    return (long) COUNT_BYTES * t;
  }

  /** Length of Offsets for {@code nodeCount} nodes. */
  public static long offsetsBytes(long nodeCount) {
    return OFFSET_BYTES * (nodeCount + 1);
  }

  /** Length of Neighbours for {@code edgeCount} edges. */
  public static long neighboursBytes(long edgeCount) {
    return NEIGHBOUR_BYTES * edgeCount;
  }

  /** Length of Types for {@code edgeCount} edges. */
  public static long typesBytes(long edgeCount) {
    return TYPE_BYTES * edgeCount;
  }

  /** Length of EDGE_TYPE_COUNTS for {@code typeCount} types. */
  public static long typeCountsBytes(int typeCount) {
    return (long) COUNT_BYTES * typeCount;
  }

  /** {@code Offsets[node]}. */
  public static long offset(MemorySegment offsets, long node) {
    return offsets.get(LONG, offsetAt(node));
  }

  /** Neighbour {@code i}. */
  public static int neighbour(MemorySegment neighbours, long i) {
    return neighbours.get(INT, neighbourAt(i));
  }

  /** Type {@code i}, unsigned. */
  public static int type(MemorySegment types, long i) {
    return Byte.toUnsignedInt(types.get(BYTE, typeAt(i)));
  }

  /** The count of type {@code t}. */
  public static long typeCount(MemorySegment counts, int t) {
    return counts.get(LONG, typeCountAt(t));
  }

  /** Writes Offsets from {@code offsets} (N+1 values, each widened to an unsigned 64-bit value). */
  public static void writeOffsets(SectionSink out, int[] offsets) throws IOException {
    for (int v : offsets) {
      out.putLong(v & 0xFFFF_FFFFL);
    }
  }

  /** Writes Offsets from {@code offsets} (N+1 values, none negative): for graphs of more than 2<sup>32</sup> edges. */
  public static void writeOffsets(SectionSink out, long[] offsets) throws IOException {
    for (long v : offsets) {
      if (v < 0) {
        throw new IllegalArgumentException("negative offset " + v);
      }
      out.putLong(v);
    }
  }

  /** Writes Neighbours from {@code neighbours[0, edgeCount)}. */
  public static void writeNeighbours(SectionSink out, int[] neighbours, int edgeCount) throws IOException {
    out.putInts(neighbours, edgeCount);
  }

  /** Writes Types from {@code types[0, edgeCount)}. */
  public static void writeTypes(SectionSink out, byte[] types, int edgeCount) throws IOException {
    out.put(types, 0, edgeCount);
  }

  /** Writes one offset of Offsets (none negative): for a writer that streams the rows. */
  public static void putOffset(SectionSink out, long offset) throws IOException {
    out.putLong(offset);
  }

  /** Writes one neighbour of Neighbours: for a writer that streams the rows. */
  public static void putNeighbour(SectionSink out, int neighbour) throws IOException {
    out.putInt(neighbour);
  }

  /** Writes one type of Types: for a writer that streams the rows. */
  public static void putType(SectionSink out, int type) throws IOException {
    out.putByte(type);
  }

  /** Writes EDGE_TYPE_COUNTS. */
  public static void writeTypeCounts(SectionSink out, long[] counts) throws IOException {
    for (long c : counts) {
      out.putLong(c);
    }
  }
}
