package io.graphsnap.bench.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle on a small two-package fixture, compiled here with javac. */
class ResolutionOracleTest {
  @TempDir Path classes;

  private static Path fixture() throws URISyntaxException {
    return Path.of(ResolutionOracleTest.class.getResource("/resolution/src").toURI());
  }

  private ResolutionOracle.Score score() throws Exception {
    Path src = fixture();
    List<String> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String[] args = Stream.concat(Stream.of("-d", classes.toString()), files.stream()).toArray(String[]::new);
    assertEquals(0, javac.run(null, null, null, args), "the fixture compiles");
    return ResolutionOracle.run("fx", src, "", classes.toString(), List.of(), 1);
  }

  @Test
  void countsEveryProjectCallTargetOnce() throws Exception {
    ResolutionOracle.Score s = score();
    // Leaf: Node(), first(), Entry.key(); Main: Util.log x2, Circle(double), scaled, area, describe, unit,
    // Leaf(), Leaf.key(), helper, Main's implicit Object() excluded (not in the project) ...; Session: its implicit
    // Node(), Session(), the try-with-resources' implicit close(), Shape.area() on requireNonNull's result
    assertEquals(23, s.targets(), String.join("\n", s.misses()));
    assertEquals(s.targets(), s.found() + s.wrong() + s.unresolved());
    assertEquals(0, s.wrong(), String.join("\n", s.misses()));
    assertTrue(s.misses().stream().noneMatch(m -> m.contains("Object#")), "JDK targets are not scored");
  }

  @Test
  void resolvesCallsAcrossFiles() throws Exception {
    ResolutionOracle.Score s = score();
    assertEquals(s.targets(), s.found(), String.join("\n", s.misses()));
    assertEquals(0, s.phantomTypes(), String.join("\n", s.misses()));
  }

}
