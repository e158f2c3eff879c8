package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ObjectIdListTest {
  @Test
  void idsComeBackInOrderAcrossChunks() {
    ObjectIdList list = new ObjectIdList();
    int n = (1 << 16) * 2 + 5; // three chunks
    for (int i = 0; i < n; i++) {
      list.add(ObjectId.of(Integer.toString(i).getBytes()));
    }
    assertEquals(n, list.size());
    for (int i = 0; i < n; i += 997) {
      assertEquals(ObjectId.of(Integer.toString(i).getBytes()), list.get(i), "id " + i);
    }
    assertEquals(ObjectId.of(Integer.toString(n - 1).getBytes()), list.get(n - 1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(n));
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
  }
}
