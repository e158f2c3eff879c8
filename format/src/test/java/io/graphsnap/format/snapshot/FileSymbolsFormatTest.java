package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FILE_SYMBOLS rule and its bytes. */
class FileSymbolsFormatTest {
  @Test
  void orderIsLineStartThenLineEndDescendingThenId() throws Exception {
    //               node:   0   1   2   3   4   5
    int[] file = {1, -1, 0, 1, 1, 1};
    int[] start = {5, 0, 2, 5, 1, 5};
    int[] end = {9, 0, 3, 20, 30, 9};
    FileSymbolsFormat.Index index = FileSymbolsFormat.order(2, file, start, end);
    assertArrayEquals(new int[] {0, 1, 5}, index.starts());
    assertArrayEquals(new int[] {2, 4, 3, 0, 5}, index.nodeIds());
    SectionSink.Bytes out = SectionSink.ofBytes();
    FileSymbolsFormat.write(out, index);
    byte[] bytes = out.toByteArray();
    assertEquals(FileSymbolsFormat.sectionBytes(2, 5), bytes.length);
    MemorySegment section = MemorySegment.ofArray(bytes);
    assertEquals(5, FileSymbolsFormat.start(section, 2));
    assertEquals(4, FileSymbolsFormat.nodeId(section, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> FileSymbolsFormat.order(1, new int[] {1}, new int[1], new int[1]));
    assertThrows(IllegalArgumentException.class, () -> FileSymbolsFormat.order(1, new int[] {0}, new int[2], new int[1]));
  }

  @Test
  void randomInputsMatchAComparatorSort() {
    Random r = new Random(7);
    for (int round = 0; round < 50; round++) {
      int n = r.nextInt(400);
      int files = 1 + r.nextInt(6);
      int[] file = new int[n];
      int[] start = new int[n];
      int[] end = new int[n];
      for (int v = 0; v < n; v++) {
        file[v] = r.nextInt(files + 1) - 1;
        start[v] = r.nextInt(10);
        end[v] = start[v] + r.nextInt(5);
      }
      FileSymbolsFormat.Index index = FileSymbolsFormat.order(files, file, start, end);
      List<Integer> all = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        List<Integer> expected = new ArrayList<>();
        for (int v = 0; v < n; v++) {
          if (file[v] == f) {
            expected.add(v);
          }
        }
        expected.sort(Comparator.<Integer>comparingInt(v -> start[v]).thenComparing(v -> -end[v]).thenComparingInt(v -> v));
        assertEquals(all.size(), index.starts()[f]);
        all.addAll(expected);
      }
      assertEquals(all, java.util.Arrays.stream(index.nodeIds()).boxed().toList());
    }
  }
}
