package io.graphsnap.bloom;

import static io.graphsnap.bloom.TestKeys.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * {@link BloomView#mightContainHash} answers exactly as {@link BloomView#mightContain} for the key's hash, and
 * {@link BloomFilterBuilder#addHash} builds exactly the bytes {@link BloomFilterBuilder#add} does.
 */
class MightContainHashTest {
  @Test
  void addHashWritesTheSameBytesAsAdd() {
    BloomFilterBuilder byKey = new BloomFilterBuilder(500);
    BloomFilterBuilder byHash = new BloomFilterBuilder(500);
    for (int i = 0; i < 500; i++) {
      byte[] key = utf8("k" + i * 7919);
      byKey.add(key);
      byHash.addHash(BloomHash.hash64(key, 0, key.length, byHash.seed()));
    }
    assertArrayEquals(byKey.toByteArray(), byHash.toByteArray());
  }

  @Test
  void sameAnswerAsHashingTheKeyWithTheFiltersSeed() {
    BloomFilterBuilder builder = new BloomFilterBuilder(2_000);
    for (int i = 0; i < 2_000; i++) {
      builder.add(utf8("present-" + i));
    }
    BloomView view = BloomView.wrap(MemorySegment.ofArray(builder.toByteArray()));
    assertEquals(BloomFormat.DEFAULT_SEED, view.seed());
    int positives = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] key = utf8((i % 2 == 0 ? "present-" : "absent-") + (i / 2));
      boolean expected = view.mightContain(key);
      assertEquals(expected, view.mightContainHash(BloomHash.hash64(key, 0, key.length, view.seed())), "key " + i);
      positives += expected ? 1 : 0;
    }
    assertTrue(positives >= 2_000, "every added key is reported: " + positives);
  }
}
