package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Serialise → place (heap, or a mapped file section) → {@link BloomView#wrap} → query. */
class BloomViewMappedTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Segments.class)
  void roundTripAnswersLikeTheHeapCopy(Segments where) {
    final byte[][] keys = TestKeys.present(10_000, 11);
    final BloomFilterBuilder builder = new BloomFilterBuilder(keys.length);
    for (byte[] key : keys) {
      builder.add(key);
    }
    final byte[] bytes = builder.toByteArray();
    final BloomView heap = BloomView.wrap(MemorySegment.ofArray(bytes));
    try (Arena arena = Arena.ofConfined()) {
      final MemorySegment segment = where.place(bytes, dir, arena);
      final BloomView view = BloomView.wrap(segment);
      assertEquals(builder.blockCount(), view.blockCount());
      assertEquals(builder.hashCount(), view.hashCount());
      assertEquals(BloomFormat.VERSION_CURRENT, view.version());
      assertEquals(builder.serializedSize(), view.byteSize());
      for (byte[] key : keys) {
        assertTrue(view.mightContain(key));
      }
      for (byte[] key : TestKeys.absent(50_000, 12)) {
        assertEquals(heap.mightContain(key), view.mightContain(key));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Segments.class)
  void worksOnASegmentThatIsNotEightByteAligned(Segments where) {
    final BloomFilterBuilder builder = new BloomFilterBuilder(100);
    builder.add(utf8("java.lang.String#length"));
    final byte[] bytes = builder.toByteArray();
    try (Arena arena = Arena.ofConfined()) {
      final MemorySegment shifted = arena.allocate(bytes.length + 3L, 8).asSlice(3);
      MemorySegment.copy(where.place(bytes, dir, arena), 0, shifted, 0, bytes.length);
      assertTrue(BloomView.wrap(shifted).mightContain(utf8("java.lang.String#length")));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Segments.class, names = "MAPPED_SECTION")
  void queryAfterTheArenaIsClosedFailsCleanly(Segments where) {
    final BloomFilterBuilder builder = new BloomFilterBuilder(10);
    builder.add(utf8("k"));
    final BloomView view;
    try (Arena arena = Arena.ofConfined()) {
      view = BloomView.wrap(where.place(builder.toByteArray(), dir, arena));
      assertTrue(view.mightContain(utf8("k")));
    }
    assertThrows(IllegalStateException.class, () -> view.mightContain(utf8("k")));
  }
}
