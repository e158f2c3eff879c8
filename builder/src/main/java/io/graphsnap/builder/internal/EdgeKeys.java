package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;

/**
 * Packs an edge (first end, type id, second end) into one non-negative {@code long} whose order is the order of
 * the triples: {@code first << (typeBits + nodeBits) | type << nodeBits | second}, with just enough bits for the
 * graph's node and type counts. The forward sort packs (source, type, target), the reverse (target, type, source).
 * Immutable.
 */
final class EdgeKeys {
  private final int nodeBits;
  private final int typeBits;
  private final long nodeMask;
  private final long typeMask;

  /**
   * Keys for {@code nodeCount} nodes and {@code typeCount} types.
   *
   * @throws BuildInputException if a key would need more than 63 bits (more than about 2<sup>27</sup> nodes with
   *     255 types, or 2<sup>31</sup> nodes with 2 types)
   */
  EdgeKeys(int nodeCount, int typeCount) {
    nodeBits = bits(nodeCount);
    typeBits = bits(typeCount);
    if (2 * nodeBits + typeBits > 63) {
      throw new BuildInputException(nodeCount + " nodes and " + typeCount + " edge types do not fit the 63-bit "
          + "edge keys of a bounded-memory build; raise --max-memory so that the edges are sorted in memory");
    }
    nodeMask = (1L << nodeBits) - 1;
    typeMask = (1L << typeBits) - 1;
  }

  private static int bits(int count) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, count - 1)));
  }

  long pack(int first, int type, int second) {
    return (long) first << (typeBits + nodeBits) | (long) type << nodeBits | second;
  }

  int first(long key) {
    return (int) (key >>> (typeBits + nodeBits));
  }

  int type(long key) {
    return (int) (key >>> nodeBits & typeMask);
  }

  int second(long key) {
    return (int) (key & nodeMask);
  }
}
