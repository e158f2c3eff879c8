package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphsnap build} after edits that change what other files resolve to: an incremental build of the
 * edited tree (same store, reusing what it can) must publish the very snapshot (same id, hence the same
 * bytes) that a build from scratch publishes. Fixed cross-file cases first, then random edits.
 */
class BuildCrossFileIncrementalTest {
  @TempDir Path dir;
  private int scratch;

  private Path src() {
    return dir.resolve("src");
  }

  private void write(String path, String text) throws IOException {
    Path p = src().resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void delete(String path) throws IOException {
    Files.deleteIfExists(src().resolve(path));
  }

  /** Builds incrementally into the kept store and from scratch into a new one; both must publish the same id. */
  private String assertSameAsFullBuild(String step, String... options) {
    lastExtracted = -1;
    List<String> args = new ArrayList<>(List.of("build", src().toString(), "--store", dir.resolve("kept").toString()));
    args.addAll(List.of(options));
    CliRunner incremental = CliRunner.run(args.toArray(String[]::new));
    args.set(3, dir.resolve("scratch-" + scratch++).toString());
    args.add("--quiet");
    CliRunner full = CliRunner.run(args.toArray(String[]::new));
    assertEquals(full.exitCode(), incremental.exitCode(), step + "\n" + incremental + "\n" + full);
    assertEquals(full.out(), incremental.out(), step + ": the incremental build must give the full build's snapshot\n"
        + incremental + "\n" + full);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("sources +[0-9,]+ files: ([0-9,]+) extracted")
        .matcher(incremental.err());
    if (m.find()) {
      lastExtracted = Integer.parseInt(m.group(1).replace(",", ""));
    }
    lastErr = incremental.err();
    return incremental.out().trim();
  }

  /** Files the last incremental build extracted (from its summary), or -1. */
  private int lastExtracted;
  private String lastErr;

  private List<String> calls(String name) {
    CliRunner r = CliRunner.run("neighbors", name, "--type", "calls", "--store", dir.resolve("kept").toString(), "--json");
    return r.exitCode() == 0 ? List.of(r.out()) : List.of();
  }

  @Test
  void crossFileEditsGiveTheFullBuildsSnapshot() throws Exception {
    write("a/Base.java", """
        package a;
        public class Base {
          public int size() { return 0; }
        }
        """);
    write("b/Sub.java", """
        package b;
        import a.Base;
        public class Sub extends Base {
          int twice() { return size() * 2 + grow(1); }
        }
        """);
    write("b/User.java", """
        package b;
        import a.*;
        class User {
          Object use(Sub s) { return s.twice() + s.size(); }
        }
        """);
    assertSameAsFullBuild("initial");

    // a superclass method is added in another file: Sub's grow(1) now resolves to it
    write("a/Base.java", """
        package a;
        public class Base {
          public int size() { return 0; }
          public int grow(int by) { return by; }
        }
        """);
    assertSameAsFullBuild("superclass method added");
    assertTrue(calls("b.Sub#twice()").toString().contains("a.Base#grow(int)"), calls("b.Sub#twice()")::toString);

    // a new overload in another file
    write("a/Base.java", """
        package a;
        public class Base {
          public int size() { return 0; }
          public int grow(int by) { return by; }
          public int grow(String by) { return by.length(); }
        }
        """);
    assertSameAsFullBuild("overload added");

    // the superclass method is removed again
    write("a/Base.java", """
        package a;
        public class Base {
          public int size() { return 0; }
        }
        """);
    assertSameAsFullBuild("superclass method removed");

    // import changed from single-type to on-demand
    write("b/Sub.java", """
        package b;
        import a.*;
        public class Sub extends Base {
          int twice() { return size() * 2 + grow(1); }
        }
        """);
    assertSameAsFullBuild("import single-type -> on-demand");

    // a type moves between packages: a.Base becomes c.Base
    delete("a/Base.java");
    write("c/Base.java", """
        package c;
        public class Base {
          public int size() { return 1; }
          public int grow(int by) { return by; }
        }
        """);
    assertSameAsFullBuild("type moved to another package (importers not updated)");
    write("b/Sub.java", """
        package b;
        import c.*;
        public class Sub extends Base {
          int twice() { return size() * 2 + grow(1); }
        }
        """);
    assertSameAsFullBuild("importer follows the move");

    // a body-only edit changes no declaration
    write("b/User.java", """
        package b;
        import a.*;
        class User {
          Object use(Sub s) { return s.twice() - s.size(); }
        }
        """);
    assertSameAsFullBuild("body-only edit");

    // bad input: cyclic inheritance, a duplicate class, a missing supertype, a file that does not parse
    write("d/X.java", "package d;\npublic class X extends Y { void f() { g(); } }\n");
    write("d/Y.java", "package d;\npublic class Y extends X { void g() { f(); } }\n");
    write("d/Dup.java", "package d;\npublic class X { }\n");
    write("d/M.java", "package d;\nclass M extends Missing { void h() { missing(1); } }\n");
    write("d/Broken.java", "package d;\nclass Broken { void f( }\n");
    assertSameAsFullBuild("bad input");
  }

  @Test
  void typeArgumentEditsInOtherFilesGiveTheFullBuildsSnapshot() throws Exception {
    write("a/Box.java", """
        package a;
        public class Box<T> {
          protected T value;
          public T get() { return value; }
          public java.util.List<T> all() { return null; }
        }
        """);
    write("a/Foo.java", "package a;\npublic class Foo {\n  public int foo() { return 1; }\n}\n");
    write("a/Bar.java", "package a;\npublic class Bar {\n  public int bar() { return 2; }\n}\n");
    write("b/Sub.java", """
        package b;
        import a.*;
        public class Sub extends Box<Foo> {
        }
        """);
    write("c/User.java", """
        package c;
        import b.Sub;
        class User {
          int use(Sub s) { return s.get().foo() + s.all().get(0).foo() + s.get().bar(); }
        }
        """);
    assertSameAsFullBuild("initial");
    assertTrue(calls("c.User#use(Sub)").toString().contains("a.Foo#foo()"), calls("c.User#use(Sub)")::toString);

    // the type argument of the superclass changes in another file: User's s.get() is now a Bar
    write("b/Sub.java", """
        package b;
        import a.*;
        public class Sub extends Box<Bar> {
        }
        """);
    assertSameAsFullBuild("type argument of a supertype changed");
    assertTrue(calls("c.User#use(Sub)").toString().contains("a.Bar#bar()"), calls("c.User#use(Sub)")::toString);

    // the generic result becomes a plain one
    write("a/Box.java", """
        package a;
        public class Box<T> {
          protected T value;
          public Object get() { return value; }
          public java.util.List<T> all() { return null; }
        }
        """);
    assertSameAsFullBuild("generic result made plain");

    // the type that is passed as an argument gains the method called on it
    write("a/Bar.java", "package a;\npublic class Bar {\n  public int bar() { return 2; }\n  public int foo() { return 3; }\n}\n");
    assertSameAsFullBuild("type argument's class gained a method");
  }

  @Test
  void inferredTypesImplicitClosesAndMultiCatchFollowEditsInOtherFiles() throws Exception {
    write("a/Res.java", "package a;\npublic class Res implements AutoCloseable {\n  public void close() { }\n  public int foo() { return 1; }\n}\n");
    write("a/Sub.java", "package a;\npublic class Sub extends Res {\n}\n");
    write("a/Make.java", "package a;\npublic class Make {\n  public static Sub make() { return new Sub(); }\n}\n");
    write("a/E1.java", "package a;\npublic class E1 extends Base { }\n");
    write("a/E2.java", "package a;\npublic class E2 extends Base { }\n");
    write("a/Base.java", "package a;\npublic class Base extends Exception {\n  public void hint() { }\n}\n");
    write("c/User.java", """
        package c;
        import a.*;
        class User {
          int use() throws Exception {
            try (var r = Make.make()) {
              return java.util.Objects.requireNonNull(Make.make(), "m").foo();
            } catch (E1 | E2 e) {
              e.hint();
              return 0;
            }
          }
        }
        """);
    assertSameAsFullBuild("initial");
    assertTrue(calls("c.User#use()").toString().contains("a.Res#close()"), calls("c.User#use()")::toString);
    assertTrue(calls("c.User#use()").toString().contains("a.Res#foo()"), calls("c.User#use()")::toString);
    assertTrue(calls("c.User#use()").toString().contains("a.Base#hint()"), calls("c.User#use()")::toString);

    // the resource's class overrides close(): User writes neither Sub nor close, only try
    write("a/Sub.java", "package a;\npublic class Sub extends Res {\n  @Override public void close() { }\n}\n");
    assertSameAsFullBuild("close() overridden in the resource's class");
    assertTrue(calls("c.User#use()").toString().contains("a.Sub#close()"), calls("c.User#use()")::toString);

    // and foo(), called on requireNonNull's inferred result
    write("a/Sub.java", "package a;\npublic class Sub extends Res {\n  @Override public void close() { }\n  @Override public int foo() { return 2; }\n}\n");
    assertSameAsFullBuild("foo() overridden in the argument's class");
    assertTrue(calls("c.User#use()").toString().contains("a.Sub#foo()"), calls("c.User#use()")::toString);

    // the inferred argument's type changes through the method's result
    write("a/Make.java", "package a;\npublic class Make {\n  public static Res make() { return new Res(); }\n}\n");
    assertSameAsFullBuild("the argument's declared type changed");

    // one alternative of the multi-catch moves up the hierarchy: the common superclass is Exception
    write("a/E2.java", "package a;\npublic class E2 extends Exception { }\n");
    assertSameAsFullBuild("a multi-catch alternative's superclass changed");
  }

  @Test
  void aDeclarationChangeReextractsOnlyTheFilesThatWriteItsNames() throws Exception {
    write("a/Base.java", "package a;\npublic class Base {\n  public int size() { return 0; }\n}\n");
    write("a/User.java", "package a;\nclass User {\n  int use(Base b) { return b.size(); }\n}\n");
    write("a/Chain.java", "package a;\nclass Chain {\n  Base base() { return null; }\n}\n");
    write("b/Far.java", "package b;\nclass Far {\n  int far(Far f) { return f.hashCode(); }\n}\n");
    write("b/Caller.java", "package b;\nclass Caller {\n  int call(a.Chain c) { return c.base().grow(1); }\n}\n");
    for (int i = 0; i < 5; i++) {
      write("c/Other" + i + ".java", "package c;\nclass Other" + i + " {\n  void f() { g(); }\n  void g() { }\n}\n");
    }
    assertSameAsFullBuild("initial");
    // Base gains grow(int): Base itself and Caller (writes grow, through a chain) are extracted again; User and
    // Chain write Base but not grow (only a member of a class changed: its name is no word of the change), and
    // Far and the Others write neither.
    write("a/Base.java", "package a;\npublic class Base {\n  public int size() { return 0; }\n"
        + "  public int grow(int by) { return by; }\n}\n");
    assertSameAsFullBuild("method added");
    assertTrue(lastErr.contains("files that write"), lastErr);
    assertEquals(2, lastExtracted, lastErr);
    assertTrue(calls("b.Caller#call(Chain)").toString().contains("a.Base#grow(int)"), calls("b.Caller#call(Chain)")::toString);
    // a body-only edit of Base: only Base
    write("a/Base.java", "package a;\npublic class Base {\n  public int size() { return 1; }\n"
        + "  public int grow(int by) { return by; }\n}\n");
    assertSameAsFullBuild("body edited");
    assertEquals(1, lastExtracted, lastErr);
    // a new class that no file names: only itself
    write("c/Lonely.java", "package c;\nclass Lonely { }\n");
    assertSameAsFullBuild("class added");
    assertEquals(1, lastExtracted, lastErr);
    // a test class tests Lonely by name: LonelyTest is extracted when Lonely goes away
    write("c/LonelyTest.java", "package c;\nclass LonelyTest {\n  @org.junit.Test void t() { }\n}\n");
    assertSameAsFullBuild("test added");
    delete("c/Lonely.java");
    assertSameAsFullBuild("class under test removed");
    assertEquals(1, lastExtracted, lastErr);
    // a unicode escape spells the name: still seen
    write("c/Escaped.java", "package c;\nclass Escaped {\n  int e(a.\\u0042ase b) { return b.size(); }\n}\n");
    assertSameAsFullBuild("escaped name");
    write("a/Base.java", "package a;\npublic class Base {\n  public int size() { return 1; }\n}\n");
    assertSameAsFullBuild("method removed");
  }

  @Test
  void aClassPathJarAddedGivesTheFullBuildsSnapshot() throws Exception {
    write("app/Main.java", "package app;\nimport lib.Helper;\nclass Main {\n  int run() { return Helper.help(1) + new Helper().more(); }\n}\n");
    write("app/Other.java", "package app;\nclass Other {\n  void f() { }\n}\n");
    assertSameAsFullBuild("no class path");
    Path jar = helperJar();
    assertSameAsFullBuild("class path jar added", "--classpath", jar.toString());
    assertTrue(lastErr.contains("every file extracted again"), lastErr);
    assertTrue(calls("app.Main#run()").toString().contains("lib.Helper#help(int)"), calls("app.Main#run()")::toString);
    assertSameAsFullBuild("same class path, nothing changed", "--classpath", jar.toString());
    assertEquals(0, lastExtracted, lastErr);
    assertSameAsFullBuild("class path removed");
  }

  /** A jar with {@code lib.Helper} (static {@code help(int)}, instance {@code more()}), compiled here. */
  private Path helperJar() throws IOException {
    Path srcDir = dir.resolve("libsrc/lib");
    Files.createDirectories(srcDir);
    Path java = srcDir.resolve("Helper.java");
    Files.writeString(java, "package lib;\npublic class Helper {\n  public static int help(int x) { return x; }\n"
        + "  public int more() { return 2; }\n}\n");
    Path classes = dir.resolve("libclasses");
    Files.createDirectories(classes);
    int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        java.toString());
    assertEquals(0, rc, "javac");
    Path jar = dir.resolve("helper.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("lib/Helper.class"));
      out.write(Files.readAllBytes(classes.resolve("lib/Helper.class")));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void randomEditsGiveTheFullBuildsSnapshot() throws Exception {
    Random random = new Random(13);
    RandomJavaTree tree = new RandomJavaTree(random, 8);
    for (int step = 0; step < 24; step++) {
      String edit = step == 0 ? "initial" : tree.edit();
      tree.writeTo(src());
      assertSameAsFullBuild("step " + step + ": " + edit);
    }
  }

  @Test
  void randomEditsWithImportsOfWhatIsUsedGiveTheFullBuildsSnapshotAndReextractLess() throws Exception {
    Random random = new Random(14);
    RandomJavaTree tree = new RandomJavaTree(random, 12, 12);
    tree.minimalImports = true;
    int extracted = 0;
    int steps = 24;
    for (int step = 0; step < steps; step++) {
      String edit = step == 0 ? "initial" : tree.edit();
      tree.writeTo(src());
      assertSameAsFullBuild("step " + step + ": " + edit);
      if (step > 0) {
        extracted += lastExtracted;
      }
    }
    assertTrue(extracted < (steps - 1) * 12 * 3 / 4, "declaration changes re-extract only the files that can see them: "
        + extracted + " files in " + (steps - 1) + " edits of 12 files");
  }

  /** A small tree of classes in two packages that call each other through fields, supertypes and imports. */
  static final class RandomJavaTree {
    private static final String[] TYPES = {"int", "String", "Object", "long"};
    private final Random random;
    /** Import only the peer and the superclass (else every class of the other package). */
    boolean minimalImports;
    private final List<Clazz> classes = new ArrayList<>();

    final class Clazz {
      String pkg;
      final String name;
      int superIndex = -1;
      boolean onDemand;
      final List<String[]> methods = new ArrayList<>(); // name, param type
      int salt;

      Clazz(String name) {
        this.name = name;
      }

      String text() {
        StringBuilder sb = new StringBuilder("package " + pkg + ";\n");
        Clazz peerOf = classes.get((classes.indexOf(this) + 1) % classes.size());
        for (Clazz other : classes) {
          boolean used = other == peerOf || superIndex >= 0 && superIndex < classes.size() && other == classes.get(superIndex);
          if (other != this && !other.pkg.equals(pkg) && (used || !minimalImports)) {
            sb.append(onDemand ? "import " + other.pkg + ".*;\n" : "import " + other.pkg + "." + other.name + ";\n");
          }
        }
        sb.append("public class ").append(name);
        if (superIndex >= 0 && superIndex < classes.size()) {
          sb.append(" extends ").append(classes.get(superIndex).name);
        }
        sb.append(" {\n");
        Clazz peer = classes.get((classes.indexOf(this) + 1) % classes.size());
        sb.append("  public ").append(peer.name).append(" peer;\n");
        for (String[] m : methods) {
          sb.append("  public Object ").append(m[0]).append("(").append(m[1]).append(" x) {\n");
          sb.append("    int salt = ").append(salt).append(";\n");
          for (String[] pm : peer.methods) {
            sb.append("    peer.").append(pm[0]).append("(").append(argument(pm[1])).append(");\n");
          }
          sb.append("    return ").append(m[0]).append("(x);\n  }\n");
        }
        sb.append("  public Object chain() { return peer.chain(); }\n}\n");
        return sb.toString();
      }
    }

    private final int methodNames;

    RandomJavaTree(Random random, int n) {
      this(random, n, 3);
    }

    RandomJavaTree(Random random, int n, int methodNames) {
      this.random = random;
      this.methodNames = methodNames;
      for (int i = 0; i < n; i++) {
        Clazz c = new Clazz("C" + i);
        c.pkg = "p" + random.nextInt(2);
        c.superIndex = i > 0 && random.nextBoolean() ? random.nextInt(i) : -1;
        c.onDemand = random.nextBoolean();
        for (int m = 0; m < 1 + random.nextInt(3); m++) {
          c.methods.add(new String[] {"m" + random.nextInt(methodNames), TYPES[random.nextInt(TYPES.length)]});
        }
        classes.add(c);
      }
    }

    private static String argument(String type) {
      return switch (type) {
        case "int" -> "1";
        case "long" -> "1L";
        case "String" -> "\"s\"";
        default -> "null";
      };
    }

    /** Applies one random edit and says which. */
    String edit() {
      Clazz c = classes.get(random.nextInt(classes.size()));
      switch (random.nextInt(7)) {
        case 0 -> {
          c.methods.add(new String[] {"m" + random.nextInt(methodNames + 1), TYPES[random.nextInt(TYPES.length)]});
          return "method added to " + c.name;
        }
        case 1 -> {
          if (!c.methods.isEmpty()) {
            c.methods.remove(random.nextInt(c.methods.size()));
          }
          return "method removed from " + c.name;
        }
        case 2 -> {
          c.superIndex = random.nextInt(classes.size() + 1) - 1; // may create a cycle: bad input must still build
          return "superclass of " + c.name + " changed";
        }
        case 3 -> {
          c.onDemand = !c.onDemand;
          return "import style of " + c.name + " toggled";
        }
        case 4 -> {
          c.pkg = c.pkg.equals("p0") ? "p1" : "p0";
          return c.name + " moved to " + c.pkg;
        }
        case 5 -> {
          if (!c.methods.isEmpty()) {
            c.methods.get(0)[1] = TYPES[random.nextInt(TYPES.length)];
          }
          return "parameter type changed in " + c.name;
        }
        default -> {
          c.salt++;
          return "body of " + c.name + " edited";
        }
      }
    }

    void writeTo(Path root) throws IOException {
      if (Files.exists(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (Clazz c : classes) {
        Path p = root.resolve(c.pkg).resolve(c.name + ".java");
        Files.createDirectories(p.getParent());
        Files.writeString(p, c.text());
      }
    }
  }
}
