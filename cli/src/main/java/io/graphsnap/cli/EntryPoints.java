package io.graphsnap.cli;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.util.Set;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Entry points by convention, for {@code dead}: {@code main} methods, and the methods that frameworks call by
 * reflection. The graph records an annotation use as a {@code references} edge to the annotation type, whose name
 * may be resolved ({@code org.junit.jupiter.api.BeforeEach}) or not ({@code p.BeforeEach} under a wildcard import),
 * so annotations are recognised by their simple name. Each method is O(N + E) over the snapshot.
 */
final class EntryPoints {
  private EntryPoints() {}

  /**
   * Annotations whose methods a framework calls: JUnit 5 and 4 lifecycle methods and test templates, JMH
   * benchmarks and fixtures.
   */
  static final Set<String> FRAMEWORK_ANNOTATIONS = Set.of(
      "BeforeEach", "AfterEach", "BeforeAll", "AfterAll", "Before", "After", "BeforeClass", "AfterClass",
      "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate", "Test",
      "Benchmark", "Setup", "TearDown");

  /** {@code static} methods named {@code main} taking a {@code String[]} (or {@code String...}). */
  static MutableRoaringBitmap mainMethods(GraphSnapshot g) {
    MutableRoaringBitmap out = new MutableRoaringBitmap();
    for (int id = 0; id < g.nodeCount(); id++) {
      String name = g.name(id);
      if ((name.endsWith("#main(String[])") || name.endsWith("#main(String...)")) && !g.isExternal(id)) {
        String modifiers = g.details(id).metadata().getOrDefault("modifiers", "");
        if (modifiers.contains("static")) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /**
   * Methods a framework calls: those annotated with one of {@link #FRAMEWORK_ANNOTATIONS}; the argument providers
   * of parameterised tests (the {@code static} methods without parameters of a class whose methods use
   * {@code @MethodSource}, an approximation since the provider's name is not recorded); and methods that override
   * an external method (a library calls them: {@code toString()}, {@code run()}, {@code provideArguments(...)}).
   */
  static MutableRoaringBitmap frameworkMethods(GraphSnapshot g) {
    MutableRoaringBitmap out = new MutableRoaringBitmap();
    int references = g.edgeTypeId("references");
    int overrides = g.edgeTypeId("overrides");
    Set<String> providerClasses = new java.util.HashSet<>();
    for (int id = 0; id < g.nodeCount(); id++) {
      if (g.isExternal(id) || g.name(id).indexOf('(') < 0) {
        continue;
      }
      if (references >= 0) {
        EdgeCursor c = g.out(id, references);
        for (int t = c.next(); t >= 0; t = c.next()) {
          String simple = NameMatch.lastSegment(g.name(t));
          if (FRAMEWORK_ANNOTATIONS.contains(simple)) {
            out.add(id);
          } else if (simple.equals("MethodSource")) {
            providerClasses.add(owner(g.name(id)));
          }
        }
      }
      if (overrides >= 0) {
        EdgeCursor c = g.out(id, overrides);
        for (int t = c.next(); t >= 0; t = c.next()) {
          if (g.isExternal(t)) {
            out.add(id);
          }
        }
      }
    }
    if (!providerClasses.isEmpty()) {
      for (int id = 0; id < g.nodeCount(); id++) {
        String name = g.name(id);
        if (name.endsWith("()") && providerClasses.contains(owner(name)) && !g.isExternal(id)
            && g.details(id).metadata().getOrDefault("modifiers", "").contains("static")) {
          out.add(id);
        }
      }
    }
    return out;
  }

  private static String owner(String member) {
    int hash = member.indexOf('#');
    return hash < 0 ? member : member.substring(0, hash);
  }
}
