package io.graphsnap.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NameRefTest {
  @Test
  void fileAndIndexComeBack() {
    for (int sort : new int[] {NameRef.SYMBOL, NameRef.CALLABLE, NameRef.TYPE, NameRef.FIELD,
        NameRef.REQUIREMENT, NameRef.NO_CALLABLE}) {
      for (int file : new int[] {0, 1, 9_999_999, Integer.MAX_VALUE}) {
        for (int index : new int[] {0, 7, 65_535, (1 << 28) - 1}) {
          long ref = NameRef.of(sort, file, index);
          assertEquals(sort, NameRef.sort(ref));
          assertEquals(file, NameRef.file(ref));
          assertEquals(index, NameRef.index(ref));
        }
      }
    }
  }

  @Test
  void numbersComeBack() {
    for (int sort : new int[] {NameRef.EXTERNAL_CALLABLE, NameRef.EXTERNAL_TYPE, NameRef.CALLABLE_AT,
        NameRef.TYPE_AT}) {
      for (long number : new long[] {0, 1, 80_000_000, (1L << 60) - 1}) {
        long ref = NameRef.ofNumber(sort, number);
        assertEquals(sort, NameRef.sort(ref));
        assertEquals(number, NameRef.number(ref));
      }
    }
  }

  @Test
  void whatDoesNotFitIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> NameRef.of(NameRef.CALLABLE, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> NameRef.of(NameRef.CALLABLE, 0, 1 << 28));
    assertThrows(IllegalArgumentException.class, () -> NameRef.ofNumber(NameRef.TYPE_AT, 1L << 60));
    assertThrows(IllegalArgumentException.class, () -> NameRef.ofNumber(NameRef.TYPE_AT, -1));
  }
}
