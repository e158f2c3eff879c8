package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TargetRefTest {
  @Test
  void fileAndIndexComeBack() {
    for (int sort : new int[] {TargetRef.NAMED, TargetRef.CALLABLE, TargetRef.TYPE, TargetRef.FIELD,
        TargetRef.REQUIREMENT, TargetRef.NO_CALLABLE}) {
      for (int file : new int[] {0, 1, 9_999_999, Integer.MAX_VALUE}) {
        for (int index : new int[] {0, 7, 65_535, (1 << 28) - 1}) {
          long ref = TargetRef.of(sort, file, index);
          assertEquals(sort, TargetRef.sort(ref));
          assertEquals(file, TargetRef.file(ref));
          assertEquals(index, TargetRef.index(ref));
        }
      }
    }
  }

  @Test
  void numbersComeBack() {
    for (int sort : new int[] {TargetRef.EXTERNAL_CALLABLE, TargetRef.EXTERNAL_TYPE, TargetRef.CALLABLE_AT,
        TargetRef.TYPE_AT}) {
      for (long number : new long[] {0, 1, 80_000_000, (1L << 60) - 1}) {
        long ref = TargetRef.ofNumber(sort, number);
        assertEquals(sort, TargetRef.sort(ref));
        assertEquals(number, TargetRef.number(ref));
      }
    }
  }

  @Test
  void whatDoesNotFitIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TargetRef.of(TargetRef.CALLABLE, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> TargetRef.of(TargetRef.CALLABLE, 0, 1 << 28));
    assertThrows(IllegalArgumentException.class, () -> TargetRef.ofNumber(TargetRef.TYPE_AT, 1L << 60));
    assertThrows(IllegalArgumentException.class, () -> TargetRef.ofNumber(TargetRef.TYPE_AT, -1));
  }
}
