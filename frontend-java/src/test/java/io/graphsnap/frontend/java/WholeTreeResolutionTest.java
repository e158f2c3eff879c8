package io.graphsnap.frontend.java;

import static io.graphsnap.frontend.java.Fixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import io.graphsnap.frontend.java.internal.FileDeclarations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names resolved against the whole tree's declarations ({@link DeclarationTable}), the JDK and a class path. */
class WholeTreeResolutionTest {
  @TempDir Path dir;

  private static Map<String, FileSummary> extractAll(Map<String, String> sources, ClasspathTypes classpath)
      throws Exception {
    return Fixtures.extractTree(sources, classpath);
  }

  private static Set<String> allTargets(FileSummary s, String type) {
    Set<String> out = new TreeSet<>();
    for (EdgeSummary e : s.edges()) {
      if (e.type().equals(type)) {
        out.add(e.target());
      }
    }
    return out;
  }

  private static final Map<String, String> TREE = Map.of(
      "a/Base.java", """
          package a;
          public abstract class Base {
            public static class Entry { public int key() { return 0; } }
            protected Entry entry;
            public abstract int size();
            public Base self() { return this; }
            public int grow(int by) { return by; }
            public int grow(Object by) { return 1; }
          }
          """,
      "b/Impl.java", """
          package b;
          import a.*;
          import java.util.*;
          public class Impl extends Base {
            private final List<String> names = new ArrayList<>();
            public int size() { return entry.key() + self().size() + grow(1) + grow("x"); }
            Entry first() { return new Entry(); }
            Object peer() { return new Helper().make(names); }
          }
          """,
      "b/Helper.java", """
          package b;
          class Helper {
            Impl make(java.util.Collection<String> c) { return new Impl(); }
          }
          """,
      "b/ImplTest.java", """
          package b;
          import org.junit.jupiter.api.Test;
          class ImplTest {
            @Test void sizes() { new Impl().size(); new Helper().make(null); }
          }
          """,
      "b/GhostTest.java", """
          package b;
          class GhostTest {
            @org.junit.jupiter.api.Test void nothing() { }
          }
          """);

  @Test
  void onDemandImportsResolveToTheTreesTypesAndNothingIsInvented() throws Exception {
    Map<String, FileSummary> s = extractAll(new LinkedHashMap<>(TREE), ClasspathTypes.EMPTY);
    FileSummary impl = s.get("b/Impl.java");
    assertEquals(Set.of("a.Base"), targets(impl, "b.Impl", "extends"));
    assertTrue(allTargets(impl, "references").contains("a.Base.Entry"), "a member type inherited from another file's supertype");
    assertTrue(allTargets(impl, "references").contains("java.util.List"));
    for (FileSummary f : s.values()) {
      for (String t : allTargets(f, "references")) {
        assertTrue(!t.startsWith("b.Base") && !t.startsWith("b.Entry") && !t.startsWith("b.List"), "invented: " + t);
      }
    }
  }

  @Test
  void callsResolveThroughOtherFilesSupertypesFieldsAndReturnTypes() throws Exception {
    Map<String, FileSummary> s = extractAll(new LinkedHashMap<>(TREE), ClasspathTypes.EMPTY);
    FileSummary impl = s.get("b/Impl.java");
    Set<String> calls = targets(impl, "b.Impl#size()", "calls");
    assertTrue(calls.containsAll(Set.of("a.Base.Entry#key()", "a.Base#self()", "a.Base#size()", "a.Base#grow(int)",
        "a.Base#grow(Object)")), calls::toString);
    assertEquals(Set.of("a.Base.Entry#<init>()"), targets(impl, "b.Impl#first()", "calls"));
    assertTrue(targets(impl, "b.Impl#peer()", "calls").contains("b.Helper#make(Collection)"));
    assertTrue(targets(impl, "b.Impl#<init>()", "calls").contains("a.Base#<init>()"), "the implicit super()");
    assertEquals(Set.of("a.Base#size()"), targets(impl, "b.Impl#size()", "overrides"));
  }

  @Test
  void testsEdgesGoOnlyToTypesThatExistAndToTheMethodsATestCalls() throws Exception {
    Map<String, FileSummary> s = extractAll(new LinkedHashMap<>(TREE), ClasspathTypes.EMPTY);
    assertEquals(Set.of("b.Impl", "b.Impl#size()", "b.Impl#<init>()", "b.Helper#make(Collection)", "b.Helper#<init>()"),
        targets(s.get("b/ImplTest.java"), "b.ImplTest#sizes()", "tests"));
    assertEquals(Set.of(), targets(s.get("b/GhostTest.java"), "b.GhostTest#nothing()", "tests"), "no class Ghost");
  }

  @Test
  void unresolvedNamesStayExplicit() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("c/Lost.java", "package c;\nimport z.*;\nclass Lost extends Missing { Gone g; void f() { g.run(); h(1); } }\n");
    FileSummary lost = extractAll(src, ClasspathTypes.EMPTY).get("c/Lost.java");
    assertEquals(Set.of("?.Missing"), targets(lost, "c.Lost", "extends"));
    assertTrue(allTargets(lost, "references").contains("?.Gone"));
    assertTrue(allTargets(lost, "references").stream().noneMatch(t -> t.startsWith("c.") && t.indexOf('#') < 0),
        allTargets(lost, "references")::toString);
  }

  @Test
  void badInputCompletes() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("d/X.java", "package d;\npublic class X extends Y { public static class In {} void f() { g(); In i = null; } }\n");
    src.put("d/Y.java", "package d;\npublic class Y extends X { void g() { f(); k(); } }\n");
    src.put("d/Z.java", "package d;\ninterface Z extends Z { void z(); }\n");
    src.put("d/Dup.java", "package d;\npublic class X { void other() {} }\n");
    src.put("d/Broken.java", "package d;\nclass Broken { void f( }\n");
    Map<String, FileSummary> s = extractAll(src, ClasspathTypes.EMPTY);
    assertEquals(4, s.size(), "every file that parses is extracted");
    assertEquals(Set.of("d.X"), targets(s.get("d/Y.java"), "d.Y", "extends"));
    assertEquals(Set.of("d.Z"), targets(s.get("d/Z.java"), "d.Z", "extends"));
  }

  @Test
  void classPathTypesGetTheirDeclaredNames() throws Exception {
    Path lib = dir.resolve("lib/l/Lib.java");
    Files.createDirectories(lib.getParent());
    Files.writeString(lib, """
        package l;
        public class Lib {
          public static Lib of(String name) { return new Lib(); }
          public int count(CharSequence s, int... more) { return 0; }
          public static class Nested {}
        }
        """);
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), lib.toString()));
    Map<String, String> src = new LinkedHashMap<>();
    src.put("u/Use.java", """
        package u;
        import l.*;
        class Use {
          int use() { Lib.Nested n = null; return Lib.of("x").count("y", 1, 2) + java.util.Objects.hashCode(n); }
        }
        """);
    FileSummary use = extractAll(src, ClasspathTypes.open(List.of(classes))).get("u/Use.java");
    assertEquals(Set.of("l.Lib#of(String)", "l.Lib#count(CharSequence,int...)", "java.util.Objects#hashCode(Object)"),
        targets(use, "u.Use#use()", "calls"));
    assertTrue(allTargets(use, "references").contains("l.Lib.Nested"));
  }

  @Test
  void receiversTypedFromTypeArgumentsOfJdkGenericTypes() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Foo.java", "package p;\npublic class Foo {\n  public int bar() { return 1; }\n}\n");
    src.put("q/Use.java", """
        package q;
        import java.util.*;
        import p.Foo;
        class Use {
          private final List<Foo> items = new ArrayList<>();
          int first() { return items.get(0).bar(); }
          int each(Map<String, ? extends Foo> byName) {
            int n = 0;
            for (var f : items) { n += f.bar(); }
            for (var e : byName.entrySet()) { n += e.getValue().bar(); }
            n += byName.values().iterator().next().bar();
            return n;
          }
          int opt(Optional<Foo> o) { return o.orElseThrow().bar(); }
          void lambdas() {
            items.forEach(f -> f.bar());
            items.removeIf(f -> f.bar() > 1);
            items.stream().map(f -> f.bar()).count();
            Runnable r = () -> { };
          }
          int raw(List raw) { return raw.size(); }
        }
        """);
    FileSummary use = extractAll(src, null).get("q/Use.java");
    assertEquals(Set.of("p.Foo#bar()"), targets(use, "q.Use#first()", "calls").stream()
        .filter(t -> t.contains("bar")).collect(java.util.stream.Collectors.toSet()));
    assertTrue(targets(use, "q.Use#each(Map)", "calls").contains("p.Foo#bar()"), targets(use, "q.Use#each(Map)", "calls")::toString);
    assertTrue(targets(use, "q.Use#each(Map)", "calls").stream().noneMatch(t -> t.startsWith("?#bar")),
        targets(use, "q.Use#each(Map)", "calls")::toString);
    assertTrue(targets(use, "q.Use#opt(Optional)", "calls").contains("p.Foo#bar()"), targets(use, "q.Use#opt(Optional)", "calls")::toString);
    Set<String> lambdas = targets(use, "q.Use#lambdas()", "calls");
    assertTrue(lambdas.contains("p.Foo#bar()") && lambdas.stream().noneMatch(t -> t.startsWith("?#bar")), lambdas::toString);
  }

  @Test
  void typeArgumentsOfClassPathSupertypesBindTheirResults() throws Exception {
    Path lib = dir.resolve("lib/l/AbstractBuilder.java");
    Files.createDirectories(lib.getParent());
    Files.writeString(lib, """
        package l;
        public abstract class AbstractBuilder<T, B extends AbstractBuilder<T, B>> implements java.util.function.Supplier<T> {
          protected java.util.List<T> made;
          @SuppressWarnings("unchecked") public B setSize(int size) { return (B) this; }
          public java.util.Optional<T> last() { return java.util.Optional.empty(); }
        }
        """);
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), lib.toString()));
    Map<String, String> src = new LinkedHashMap<>();
    src.put("u/Thing.java", """
        package u;
        public class Thing {
          public int size() { return 0; }
          public static class Builder extends l.AbstractBuilder<Thing, Builder> {
            public Builder setName(String n) { return this; }
            @Override public Thing get() { return new Thing(); }
          }
        }
        """);
    src.put("u/Use.java", """
        package u;
        class Use {
          int use() {
            return new Thing.Builder().setSize(1).setName("x").get().size() + new Thing.Builder().last().get().size();
          }
          int each(Thing.Builder b) { return b.setSize(2).setSize(3).get().size(); }
        }
        """);
    FileSummary use = extractAll(src, ClasspathTypes.open(List.of(classes))).get("u/Use.java");
    Set<String> calls = targets(use, "u.Use#use()", "calls");
    assertTrue(calls.containsAll(Set.of("l.AbstractBuilder#setSize(int)", "u.Thing.Builder#setName(String)",
        "u.Thing.Builder#get()", "u.Thing#size()", "l.AbstractBuilder#last()", "java.util.Optional#get()")), calls::toString);
    assertTrue(calls.stream().noneMatch(t -> t.startsWith("?#")), calls::toString);
    assertTrue(targets(use, "u.Use#each(Builder)", "calls").contains("u.Thing#size()"));
  }

  @Test
  void typeArgumentsOfTheTreesGenericTypesAreFollowedAcrossFiles() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Foo.java", "package p;\npublic class Foo {\n  public int bar() { return 1; }\n}\n");
    src.put("p/Box.java", """
        package p;
        public class Box<T> {
          public T value;
          public T get() { return value; }
          public java.util.List<T> all() { return null; }
          public java.util.Map<String, Foo> byName() { return null; }
        }
        """);
    src.put("p/Boxes.java", """
        package p;
        public class Boxes<N extends Foo> extends Box<N> implements Iterable<N> {
          public java.util.Iterator<N> iterator() { return null; }
          int own() { return get().bar() + value.bar(); }
        }
        """);
    src.put("q/Use.java", """
        package q;
        import p.*;
        class Use {
          int use(Box<Foo> b, Boxes<Foo> bs, Boxes raw) {
            int n = b.get().bar() + b.value.bar() + b.all().get(0).bar() + b.byName().get("x").bar();
            for (var f : bs) { n += f.bar(); }
            return n + raw.get().bar();
          }
        }
        """);
    Map<String, FileSummary> s = extractAll(src, null);
    Set<String> calls = targets(s.get("q/Use.java"), "q.Use#use(Box,Boxes,Boxes)", "calls");
    assertTrue(calls.contains("p.Foo#bar()") && calls.stream().noneMatch(t -> t.startsWith("?#bar")), calls::toString);
    Set<String> own = targets(s.get("p/Boxes.java"), "p.Boxes#own()", "calls");
    assertTrue(own.contains("p.Foo#bar()") && own.stream().noneMatch(t -> t.contains("#bar") && !t.equals("p.Foo#bar()")),
        "a type variable seen from its own class erases to its bound: " + own);
  }

  @Test
  void overloadsWithLambdasConditionalsAndVarargsAreChosenOrLeftHonestlyOpen() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Api.java", """
        package p;
        public class Api {
          public static void run(Runnable r, int n) { }
          public static void run(String s, int n) { }
          public static void size(int n) { }
          public static void size(Integer n) { }
          public static void all(java.util.List<String> names) { }
          public static void all(String... names) { }
          public static void join(@Deprecated Object @Deprecated ... parts) { }
        }
        """);
    src.put("p/E.java", "package p;\npublic enum E { A, B;\n  public int code() { return 1; }\n}\n");
    src.put("q/Use.java", """
        package q;
        import p.*;
        class Use {
          void use(Integer boxed, boolean c, Object unknown) {
            Api.run(() -> { }, 1);
            Api.run(this::toString, 1);
            Api.size(c ? boxed : 0);
            Api.all(helper(unknown));
            Api.join("a", "b");
            E.valueOf("A").code();
            for (E e : E.values()) { e.code(); }
          }
        }
        """);
    Map<String, FileSummary> s = extractAll(src, null);
    Set<String> calls = targets(s.get("q/Use.java"), "q.Use#use(Integer,boolean,Object)", "calls");
    assertTrue(calls.containsAll(Set.of("p.Api#run(Runnable,int)", "p.Api#size(int)", "p.Api#join(Object...)",
        "p.E#valueOf(String)", "p.E#values()", "p.E#code()")), calls::toString);
    assertTrue(!calls.contains("p.Api#run(String,int)") && !calls.contains("p.Api#size(Integer)"), calls::toString);
    assertTrue(!calls.contains("p.Api#all(List)") && !calls.contains("p.Api#all(String...)"),
        "an unknown argument may be the array of the varargs overload: no guess, " + calls);
  }
}
