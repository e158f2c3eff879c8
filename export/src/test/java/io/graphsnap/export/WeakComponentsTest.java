package io.graphsnap.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Union-find components against a naive undirected BFS; labels are the smallest id of each component. */
class WeakComponentsTest {
  @TempDir Path dir;

  @Test
  void labelsAreTheSmallestIdOfEachUndirectedComponent() throws Exception {
    // Sparse: about one edge per symbol, so there are many components.
    try (GraphSnapshot g = GraphSnapshot.open(TestGraphs.build(dir, 11, 30, 20, 1))) {
      int[] labels = WeakComponents.labels(g);
      int[] expected = naive(g, null);
      assertArrayEquals(expected, labels);
      int count = WeakComponents.count(labels);
      assertTrue(count > 10, "fixture should have several components: " + count);
      assertEquals(Arrays.stream(expected).distinct().count(), count);

      boolean[] callsOnly = new boolean[g.edgeTypes().size()];
      callsOnly[g.edgeTypeId("calls")] = true;
      assertArrayEquals(naive(g, callsOnly), WeakComponents.labels(g, callsOnly));
    }
  }

  private static int[] naive(GraphSnapshot g, boolean[] types) {
    int n = g.nodeCount();
    int[] label = new int[n];
    Arrays.fill(label, -1);
    for (int s = 0; s < n; s++) {
      if (label[s] >= 0) {
        continue;
      }
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(s);
      label[s] = s;
      while (!queue.isEmpty()) {
        int v = queue.poll();
        for (var c : new io.graphsnap.reader.EdgeCursor[] {g.out(v), g.in(v)}) {
          for (int w = c.next(); w >= 0; w = c.next()) {
            if ((types == null || types[c.type()]) && label[w] < 0) {
              label[w] = s;
              queue.add(w);
            }
          }
        }
      }
    }
    return label;
  }
}
