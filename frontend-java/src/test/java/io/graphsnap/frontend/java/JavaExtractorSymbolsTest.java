package io.graphsnap.frontend.java;

import static io.graphsnap.frontend.java.Fixtures.extract;
import static io.graphsnap.frontend.java.Fixtures.hasSymbol;
import static io.graphsnap.frontend.java.Fixtures.symbol;
import static io.graphsnap.frontend.java.Fixtures.targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.frontend.java.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Symbols, kinds, names, lines and hashes that {@link JavaExtractor} extracts from the fixtures. */
class JavaExtractorSymbolsTest {
  private static final String SRC = "src";

  @Test
  void fileFieldsAreThePathLanguageAndHashOfTheBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(Fixtures.dir(SRC).resolve("fx/shapes/Shape.java"));
    FileSummary s = new JavaExtractor().extract("./fx//shapes/Shape.java", bytes);
    assertEquals("fx/shapes/Shape.java", s.path());
    assertEquals("java", s.language());
    assertArrayEquals(Sha256.of(bytes), s.sourceSha256());
  }

  @Test
  void kindsOfTypesAndThePackage() throws Exception {
    assertEquals("package", symbol(extract(SRC, "fx/shapes/Shape.java"), "fx.shapes").kind());
    assertEquals("interface", symbol(extract(SRC, "fx/shapes/Shape.java"), "fx.shapes.Shape").kind());
    assertEquals("record", symbol(extract(SRC, "fx/shapes/Circle.java"), "fx.shapes.Circle").kind());
    assertEquals("enum", symbol(extract(SRC, "fx/shapes/Color.java"), "fx.shapes.Color").kind());
    assertEquals("annotation", symbol(extract(SRC, "fx/shapes/Marker.java"), "fx.shapes.Marker").kind());
    FileSummary registry = extract(SRC, "fx/shapes/Registry.java");
    assertEquals("class", symbol(registry, "fx.shapes.Registry").kind());
    assertEquals("class", symbol(registry, "fx.shapes.Base").kind(), "a second top-level class of the file");
    assertEquals(1, registry.symbols().stream().filter(y -> y.kind().equals("package")).count());
  }

  @Test
  void methodNamesCarryErasedSimpleParameterTypes() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Registry.java");
    for (String name : List.of("fx.shapes.Registry#add(Object)", "fx.shapes.Registry#add(int,Object)",
        "fx.shapes.Registry#add(String)", "fx.shapes.Registry#addAll(Shape...)",
        "fx.shapes.Registry#put(Comparable,Shape)", "fx.shapes.Registry#iterator()",
        "fx.shapes.Registry#read(Path)", "fx.shapes.Registry#query(Connection)")) {
      assertEquals("method", symbol(s, name).kind(), name);
    }
    assertEquals("method", symbol(extract(SRC, "fx/shapes/Shape.java"), "fx.shapes.Shape#largest(List)").kind(),
        "a method type variable erases to its bound's simple name, generic arguments are dropped");
  }

  @Test
  void constructorsExplicitAndImplicit() throws Exception {
    FileSummary registry = extract(SRC, "fx/shapes/Registry.java");
    assertEquals("constructor", symbol(registry, "fx.shapes.Registry#<init>()").kind());
    assertEquals("constructor", symbol(registry, "fx.shapes.Registry#<init>(String)").kind());
    assertEquals("constructor", symbol(registry, "fx.shapes.Registry.Entry#<init>(String)").kind());
    SymbolSummary implicit = symbol(extract(SRC, "fx/shapes/RegistryTest.java"), "fx.shapes.RegistryTest#<init>()");
    assertEquals("true", implicit.metadata().get("implicit"));
    assertNull(implicit.contentHash(), "an implicit member has no text");
    assertFalse(hasSymbol(registry, "fx.shapes.Registry$1#<init>()"), "anonymous classes have no named constructor");
  }

  @Test
  void recordsHaveComponentsCanonicalConstructorAndAccessors() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Circle.java");
    assertEquals("field", symbol(s, "fx.shapes.Circle#radius").kind());
    assertEquals("field", symbol(s, "fx.shapes.Circle#label").kind());
    SymbolSummary compact = symbol(s, "fx.shapes.Circle#<init>(double,String)");
    assertEquals("constructor", compact.kind());
    assertEquals(null, compact.metadata().get("implicit"), "the compact constructor is the canonical one, written out");
    assertEquals("true", symbol(s, "fx.shapes.Circle#radius()").metadata().get("implicit"));
    assertEquals("true", symbol(s, "fx.shapes.Circle#label()").metadata().get("implicit"));
    assertEquals(Set.of("java.lang.String"), targets(s, "fx.shapes.Circle#label()", "references"));
  }

  @Test
  void enumsHaveConstantsConstantBodiesAndImplicitMembers() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Color.java");
    assertEquals("enum-constant", symbol(s, "fx.shapes.Color#RED").kind());
    assertEquals("enum-constant", symbol(s, "fx.shapes.Color#BLACK").kind());
    assertEquals("field", symbol(s, "fx.shapes.Color#rgb").kind());
    assertEquals("class", symbol(s, "fx.shapes.Color$1").kind(), "the body of RED is an anonymous class");
    assertEquals("method", symbol(s, "fx.shapes.Color$2#describe()").kind());
    assertEquals("true", symbol(s, "fx.shapes.Color#values()").metadata().get("implicit"));
    assertEquals("true", symbol(s, "fx.shapes.Color#valueOf(String)").metadata().get("implicit"));
  }

  @Test
  void nestedInnerAnonymousAndLocalClassesHaveDistinctNames() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Registry.java");
    assertEquals("public static final", symbol(s, "fx.shapes.Registry.Entry").metadata().get("modifiers"));
    assertTrue(hasSymbol(s, "fx.shapes.Registry.Special"));
    assertEquals("true", symbol(s, "fx.shapes.Registry$1").metadata().get("anonymous"));
    assertEquals("method", symbol(s, "fx.shapes.Registry$1#hasNext()").kind());
    assertEquals("field", symbol(s, "fx.shapes.Registry$1#next").kind());
    assertEquals("true", symbol(s, "fx.shapes.Registry$1Namer").metadata().get("local"));
    assertEquals("method", symbol(s, "fx.shapes.Registry$1Namer#apply(Shape)").kind());
  }

  @Test
  void annotationElementsAreMethods() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Marker.java");
    assertEquals(Set.of("fx.shapes.Marker#value()", "fx.shapes.Marker#priority()", "fx.shapes.Marker#shape()"),
        targets(s, "fx.shapes.Marker", "contains"));
  }

  @Test
  void interfaceMethodsKeepTheirModifiers() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Shape.java");
    assertEquals("default", symbol(s, "fx.shapes.Shape#describe()").metadata().get("modifiers"));
    assertEquals("static", symbol(s, "fx.shapes.Shape#largest(List)").metadata().get("modifiers"));
  }

  @Test
  void testMethodsHaveKindTest() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/RegistryTest.java");
    assertEquals("test", symbol(s, "fx.shapes.RegistryTest#addsShapes()").kind());
    assertEquals("test", symbol(s, "fx.shapes.RegistryTest#qualifiedAnnotation()").kind());
    assertEquals("method", symbol(s, "fx.shapes.RegistryTest#helper()").kind());
  }

  @Test
  void linesAndContentHashCoverTheDeclaration() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/Registry.java");
    SymbolSummary add = symbol(s, "fx.shapes.Registry#add(Object)");
    assertEquals(38, add.lineStart());
    assertEquals(40, add.lineEnd());
    String text = "public void add(Object o) {\n    shapes.add((Shape) o);\n  }";
    assertArrayEquals(Sha256.of(text.getBytes(StandardCharsets.UTF_8)), add.contentHash());
    SymbolSummary registry = symbol(s, "fx.shapes.Registry");
    assertEquals(19, registry.lineStart(), "a type starts at its first annotation, not its Javadoc");
    assertEquals(199, registry.lineEnd());
  }

  @Test
  void nonAsciiSourcesHashTheirUtf8Text() throws Exception {
    String source = "package p;\nclass Café {\n  String é() { return \"ü\"; }\n}\n";
    FileSummary s = new JavaExtractor().extract("p/Café.java", source.getBytes(StandardCharsets.UTF_8));
    SymbolSummary m = symbol(s, "p.Café#é()");
    assertArrayEquals(Sha256.of("String é() { return \"ü\"; }".getBytes(StandardCharsets.UTF_8)), m.contentHash());
    assertEquals(3, m.lineStart());
  }

  @Test
  void aByteOrderMarkIsIgnored() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "package p;\nclass A {}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);
    assertEquals("class", symbol(new JavaExtractor().extract("p/A.java", bytes), "p.A").kind());
  }

  @Test
  void theUnnamedPackageHasNoPackageSymbol() throws Exception {
    FileSummary s = extract(SRC, "Loose.java");
    assertEquals(Set.of("Loose", "Loose#items", "Loose#<init>()"), Fixtures.names(s));
    assertEquals(Set.of("java.util.List"), targets(s, "Loose", "imports"));
  }

  @Test
  void packageInfoDeclaresTheAnnotatedPackage() throws Exception {
    FileSummary s = extract(SRC, "fx/shapes/package-info.java");
    assertEquals(Set.of("fx.shapes"), Fixtures.names(s));
    assertEquals(Set.of("java.lang.Deprecated"), targets(s, "fx.shapes", "references"));
  }

  @Test
  void moduleInfoDeclaresAModuleWithDirectives() throws Exception {
    FileSummary s = extract("module", "module-info.java");
    assertEquals("module", symbol(s, "module:fx.shapes").kind());
    assertEquals(Set.of("module:java.sql", "module:java.logging"), targets(s, "module:fx.shapes", "requires"));
    assertEquals(Set.of("fx.shapes"), targets(s, "module:fx.shapes", "exports"));
    assertEquals(Set.of("fx.shapes"), targets(s, "module:fx.shapes", "opens"));
    assertEquals(Set.of("fx.shapes.Shape"), targets(s, "module:fx.shapes", "uses"));
    assertEquals(Set.of("fx.shapes.Circle"), targets(s, "module:fx.shapes", "provides"));
    assertEquals(Set.of("fx.shapes.Shape"), targets(s, "module:fx.shapes", "imports"));
  }

  @Test
  void clashingNamesAreMadeUnique() throws Exception {
    // javac's parser accepts this; only attribution would reject the clash of m(List) and m(List).
    String source = "package p;\nclass A {\n  void m(java.util.List a) {}\n  void m(java.awt.List b) {}\n}\n";
    FileSummary s = new JavaExtractor().extract("p/A.java", source.getBytes(StandardCharsets.UTF_8));
    assertTrue(hasSymbol(s, "p.A#m(List)"));
    assertTrue(hasSymbol(s, "p.A#m(List)~2"));
  }

  @Test
  void aSyntaxErrorNamesThePathLineAndJavacMessage() {
    JavaSyntaxException e = assertThrows(JavaSyntaxException.class, () -> extract("broken", "Broken.java"));
    assertEquals("Broken.java", e.path());
    assertEquals(5, e.line());
    assertTrue(e.diagnostic().contains("illegal start of expression"), e.diagnostic());
    assertTrue(e.getMessage().startsWith("Broken.java:5:"), e.getMessage());
  }
}
