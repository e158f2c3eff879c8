package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.io.PrintWriter;
import java.util.PriorityQueue;

/** The symbols with the most incoming edges: O(N log k) over the reverse CSR offsets, no edge is read. */
final class TopInDegree {
  private TopInDegree() {}

  /** Prints the {@code k} nodes of highest in-degree (ties by lower id), highest first. */
  static void print(PrintWriter out, GraphSnapshot g, int k) {
    if (k <= 0 || g.nodeCount() == 0) {
      return;
    }
    PriorityQueue<long[]> best = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
    for (int id = 0; id < g.nodeCount(); id++) {
      long degree = g.inDegree(id);
      if (best.size() < k) {
        best.add(new long[] {degree, id});
      } else if (degree > best.peek()[0]) {
        best.poll();
        best.add(new long[] {degree, id});
      }
    }
    long[][] ranked = best.toArray(long[][]::new);
    java.util.Arrays.sort(ranked, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    out.printf("top %d symbols by incoming edges:%n", ranked.length);
    int kindWidth = 1;
    for (long[] r : ranked) {
      kindWidth = Math.max(kindWidth, g.kind((int) r[1]).length());
    }
    for (long[] r : ranked) {
      int id = (int) r[1];
      TerminalText.printf(out, "  %,9d  %-" + kindWidth + "s %s%n", r[0], g.kind(id), g.name(id));
    }
  }
}
