package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which files a change of the tree's declarations affects: the words of the change, and a file's words. */
class DeclarationChangeTest {
  private static DeclarationTable table(String... pathsAndSources) throws Exception {
    JavaExtractor x = new JavaExtractor();
    List<io.graphsnap.frontend.java.internal.FileDeclarations> files = new java.util.ArrayList<>();
    for (int i = 0; i < pathsAndSources.length; i += 2) {
      files.add(x.declarations(pathsAndSources[i], pathsAndSources[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return DeclarationTable.of(files, null);
  }

  private static boolean affects(DeclarationChange c, String source) {
    return c.affects(source.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMethodAddedToASuperclassNamesTheMethodAndEverySubtype() throws Exception {
    String sub = "package b; public class Sub extends a.Base { }";
    DeclarationTable before = table("a/Base.java", "package a; public class Base { public int size() { return 0; } }",
        "b/Sub.java", sub, "c/Far.java", "package c; class Far { int far() { return 1; } }");
    DeclarationTable after = table("a/Base.java",
        "package a; public class Base { public int size() { return 0; } public int grow(int by) { return by; } }",
        "b/Sub.java", sub, "c/Far.java", "package c; class Far { int far() { return 1; } }");
    DeclarationChange c = DeclarationChange.between(before, after);
    assertEquals(Set.of("grow"), c.words(), "a class whose members alone changed: only the members' names");
    assertFalse(affects(c, "class U { int u(Object s) { return ((b.Sub) s).size(); } }"),
        "naming the types but no changed member asks only questions whose answers are equal");
    assertTrue(affects(c, "class U { int u(X x) { return x.chain().grow(2); } }"), "a chain that ends in grow");
    assertFalse(affects(c, "class U { int u(X x) { return x.size(); } }"));
    assertTrue(affects(c, "class U { int u(X x) { return x.\\u0067row(1); } }"), "unicode escapes are decoded");
    assertFalse(affects(c, "class BaseTest { }"), "a test class's tests edge depends on the class existing only");

    DeclarationTable ctorBefore = table("a/Base.java", "package a; public class Base { public Base() { } }");
    DeclarationTable ctorAfter = table("a/Base.java", "package a; public class Base { public Base(int x) { } }");
    assertEquals(Set.of("Base"), DeclarationChange.between(ctorBefore, ctorAfter).words(),
        "changed constructors are reached by the type's name");
    assertTrue(affects(DeclarationChange.between(ctorBefore, ctorAfter), "class BaseTest { }"));
    DeclarationTable ifBefore = table("a/Fn.java", "package a; public interface Fn { int apply(int x); }");
    DeclarationTable ifAfter = table("a/Fn.java",
        "package a; public interface Fn { int apply(int x); int other(int y); }");
    assertTrue(DeclarationChange.between(ifBefore, ifAfter).words().containsAll(Set.of("Fn", "other")),
        "an interface's members type lambdas that name neither");
  }

  @Test
  void equalTablesAffectNothingAndAnotherClassPathAffectsEverything() throws Exception {
    DeclarationTable t = table("a/A.java", "package a; class A { }");
    assertSame(DeclarationChange.NONE, DeclarationChange.between(t, table("a/A.java", "package a; class A { }")));
    assertFalse(affects(DeclarationChange.NONE, "class A { }"));
    assertTrue(affects(DeclarationChange.ALL, ""));
    assertNull(DeclarationChange.ALL.words());
  }

  @Test
  void aChangeToATypeEveryFileMayUseWithoutNamingItAffectsEveryFile() throws Exception {
    DeclarationTable before = table("java/lang/String.java", "package java.lang; public final class String { }");
    DeclarationTable after = table("java/lang/String.java",
        "package java.lang; public final class String { public int length() { return 0; } }");
    assertTrue(DeclarationChange.between(before, after).all());
  }

  @Test
  void aTypeArgumentOfASupertypeOrAGenericResultNamesTheMembersThatYieldIt() throws Exception {
    String box = "package a; public class Box<T> { public T get() { return null; } }";
    String foo = "package a; public class Foo { public int foo() { return 1; } }";
    DeclarationTable before = table("a/Box.java", box, "a/Foo.java", foo,
        "b/Sub.java", "package b; public class Sub extends a.Box<a.Foo> { }");
    DeclarationTable after = table("a/Box.java", box, "a/Foo.java", foo,
        "b/Sub.java", "package b; public class Sub extends a.Box<String> { }");
    DeclarationChange c = DeclarationChange.between(before, after);
    assertTrue(affects(c, "class U { int u(b.Sub s) { return s.get().foo(); } }"), c::toString);
    assertFalse(affects(c, "class U { int u(X x) { return x.size(); } }"), c::toString);

    DeclarationTable list = table("a/Box.java", box, "a/Foo.java", foo,
        "b/Src.java", "package b; public class Src { public java.util.List<a.Foo> items() { return null; } }");
    DeclarationTable fooChanged = table("a/Box.java", box, "a/Foo.java",
        "package a; public class Foo extends Exception { public int foo() { return 1; } }",
        "b/Src.java", "package b; public class Src { public java.util.List<a.Foo> items() { return null; } }");
    assertTrue(DeclarationChange.between(list, fooChanged).words().contains("items"),
        "a member whose generic result mentions the changed type");
  }

  @Test
  void aChangedCloseAffectsEveryFileWithATryForItsImplicitCloseCalls() throws Exception {
    String base = "package a; public class Res implements AutoCloseable { public void close() { } }";
    DeclarationTable before = table("a/Res.java", base, "a/Sub.java", "package a; public class Sub extends Res { }");
    DeclarationTable after = table("a/Res.java", base,
        "a/Sub.java", "package a; public class Sub extends Res { @Override public void close() { } }");
    DeclarationChange c = DeclarationChange.between(before, after);
    assertTrue(c.words().contains("close"), c::toString);
    assertTrue(affects(c, "class U { void u(F f) throws Exception { try (var r = f.make()) { } } }"),
        "the resource's type is not written, nor is close");
    assertFalse(affects(c, "class U { void u(F f) { f.make(); } }"));
  }
}
