package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of {@code src/test/resources/corrupt/} is rejected by the stage its name starts with. */
class CorruptCorpusTest {
  @TempDir Path dir;

  static Stream<Path> corpus() throws IOException {
    Path root = Path.of("src/test/resources/corrupt");
    List<Path> files;
    try (Stream<Path> s = Files.list(root)) {
      files = s.filter(p -> p.toString().endsWith(".gsnap")).sorted().toList();
    }
    assertTrue(files.size() >= 10, "corpus at " + root.toAbsolutePath());
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void rejectedAtItsStage(Path file) throws IOException {
    String name = file.getFileName().toString();
    CorruptionTest.Outcome expected = CorruptionTest.Outcome.valueOf(name.substring(0, name.indexOf('-')).toUpperCase());
    Path copy = dir.resolve(name);
    assertEquals(expected, CorruptionTest.probe(copy, Files.readAllBytes(file), name));
  }
}
