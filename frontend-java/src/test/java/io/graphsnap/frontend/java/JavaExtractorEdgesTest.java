package io.graphsnap.frontend.java;

import static io.graphsnap.frontend.java.Fixtures.extract;
import static io.graphsnap.frontend.java.Fixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edges {@link JavaExtractor} extracts from the fixtures, one edge type at a time. */
class JavaExtractorEdgesTest {
  private static final String R = "fx.shapes.Registry";
  private static FileSummary registry;

  @BeforeAll
  static void extractRegistry() throws Exception {
    registry = extract("src", "fx/shapes/Registry.java");
  }

  private static Set<String> of(String source, String type) {
    return targets(registry, source, type);
  }

  private static void assertHas(Set<String> actual, String... expected) {
    for (String e : expected) {
      assertTrue(actual.contains(e), "missing " + e + " in " + actual);
    }
  }

  @Test
  void containsLinksPackageTypesMembersAndLocalClasses() throws Exception {
    assertEquals(Set.of(R, "fx.shapes.Base"), of("fx.shapes", "contains"));
    assertHas(of(R, "contains"), R + "#add(Object)", R + "#shapes", R + "#<init>()", R + ".Entry", R + ".Special");
    assertEquals(Set.of(R + "$1"), of(R + "#iterator()", "contains"), "a method contains its anonymous class");
    assertEquals(Set.of(R + "$1Namer"), of(R + "#names()", "contains"), "a method contains its local class");
    assertHas(of(R + "$1", "contains"), R + "$1#hasNext()", R + "$1#next()", R + "$1#next");
    assertEquals(Set.of("fx.shapes.Color$1"), targets(extract("src", "fx/shapes/Color.java"), "fx.shapes.Color#RED", "contains"));
  }

  @Test
  void extendsAndImplementsExplicitAndImplicit() throws Exception {
    assertEquals(Set.of("fx.shapes.Base"), of(R, "extends"));
    assertEquals(Set.of("java.lang.Iterable", "java.lang.AutoCloseable"), of(R, "implements"));
    assertEquals(Set.of("fx.shapes.Base"), of(R + ".Special", "extends"));
    assertEquals(Set.of("java.lang.Object"), of("fx.shapes.Base", "extends"), "a class without extends extends Object");
    assertEquals(Set.of("java.lang.Object"), of(R + "$1", "extends"));
    assertEquals(Set.of("java.util.Iterator"), of(R + "$1", "implements"), "an anonymous class of a JDK interface implements it");
    assertEquals(Set.of("java.util.function.Function"), of(R + "$1Namer", "implements"));
    FileSummary circle = extract("src", "fx/shapes/Circle.java");
    assertEquals(Set.of("java.lang.Record"), targets(circle, "fx.shapes.Circle", "extends"));
    assertEquals(Set.of("fx.shapes.Shape"), targets(circle, "fx.shapes.Circle", "implements"));
    FileSummary color = extract("src", "fx/shapes/Color.java");
    assertEquals(Set.of("java.lang.Enum"), targets(color, "fx.shapes.Color", "extends"));
    assertEquals(Set.of("fx.shapes.Color"), targets(color, "fx.shapes.Color$1", "extends"));
    assertEquals(Set.of("java.lang.Comparable"), targets(extract("src", "fx/shapes/Shape.java"), "fx.shapes.Shape", "extends"),
        "an interface extends its superinterfaces");
    assertEquals(Set.of("java.lang.annotation.Annotation"),
        targets(extract("src", "fx/shapes/Marker.java"), "fx.shapes.Marker", "extends"));
  }

  @Test
  void importsIncludingStaticOnes() {
    Set<String> imports = of(R, "imports");
    assertHas(imports, "java.util.List", "java.util.concurrent.ConcurrentHashMap", "java.nio.file.Files");
    assertHas(imports, "java.util.Objects", "java.lang.Math"); // import static java.util.Objects.requireNonNull; java.lang.Math.*
    assertEquals(imports, of("fx.shapes.Base", "imports"), "every top-level type of the file imports what the file imports");
  }

  @Test
  void callsToOverloadsOfTheFileResolveToTheDeclaredSymbol() {
    assertHas(of(R + "#fill()", "calls"), R + "#add(String)", R + "#add(int,Object)", R + "#add(Object)");
    assertHas(of(R + "#add(String)", "calls"), R + "#add(Object)"); // a Circle is no String
    assertHas(of(R + "#addAll(Shape...)", "calls"), R + "#add(Object)");
    assertEquals(Set.of(R + "#<init>()", "fx.shapes.Base#log(String)"), of(R + "#<init>(String)", "calls"), "this(...)");
    assertEquals(Set.of("fx.shapes.Base#<init>(String)"), of(R + "#<init>()", "calls"), "super(...)");
    assertHas(of(R + ".Special#describe()", "calls"), "fx.shapes.Base#log(String)");
  }

  @Test
  void callsFindTheReceiverTypeFromLocalsFieldsReturnTypesAndTypeNames() {
    Set<String> fill = of(R + "#fill()", "calls");
    assertHas(fill, R + ".Entry#<init>(String)", R + ".Entry#touch()"); // var local = new Entry(..); first.touch()
    assertHas(fill, "fx.shapes.Circle#unit()"); // a static call on a type of another file, no arguments: exact
    assertHas(of(R + "#firstName()", "calls"), R + "#first()", "java.lang.String#trim()"); // first().name.trim()
    assertHas(of(R + "#names()", "calls"), R + "$1Namer#<init>()", R + "$1Namer#apply(Shape)");
  }

  @Test
  void callsIntoTheJdkUseItsDeclarations() {
    assertEquals(Set.of("java.nio.file.Files#readString(Path)"), of(R + "#read(Path)", "calls"));
    assertEquals(Set.of(R + "#total()", "java.io.PrintStream#println(double)"), of(R + "#print()", "calls"));
    assertHas(of(R + "#names()", "calls"), "java.util.Collection#stream()", "java.util.stream.Stream#map(Function)",
        "java.lang.Iterable#forEach(Consumer)", "java.util.List#add(Object)");
    assertHas(of(R + "#put(Comparable,Shape)", "calls"), "java.util.Objects#requireNonNull(Object)",
        "java.util.Map#put(Object,Object)");
    assertHas(of(R + "#total()", "calls"), "java.lang.Math#max(double,double)"); // import static java.lang.Math.*
    assertEquals(Set.of("java.lang.Thread#<init>(Runnable)", "java.lang.Thread#start()"), of(R + "#spawn()", "calls"));
  }

  @Test
  void unresolvedCallsFollowTheNamingConvention() throws Exception {
    assertHas(of(R + "#add(String)", "calls"), "fx.shapes.Circle#<init>(?,?)"); // another file's type: one ? per argument
    assertHas(of(R + "#names()", "calls"), "fx.shapes.Shape#name", "java.util.List#add"); // method references
    String source = "package p;\nclass A extends q.B implements q.C {\n"
        + "  void f() { helper.run(1, 2); g().wait(); g().go(3); }\n  Object g() { return null; }\n}\n";
    FileSummary s = new JavaExtractor().extract("p/A.java", source.getBytes(StandardCharsets.UTF_8));
    // helper: a field inherited from outside the file, its type unknown; g() returns Object, a JDK class.
    assertEquals(Set.of("?#run(?,?)", "p.A#g()", "java.lang.Object#wait()", "java.lang.Object#go(?)"),
        targets(s, "p.A#f()", "calls"));
  }

  @Test
  void lambdaBodiesBelongToTheEnclosingSymbol() {
    assertEquals(Set.of("fx.shapes.Base#log(String)"), of(R + "#onChange", "calls"));
  }

  @Test
  void constructorCalls() throws Exception {
    FileSummary color = extract("src", "fx/shapes/Color.java");
    assertEquals(Set.of("fx.shapes.Color#<init>(int)"), targets(color, "fx.shapes.Color#RED", "calls"));
    assertEquals(Set.of("fx.shapes.Color#<init>()"), targets(color, "fx.shapes.Color#BLACK", "calls"));
    assertEquals(Set.of("fx.shapes.Color#valueOf(String)", "java.lang.String#toUpperCase()"),
        targets(color, "fx.shapes.Color#parse(String)", "calls"));
    assertFalse(of(R + "#iterator()", "calls").contains("java.util.Iterator#<init>()"),
        "an anonymous class of an interface calls no constructor");
  }

  @Test
  void referencesCoverSignaturesBodiesCastsInstanceofAnnotationsAndGenerics() throws Exception {
    assertEquals(Set.of("java.io.IOException", "java.lang.String", "java.nio.file.Files", "java.nio.file.Path"),
        of(R + "#read(Path)", "references"));
    assertHas(of(R + "#add(Object)", "references"), "fx.shapes.Shape", "java.lang.Object", R + "#shapes"); // cast, param, field
    assertHas(of(R + "#isCircle(Object)", "references"), "fx.shapes.Circle", "fx.shapes.Shape"); // instanceof, pattern
    assertHas(of(R, "references"), "fx.shapes.Marker", "java.lang.Comparable", "fx.shapes.Shape"); // annotation, bound, Iterable<Shape>
    assertHas(of(R + "#shapes", "references"), "java.util.List", "fx.shapes.Shape", "java.util.ArrayList");
    assertHas(of(R + "#put(Comparable,Shape)", "references"), "java.lang.Comparable", "fx.shapes.Shape"); // type variables: erasure
    assertHas(of(R + "#firstName()", "references"), R + ".Entry#name");
    assertHas(of(R + "#iterator()", "references"), "java.lang.Override", "java.util.Iterator");
    assertHas(targets(extract("src", "fx/shapes/Marker.java"), "fx.shapes.Marker#shape()", "references"),
        "fx.shapes.Circle", "fx.shapes.Shape", "java.lang.Class"); // default value, wildcard bound
  }

  @Test
  void overridesInTheFileInTheJdkAndInOtherFiles() throws Exception {
    assertEquals(Set.of("fx.shapes.Base#describe()"), of(R + ".Special#describe()", "overrides"));
    assertEquals(Set.of("java.lang.Object#toString()"), of(R + "#toString()", "overrides"));
    assertEquals(Set.of("java.lang.Iterable#iterator()"), of(R + "#iterator()", "overrides"));
    assertEquals(Set.of("java.util.Iterator#hasNext()"), of(R + "$1#hasNext()", "overrides"));
    assertEquals(Set.of("java.util.function.Function#apply(Object)"), of(R + "$1Namer#apply(Shape)", "overrides"));
    assertEquals(Set.of(), of(R + "#<init>()", "overrides"));
    FileSummary color = extract("src", "fx/shapes/Color.java");
    assertEquals(Set.of("fx.shapes.Color#describe()"), targets(color, "fx.shapes.Color$1#describe()", "overrides"));
    assertEquals(Set.of("java.lang.Comparable#compareTo(Object)"),
        targets(extract("src", "fx/shapes/Shape.java"), "fx.shapes.Shape#compareTo(Shape)", "overrides"));
    assertEquals(Set.of("fx.shapes.Shape#area()"),
        targets(extract("src", "fx/shapes/Circle.java"), "fx.shapes.Circle#area()", "overrides"),
        "@Override with a supertype of another file: the same signature there");
  }

  @Test
  void testsPointFromTestMethodsToTheClassUnderTest() throws Exception {
    FileSummary s = extract("src", "fx/shapes/RegistryTest.java");
    assertEquals(Set.of(R), targets(s, "fx.shapes.RegistryTest#addsShapes()", "tests"));
    assertEquals(Set.of(R), targets(s, "fx.shapes.RegistryTest#qualifiedAnnotation()", "tests"));
    assertEquals(Set.of(), targets(s, "fx.shapes.RegistryTest#helper()", "tests"));
    assertHas(targets(s, "fx.shapes.RegistryTest#addsShapes()", "calls"), R + "#<init>()",
        "org.junit.jupiter.api.Assertions#assertEquals(?,?,?)");
  }
}
