package io.graphsnap.export;

import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.util.PrimitiveIterator;

/**
 * Streams a subgraph's edges in the snapshot's forward order: by source id, then type id, then target id.
 * Nothing is buffered: memory is O(1) whatever the edge count. Static methods; thread-safe as the snapshot is.
 */
public final class GraphRows {
  /** How many rows pass between two progress reports. */
  static final int REPORT_EVERY = 1 << 16;

  private GraphRows() {}

  /**
   * Calls {@code visitor} once for every edge of {@code g} that {@code s} selects, reporting progress to
   * {@code listener} under the phase {@code "edges"}. O(out-edges of the selected nodes). Returns the number of
   * edges visited.
   *
   * @throws IOException as thrown by {@code visitor}
   */
  public static long forEachEdge(GraphSnapshot g, Subgraph s, EdgeVisitor visitor, ExportListener listener)
      throws IOException {
    io.graphsnap.reader.EdgeCursor cursor = g.forward().cursor(); // either adjacency layout, each value checked
    boolean whole = s.isWholeGraph();
    long total = s.edgeCountIfKnown();
    long done = 0;
    long nextReport = REPORT_EVERY;
    for (PrimitiveIterator.OfInt it = s.nodeIds(); it.hasNext(); ) {
      int source = it.nextInt();
      for (int target = cursor.reset(source).next(); target >= 0; target = cursor.next()) {
        int type = cursor.type();
        if (!s.allowsType(type)) {
          continue;
        }
        if (!whole && !s.containsNode(target)) {
          continue;
        }
        visitor.edge(source, target, type);
        if (++done == nextReport) {
          listener.progress("edges", done, total);
          nextReport += REPORT_EVERY;
        }
      }
    }
    listener.progress("edges", done, done);
    return done;
  }
}
