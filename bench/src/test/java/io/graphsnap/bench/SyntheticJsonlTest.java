package io.graphsnap.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@link SyntheticJsonl} and the {@code huge} scale. */
class SyntheticJsonlTest {
  @TempDir Path dir;

  @Test
  void theCommandWritesWhatTheLibraryWrites() throws Exception {
    Path out = dir.resolve("g.jsonl");
    SyntheticJsonl.main(new String[] {"--files", "40", "--seed", "7", out.toString()});
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    SyntheticJsonl.write(SyntheticGraph.ofFiles(40, 7), expected);
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(out));
    assertEquals(40, Files.readAllLines(out).size());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticJsonl.main(new String[] {"--files", "3"}));
    assertThrows(IllegalArgumentException.class,
        () -> SyntheticJsonl.main(new String[] {"--files", "3", "--scale", "tiny", "x.jsonl"}));
  }

  @Test
  void hugeIsTenMillionFiles() {
    assertEquals(10_000_000, Scale.parse("huge").files());
  }
}
