package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CompiledGraphTest {
  /**
   * BUILD_INFO's edge count is written from a {@code long}: an incremental build past 2<sup>31</sup> edges writes it
   * (it threw {@link ArithmeticException} when the count went through an {@code int}), and a count below writes the
   * same text as before, so no snapshot's bytes change.
   */
  @Test
  void buildInfoTakesEdgeCountsPastTwoToTheThirtyOne() {
    String[] far = CompiledGraph.buildInfo(1, 3_000_000_000L, 2, 3, 4);
    assertArrayEquals(new String[] {"conflicts", "1", "edges", "3000000000", "externalNodes", "2", "files", "3",
        "nodes", "4", "tool", CompiledGraph.TOOL}, far);
    String[] near = CompiledGraph.buildInfo(0, Integer.MAX_VALUE, 0, 0, 0);
    assertArrayEquals(new String[] {"conflicts", "0", "edges", Integer.toString(Integer.MAX_VALUE), "externalNodes",
        "0", "files", "0", "nodes", "0", "tool", CompiledGraph.TOOL}, near);
  }
}
