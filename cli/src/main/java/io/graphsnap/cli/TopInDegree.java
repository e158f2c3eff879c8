package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.SmallestK;
import java.io.PrintWriter;

/** The symbols with the most incoming edges: O(N log k) over the reverse CSR offsets, no edge is read. */
final class TopInDegree {
  private TopInDegree() {}

  /** Prints the {@code k} nodes of highest in-degree (ties by lower id), highest first. */
  static void print(PrintWriter out, GraphSnapshot g, int k) {
    if (k <= 0 || g.nodeCount() == 0) {
      return;
    }
    SmallestK best = new SmallestK(k);
    for (int id = 0; id < g.nodeCount(); id++) {
      best.offer(-(long) g.inDegree(id), id); // most incoming edges first, ties by lower id
    }
    int[] ranked = best.drain();
    out.printf("top %d symbols by incoming edges:%n", ranked.length);
    int kindWidth = 1;
    for (int id : ranked) {
      kindWidth = Math.max(kindWidth, g.kind(id).length());
    }
    for (int id : ranked) {
      TerminalText.printf(out, "  %,9d  %-" + kindWidth + "s %s%n", (long) g.inDegree(id), g.kind(id), g.name(id));
    }
  }
}
