package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Hex#of} is its own loop (see its Javadoc): it must give exactly what {@link HexFormat} gives. */
class HexTest {
  @Test
  void ofIsLowerCaseHexAsHexFormatWritesIt() {
    Random random = new Random(20261205);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      assertEquals(HexFormat.of().formatHex(bytes), Hex.of(bytes));
    }
    byte[] sha = new byte[32];
    random.nextBytes(sha);
    assertArrayEquals(sha, Hex.sha256(Hex.of(sha), "id"));
  }
}
