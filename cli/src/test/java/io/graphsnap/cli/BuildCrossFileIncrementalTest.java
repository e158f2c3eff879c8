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
  private String assertSameAsFullBuild(String step) {
    CliRunner incremental = CliRunner.run("build", src().toString(), "--store", dir.resolve("kept").toString(), "--quiet");
    CliRunner full = CliRunner.run("build", src().toString(), "--store", dir.resolve("scratch-" + scratch++).toString(),
        "--quiet");
    assertEquals(full.exitCode(), incremental.exitCode(), step + "\n" + incremental + "\n" + full);
    assertEquals(full.out(), incremental.out(), step + ": the incremental build must give the full build's snapshot\n"
        + incremental + "\n" + full);
    return incremental.out().trim();
  }

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
  void randomEditsGiveTheFullBuildsSnapshot() throws Exception {
    Random random = new Random(13);
    RandomJavaTree tree = new RandomJavaTree(random, 8);
    for (int step = 0; step < 24; step++) {
      String edit = step == 0 ? "initial" : tree.edit();
      tree.writeTo(src());
      assertSameAsFullBuild("step " + step + ": " + edit);
    }
  }

  /** A small tree of classes in two packages that call each other through fields, supertypes and imports. */
  static final class RandomJavaTree {
    private static final String[] TYPES = {"int", "String", "Object", "long"};
    private final Random random;
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
        for (Clazz other : classes) {
          if (other != this && !other.pkg.equals(pkg)) {
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

    RandomJavaTree(Random random, int n) {
      this.random = random;
      for (int i = 0; i < n; i++) {
        Clazz c = new Clazz("C" + i);
        c.pkg = "p" + random.nextInt(2);
        c.superIndex = i > 0 && random.nextBoolean() ? random.nextInt(i) : -1;
        c.onDemand = random.nextBoolean();
        for (int m = 0; m < 1 + random.nextInt(3); m++) {
          c.methods.add(new String[] {"m" + random.nextInt(3), TYPES[random.nextInt(TYPES.length)]});
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
          c.methods.add(new String[] {"m" + random.nextInt(4), TYPES[random.nextInt(TYPES.length)]});
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
