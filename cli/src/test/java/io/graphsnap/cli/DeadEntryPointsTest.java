package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dead} entry points by convention, and {@code --no-external}/{@code --exclude-tests} (issue 14, item 3). */
class DeadEntryPointsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  String store;

  @BeforeEach
  void build() throws Exception {
    Path main = dir.resolve("src/main/java/p");
    Path test = dir.resolve("src/test/java/p");
    Files.createDirectories(main);
    Files.createDirectories(test);
    Files.writeString(main.resolve("App.java"), """
        package p;
        public class App extends java.util.AbstractList<String> {
          public static void main(String[] args) { helper(); }
          static void helper() {}
          @Override public String get(int i) { return null; }
          @Override public int size() { return 0; }
          private void unused() {}
          @org.openjdk.jmh.annotations.Benchmark public void bench() {}
        }
        """);
    Files.writeString(test.resolve("AppTest.java"), """
        package p;
        import org.junit.jupiter.api.*;
        import org.junit.jupiter.params.provider.MethodSource;
        class AppTest {
          @BeforeEach void setUp() {}
          @AfterAll static void tearDownAll() {}
          @Test void works() {}
          @org.junit.jupiter.params.ParameterizedTest @MethodSource("cases") void param(int x) {}
          static java.util.stream.Stream<Integer> cases() { return null; }
          void unusedHelper() {}
        }
        """);
    store = dir.resolve("store").toString();
    CliRunner r = CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--quiet");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
  }

  List<String> names(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store, "--json"));
    CliRunner r = CliRunner.run(all.toArray(String[]::new));
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    List<String> names = new ArrayList<>();
    for (JsonNode row : JSON.readTree(r.out())) {
      names.add(row.get("name").asText());
    }
    return names;
  }

  @Test
  void conventionsMakeEntryPointsAndOnlyRealDeadCodeRemains() throws Exception {
    assertEquals(List.of("p.App#unused()", "p.AppTest#unusedHelper()"),
        names("dead", "--kind", "method", "--entry-kind", "test", "--entry-main", "--entry-frameworks", "--type", "calls"));
    List<String> mainOnly = names("dead", "--kind", "method", "--entry-main", "--type", "calls");
    assertFalse(mainOnly.contains("p.App#helper()"), mainOnly::toString);
    assertTrue(mainOnly.contains("p.AppTest#setUp()") && mainOnly.contains("p.App#get(int)"), mainOnly::toString);
    assertEquals(List.of("p.App#unused()"),
        names("dead", "--kind", "method", "--entry-main", "--entry-frameworks", "--exclude-tests", "--type", "calls"));
  }

  @Test
  void noExternalAndExcludeTestsFilterQueryAndPagerank() throws Exception {
    List<String> ranked = names("pagerank", "--no-external", "--exclude-tests", "--top", "100");
    assertFalse(ranked.isEmpty());
    for (String name : ranked) {
      assertFalse(name.startsWith("java.") || name.startsWith("org.") || name.contains("AppTest"), ranked::toString);
    }
    assertTrue(names("pagerank", "--top", "100").stream().anyMatch(n -> n.startsWith("java.")));
    List<String> methods = names("query", "--prefix", "p.", "--exclude-tests");
    assertTrue(methods.contains("p.App#unused()") && methods.stream().noneMatch(n -> n.contains("AppTest")), methods::toString);
    assertTrue(names("query", "--no-external").stream().noneMatch(n -> n.startsWith("java.")));
  }
}
