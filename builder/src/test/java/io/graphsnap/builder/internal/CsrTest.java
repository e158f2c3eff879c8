package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsrTest {
  @Test
  void forwardGroupsBySourceSortsByTypeThenTargetAndDropsDuplicates() {
    int[] sources = {2, 0, 2, 0, 0, 2, 0};
    int[] targets = {1, 3, 0, 1, 3, 1, 0};
    byte[] types = {0, 1, 1, 1, 1, 0, (byte) 200};
    Csr csr = Csr.forward(sources, targets, types, 7, 4);
    assertArrayEquals(new int[] {0, 3, 3, 5, 5}, csr.offsets());
    assertArrayEquals(new int[] {1, 3, 0, 1, 0}, csr.others(), "node 0: (1,1) (1,3) (200,0); node 2: (0,1) (1,0)");
    assertArrayEquals(new byte[] {1, 1, (byte) 200, 0, 1}, csr.types(), "type 200 sorts after 1: unsigned");
    assertEquals(5, csr.edgeCount());
  }

  @Test
  void transposeSortsByTypeThenSource() {
    int[] sources = {3, 1, 0, 2, 3};
    int[] targets = {0, 0, 0, 0, 1};
    byte[] types = {0, 1, 1, 0, 0};
    Csr reverse = Csr.forward(sources, targets, types, 5, 4).transpose();
    assertArrayEquals(new int[] {0, 4, 5, 5, 5}, reverse.offsets());
    assertArrayEquals(new int[] {2, 3, 0, 1, 3}, reverse.others());
    assertArrayEquals(new byte[] {0, 0, 1, 1, 0}, reverse.types());
  }

  @Test
  void hubWithManyDuplicatesCompacts() {
    int n = 10_000;
    int[] sources = new int[n];
    int[] targets = new int[n];
    byte[] types = new byte[n];
    for (int i = 0; i < n; i++) {
      sources[i] = 1;
      targets[i] = (n - i) % 100;
      types[i] = (byte) (i % 2);
    }
    Csr csr = Csr.forward(sources, targets, types, n, 100);
    assertEquals(100, csr.edgeCount(), "type 0 with the 50 even targets, type 1 with the 50 odd ones");
    assertEquals(csr.edgeCount(), csr.others().length, "arrays trimmed to E");
    for (int i = 1; i < csr.edgeCount(); i++) {
      long prev = (long) (csr.types()[i - 1] & 0xFF) << 32 | csr.others()[i - 1];
      long cur = (long) (csr.types()[i] & 0xFF) << 32 | csr.others()[i];
      assertEquals(true, prev < cur);
    }
    Csr reverse = csr.transpose();
    assertEquals(100, reverse.edgeCount());
  }

  @Test
  void noEdges() {
    Csr csr = Csr.forward(new int[0], new int[0], new byte[0], 0, 3);
    assertArrayEquals(new int[] {0, 0, 0, 0}, csr.offsets());
    assertEquals(0, csr.transpose().edgeCount());
  }
}
