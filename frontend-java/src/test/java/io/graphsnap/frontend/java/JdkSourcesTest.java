package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extracts all of module {@code java.base} from the running JDK's {@code lib/src.zip} (about 3,400 files)
 * and checks real facts on the summaries. Skipped, with the reason printed, when the JDK has no sources.
 */
class JdkSourcesTest {
  private static final Map<String, SymbolSummary> symbols = new HashMap<>();
  private static final Map<String, Set<String>> edgesOfInterest = new HashMap<>();
  private static final Map<String, Integer> extendsOrReferencesIn = new HashMap<>();
  private static ExtractionResult result;

  @BeforeAll
  static void extractJavaBase() throws Exception {
    Path zip = SourceTree.jdkSourceZip();
    if (!Files.isRegularFile(zip)) {
      System.out.println("JdkSourcesTest skipped: " + zip + " does not exist (this JDK ships without sources)");
      return;
    }
    Set<String> watched = Set.of("java.util.ArrayList", "java.util.ArrayList#add(Object)");
    try (SourceTree tree = SourceTree.open(zip, SourceTree.JAVA_BASE)) {
      result = new ParallelExtraction().run(tree, summary -> record(summary, watched));
    }
    System.out.printf("java.base: %,d files, %,d symbols, %,d edges in %.2f s (%.0f files/s, %d threads)%n",
        result.files(), result.symbols(), result.edges(), result.elapsedNanos() / 1e9, result.filesPerSecond(),
        Runtime.getRuntime().availableProcessors());
    result.failures().forEach(f -> System.out.println("parse failure: " + f.path() + ": " + f.message()));
  }

  /** Keeps only what the assertions need: every symbol (small records) and counts, never whole summaries. */
  private static void record(FileSummary summary, Set<String> watched) {
    for (SymbolSummary s : summary.symbols()) {
      symbols.putIfAbsent(s.name(), s);
    }
    for (EdgeSummary e : summary.edges()) {
      if (e.type().equals("extends") || e.type().equals("references")) {
        extendsOrReferencesIn.merge(e.target(), 1, Integer::sum);
      }
      String source = summary.symbols().get(e.source()).name();
      if (watched.contains(source)) {
        edgesOfInterest.computeIfAbsent(source + " " + e.type(), k -> new HashSet<>()).add(e.target());
      }
    }
  }

  private static void assumeSources() {
    assumeTrue(result != null, "the running JDK has no lib/src.zip");
  }

  @Test
  void everyFileParses() {
    assumeSources();
    assertTrue(result.files() > 3_000, "java.base has about 3,400 files, found " + result.files());
    assertEquals(List.of(), result.failures());
    assertEquals(result.files(), result.extracted());
  }

  @Test
  void arrayListIsAClassThatExtendsAbstractListAndImplementsList() {
    assumeSources();
    assertEquals("class", symbols.get("java.util.ArrayList").kind());
    assertEquals(Set.of("java.util.AbstractList"), edgesOfInterest.get("java.util.ArrayList extends"));
    assertTrue(edgesOfInterest.get("java.util.ArrayList implements").contains("java.util.List"));
    assertNotNull(symbols.get("java.util.ArrayList#add(Object)"));
    assertEquals("method", symbols.get("java.util.ArrayList#add(Object)").kind());
    assertTrue(edgesOfInterest.get("java.util.ArrayList#add(Object) overrides").contains("java.util.AbstractList#add(Object)"));
  }

  @Test
  void fileInputStreamReadHasAnIoOrNativeEffect() {
    assumeSources();
    List<String> effects = symbols.get("java.io.FileInputStream#read()").effects();
    assertTrue(effects.contains("io") || effects.contains("native"), effects.toString());
  }

  @Test
  void objectIsTheMostExtendedAndReferencedType() {
    assumeSources();
    int object = extendsOrReferencesIn.get("java.lang.Object");
    Map.Entry<String, Integer> runnerUp = extendsOrReferencesIn.entrySet().stream()
        .filter(e -> !e.getKey().equals("java.lang.Object"))
        .max(Map.Entry.comparingByValue()).orElseThrow();
    System.out.println("extends+references: java.lang.Object " + object + ", next " + runnerUp);
    assertTrue(object > runnerUp.getValue(), "Object " + object + " vs " + runnerUp);
  }
}
