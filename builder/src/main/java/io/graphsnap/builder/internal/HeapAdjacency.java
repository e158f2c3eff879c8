package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.CallSitesFormat;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;

/**
 * The adjacency held as whole arrays: the forward and reverse {@link Csr} and the call sites' entries. The fast
 * path for a graph whose edges fit the memory cap. Immutable once built.
 */
record HeapAdjacency(Csr forward, Csr reverse, CallSitesBuilder.Sites sites, long[] edgeTypeCounts)
    implements Adjacency {

  /** The adjacency of {@code forward}, its transpose and {@code sites}, counting edges per type among {@code types}. */
  static HeapAdjacency of(Csr forward, CallSitesBuilder.Sites sites, int typeCount) {
    long[] counts = new long[typeCount];
    for (byte t : forward.types()) {
      counts[t & 0xFF]++;
    }
    return new HeapAdjacency(forward, forward.transpose(), sites, counts);
  }

  @Override
  public long edgeCount() {
    return forward.edgeCount();
  }

  @Override
  public int sitedNodeCount() {
    return sites.count();
  }

  @Override
  public void write(SectionId id, SectionWriter out) throws IOException {
    int edges = forward.edgeCount();
    switch (id) {
      case FORWARD_OFFSETS -> CsrFormat.writeOffsets(out, forward.offsets());
      case FORWARD_TARGETS -> CsrFormat.writeNeighbours(out, forward.others(), edges);
      case FORWARD_TYPES -> CsrFormat.writeTypes(out, forward.types(), edges);
      case REVERSE_OFFSETS -> CsrFormat.writeOffsets(out, reverse.offsets());
      case REVERSE_SOURCES -> CsrFormat.writeNeighbours(out, reverse.others(), edges);
      case REVERSE_TYPES -> CsrFormat.writeTypes(out, reverse.types(), edges);
      case CALL_SITES -> CallSitesFormat.write(out, sites.nodes(), sites.entries(), sites.count());
      case COMPACT_FORWARD_INDEX -> CompactCsrFormat.writeIndex(out, forward.offsets(), forward.others(),
          forward.types(), CompactCsrFormat.DEFAULT_STRIDE);
      case COMPACT_FORWARD_ROWS -> CompactCsrFormat.writeRows(out, forward.offsets(), forward.others(),
          forward.types());
      case COMPACT_REVERSE_INDEX -> CompactCsrFormat.writeIndex(out, reverse.offsets(), reverse.others(),
          reverse.types(), CompactCsrFormat.DEFAULT_STRIDE);
      case COMPACT_REVERSE_ROWS -> CompactCsrFormat.writeRows(out, reverse.offsets(), reverse.others(),
          reverse.types());
      default -> throw new IllegalArgumentException("not an adjacency section: " + id);
    }
  }
}
