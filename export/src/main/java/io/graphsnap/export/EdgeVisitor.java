package io.graphsnap.export;

import java.io.IOException;

/** Receives edges as primitive ids, one call per edge; see {@link GraphRows#forEachEdge}. */
@FunctionalInterface
public interface EdgeVisitor {
  /** One edge {@code source -> target} of type id {@code typeId}. */
  void edge(int source, int target, int typeId) throws IOException;
}
