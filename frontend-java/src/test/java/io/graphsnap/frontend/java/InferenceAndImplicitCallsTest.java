package io.graphsnap.frontend.java;

import static io.graphsnap.frontend.java.Fixtures.targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.frontend.java.internal.ClasspathTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers typed by inferring generic methods' type variables from their arguments, fields a tree class inherits
 * from JDK classes, multi-catch parameters, and the implicit {@code close()} of try-with-resources.
 */
class InferenceAndImplicitCallsTest {
  private static final String FOO = """
      package p;
      public class Foo {
        public int bar() { return 1; }
      }
      """;

  private static FileSummary extract(String path, String source) throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Foo.java", FOO);
    src.put(path, source);
    return Fixtures.extractTree(src, ClasspathTypes.EMPTY).get(path);
  }

  @Test
  void genericJdkMethodsTakeTheirTypeVariablesFromTheArguments() throws Exception {
    FileSummary use = extract("q/Use.java", """
        package q;
        import java.util.*;
        import java.util.stream.*;
        import p.Foo;
        class Use {
          int requireNonNull(Foo f) { return Objects.requireNonNull(f, "f").bar(); }
          int streamOfArray(Foo[] fs) { return Arrays.stream(fs).mapToInt(x -> x.bar()).sum(); }
          int streamOfVarargs(Foo a, Foo b) { return Stream.of(a, b).findFirst().get().bar(); }
          int optional(Foo f) { return Optional.ofNullable(f).orElse(f).bar(); }
          int wildcard(List<Foo> l) { return Collections.max(l, null).bar(); }
          int classLiteral(Object o) { return Foo.class.cast(o).bar(); }
          int explicit() { return Collections.<Foo>emptyList().get(0).bar(); }
        }
        """);
    for (String m : new String[] {"requireNonNull(Foo)", "streamOfArray(Foo[])", "streamOfVarargs(Foo,Foo)",
        "optional(Foo)", "wildcard(List)", "classLiteral(Object)", "explicit()"}) {
      Set<String> calls = targets(use, "q.Use#" + m, "calls");
      assertTrue(calls.contains("p.Foo#bar()"), m + ": " + calls);
      assertTrue(calls.stream().noneMatch(t -> t.startsWith("?#")), m + ": " + calls);
    }
    assertTrue(targets(use, "q.Use#streamOfVarargs(Foo,Foo)", "calls").contains("java.util.Optional#get()"));
  }

  @Test
  void genericClassPathMethodsTakeTheirTypeVariablesFromTheArguments(@TempDir Path dir) throws Exception {
    Path lib = dir.resolve("lib/l/Check.java");
    Files.createDirectories(lib.getParent());
    Files.writeString(lib, """
        package l;
        public final class Check {
          public static <T> T notNull(T value, String message) { return value; }
          public static <E, C extends java.util.Collection<E>> E first(C items) { return items.iterator().next(); }
        }
        """);
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), lib.toString()));
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Foo.java", FOO);
    src.put("q/Use.java", """
        package q;
        import l.Check;
        import p.Foo;
        class Use {
          int notNull(Foo f) { return Check.notNull(f, "f").bar(); }
          int first(java.util.List<Foo> l) { return Check.first(l).bar(); }
        }
        """);
    FileSummary use = Fixtures.extractTree(src, ClasspathTypes.open(List.of(classes))).get("q/Use.java");
    assertEquals(Set.of("l.Check#notNull(Object,String)", "p.Foo#bar()"), targets(use, "q.Use#notNull(Foo)", "calls"));
    // E is fixed only through C's bound, which this inference does not follow: unknown, not guessed
    assertEquals(Set.of("l.Check#first(Collection)", "?#bar()"), targets(use, "q.Use#first(List)", "calls"));
  }

  @Test
  void aTypeVariableThatTheArgumentsDoNotFixStaysUnknown() throws Exception {
    FileSummary use = extract("q/Use.java", """
        package q;
        import java.util.*;
        import p.Foo;
        class Use {
          int conflict(Foo f) { return List.of(f, "x").get(0).hashCode(); }
          int unconstrained() { return Collections.emptyList().get(0).hashCode(); }
        }
        """);
    // javac takes a least upper bound here (Object & Serializable …) and the target type there: never guessed
    assertEquals(Set.of("java.util.List#of(Object,Object)", "java.util.List#get(int)", "?#hashCode()"),
        targets(use, "q.Use#conflict(Foo)", "calls"));
    assertEquals(Set.of("java.util.Collections#emptyList()", "java.util.List#get(int)", "?#hashCode()"),
        targets(use, "q.Use#unconstrained()", "calls"));
  }

  @Test
  void lambdasWithAWrittenTargetTypeGetTheirParameterTypes() throws Exception {
    FileSummary use = extract("q/Use.java", """
        package q;
        import java.util.function.*;
        import p.Foo;
        class Use {
          Object cast() { return (Predicate<Foo>) f -> f.bar() > 0; }
          void variable() { ToIntFunction<Foo> g = f -> f.bar(); }
          Function<Foo, Integer> result() { return f -> f.bar(); }
          Supplier<Function<String, Integer>> nested() { return () -> s -> s.length(); }
        }
        """);
    assertEquals(Set.of("p.Foo#bar()"), targets(use, "q.Use#cast()", "calls"));
    assertEquals(Set.of("p.Foo#bar()"), targets(use, "q.Use#variable()", "calls"));
    assertEquals(Set.of("p.Foo#bar()"), targets(use, "q.Use#result()", "calls"));
    // the inner lambda's target is the outer one's result, which is not followed: unknown, not Supplier's
    assertEquals(Set.of("?#length()"), targets(use, "q.Use#nested()", "calls"));
  }

  @Test
  void overloadsThatShareTheirResultAndTypeVariableQualifiersTypeWhatFollows() throws Exception {
    FileSummary use = extract("q/Use.java", """
        package q;
        import java.util.function.Function;
        class Use<E extends Enum<E>> {
          String chain(StringBuilder sb, Object[] unknown, int i) { return sb.append(unknown[i].hashCode() > 0 ? mystery() : null).append('x').toString(); }
          Function<E, String> names() { return E::name; }
        }
        """);
    // the first append's overload is not known (its argument is not), but every append returns a StringBuilder
    assertEquals(Set.of("java.lang.Object#hashCode()", "?#mystery()", "java.lang.StringBuilder#append(?)",
        "java.lang.StringBuilder#append(char)", "java.lang.StringBuilder#toString()"),
        targets(use, "q.Use#chain(StringBuilder,Object[],int)", "calls"));
    assertEquals(Set.of("java.lang.Enum#name()"), targets(use, "q.Use#names()", "calls"));
  }

  @Test
  void aPrivateConstructorOfAnotherFilesClassIsNoCandidate() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("p/Err.java", "package p;\npublic class Err {\n  private Err(String s) { }\n  public Err(Object o) { }\n}\n");
    src.put("q/Use.java", "package q;\nclass Use {\n  Object make() { return new p.Err(\"a\" + 1); }\n}\n");
    FileSummary use = Fixtures.extractTree(src, ClasspathTypes.EMPTY).get("q/Use.java");
    assertEquals(Set.of("p.Err#<init>(Object)"), targets(use, "q.Use#make()", "calls"), "a String argument");
  }

  @Test
  void protectedFieldsOfJdkSuperclassesTypeTheirReceivers() throws Exception {
    FileSummary s = extract("q/Proxy.java", """
        package q;
        import java.io.*;
        class Proxy extends FilterInputStream {
          Proxy(InputStream in) { super(in); }
          @Override public int read() throws IOException { return in.read(); }
          @Override public void close() throws IOException { in.close(); }
        }
        """);
    assertEquals(Set.of("java.io.InputStream#read()"), targets(s, "q.Proxy#read()", "calls"));
    assertEquals(Set.of("java.io.InputStream#close()"), targets(s, "q.Proxy#close()", "calls"));
  }

  @Test
  void aMultiCatchParameterHasTheAlternativesCommonSuperclass() throws Exception {
    FileSummary s = extract("q/Catch.java", """
        package q;
        class Base extends Exception { void hint() { } }
        class One extends Base { }
        class Two extends Base { }
        class Catch {
          void tree() { try { run(); } catch (One | Two e) { e.hint(); } }
          void jdk() { try { run(); } catch (java.io.IOException | RuntimeException e) { e.addSuppressed(e); } }
          void run() throws One, Two, java.io.IOException { }
        }
        """);
    assertEquals(Set.of("q.Catch#run()", "q.Base#hint()"), targets(s, "q.Catch#tree()", "calls"));
    assertEquals(Set.of("q.Catch#run()", "java.lang.Throwable#addSuppressed(Throwable)"), targets(s, "q.Catch#jdk()", "calls"));
  }

  @Test
  void tryWithResourcesCallsEachResourcesCloseOnItsLine() throws Exception {
    String source = String.join("\n",
        "package q;",                                                  // 1
        "class Res implements AutoCloseable {",                        // 2
        "  @Override public void close() { }",                         // 3
        "}",                                                           // 4
        "class Sub extends Res { }",                                   // 5
        "class Use {",                                                 // 6
        "  void twr() throws Exception {",                             // 7
        "    try (Sub r = new Sub();",                                 // 8
        "         var in = new java.io.StringReader(\"x\")) {",        // 9
        "      in.read();",                                            // 10
        "    }",                                                       // 11
        "    Res existing = new Res();",                               // 12
        "    try (existing) { }",                                      // 13
        "  }",                                                         // 14
        "}",                                                           // 15
        "");
    FileSummary s = extract("q/Use.java", source);
    assertEquals(Set.of("q.Sub#<init>()", "java.io.StringReader#<init>(String)", "java.io.StringReader#read()",
        "q.Res#<init>()", "q.Res#close()", "java.io.StringReader#close()"), targets(s, "q.Use#twr()", "calls"));
    assertArrayEquals(new int[] {8, 13}, lines(s, "q.Res#close()"), "the inherited close() of Sub, and of existing");
    assertArrayEquals(new int[] {9}, lines(s, "java.io.StringReader#close()"));
  }

  private static int[] lines(FileSummary s, String target) {
    for (EdgeSummary e : s.edges()) {
      if (e.type().equals("calls") && e.target().equals(target)) {
        return e.lines();
      }
    }
    throw new AssertionError("no calls edge to " + target);
  }
}
