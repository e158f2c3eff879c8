package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;

/**
 * The edges of a compiled graph, ready to become section bytes: the one place where a full build turns edges into
 * the adjacency sections ({@link SectionId#FORWARD_OFFSETS} … {@link SectionId#REVERSE_TYPES}) and
 * {@link SectionId#CALL_SITES}. Two implementations give the same bytes for the same graph: {@link HeapAdjacency}
 * (whole arrays, the fast path for graphs within the memory cap) and {@link StagedAdjacency} (rows streamed from
 * external sorts into temporary files, then copied). An encoder of another adjacency layout plugs in here (for
 * streamed rows, through {@link RowSink}). Owned by its {@link CompiledGraph}; single-use.
 */
public interface Adjacency {
  /** The number of distinct edges. */
  long edgeCount();

  /** Distinct edges per type id. */
  long[] edgeTypeCounts();

  /** The number of nodes with sites (entries of CALL_SITES). */
  int sitedNodeCount();

  /** Writes section {@code id}, one of the six adjacency sections or CALL_SITES. */
  void write(SectionId id, SectionWriter out) throws IOException;

  /**
   * Receives one direction of the adjacency edge by edge in row order (node ascending, then type, then the other
   * end), each edge once: how a streamed build hands rows to an encoder without holding a whole row. Mutable.
   */
  interface RowSink {
    /** The next edge: from {@code node}'s row, type id {@code type}, other end {@code other}. */
    void add(int node, int type, int other) throws IOException;

    /** Ends the last row; {@code nodeCount} nodes in all. */
    void finish(int nodeCount) throws IOException;
  }
}
