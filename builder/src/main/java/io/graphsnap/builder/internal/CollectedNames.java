package io.graphsnap.builder.internal;

import java.io.IOException;
import java.util.function.IntPredicate;

/**
 * The distinct names a full build collected, each with a dense id ({@code [0, size())}) that the declarations and
 * edges use: a {@link NameTable} (provisional ids in arrival order) when they stayed on the heap, or
 * {@link NameRuns.Merged} (ids in name order) when they spilled. Either way {@link #sort} gives the same final ids
 * and the same names, so the snapshot's bytes do not depend on which. Not thread-safe.
 */
public interface CollectedNames {
  /** Number of distinct names. */
  int size();

  /** The final names: the ids that {@code used} accepts, in code-point order. */
  NodeNames sort(IntPredicate used) throws IOException;

  /** The names of {@code ids} (for conflict messages and records: few); O(ids) on the heap, one file pass spilled. */
  String[] names(int[] ids) throws IOException;
}
