package io.graphsnap.bloom;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic symbol-like keys for tests: present keys and keys that are certainly distinct from them. */
final class TestKeys {
  private TestKeys() {}

  /** Returns {@code count} distinct symbol-like UTF-8 keys, the same for the same seed. */
  static byte[][] present(int count, long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = utf8("com.example.p" + random.nextInt(1000) + ".Type" + i + "#method" + random.nextInt(100));
    }
    return keys;
  }

  /** Returns {@code count} keys never produced by {@link #present} (different prefix). */
  static byte[][] absent(int count, long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = utf8("org.absent.q" + random.nextInt(1000) + ".Type" + i + "#field" + random.nextInt(100));
    }
    return keys;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
