package io.graphsnap.frontend.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.frontend.java.JavaExtractor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The words of a declaration change computed from the changed files' neighbourhood (early cutoff) equal the words
 * of comparing every type of both tables, on random trees whose types read each other in every way the rule
 * names: outer types, supertypes (generic ones included), type parameter bounds, qualified member types, static
 * and on-demand imports, and member types whose simple names collide across classes.
 */
class TableDiffTest {
  private static final String[] MEMBER_TYPES = {"Node", "Itr", "Entry"};
  private static final String[] METHODS = {"size", "get", "put", "next"};

  /** A random tree of types in two packages. */
  private static final class RandomTree {
    final Random random;
    final List<Type> types = new ArrayList<>();

    final class Type {
      final String name;
      String pkg;
      boolean isInterface;
      int superclass = -1;
      final List<Integer> interfaces = new ArrayList<>();
      int superArgument = -1; // a type argument given to the superclass, when it is generic
      int bound = -1; // the bound of the type parameter T, when generic
      boolean generic;
      final List<String> memberTypes = new ArrayList<>();
      final List<String[]> methods = new ArrayList<>(); // name, return type, parameter type
      final List<String[]> fields = new ArrayList<>(); // name, type
      int imports; // 0 single-type imports, 1 on-demand, 2 static on-demand of the next type

      Type(String name) {
        this.name = name;
      }

      String text() {
        StringBuilder sb = new StringBuilder("package " + pkg + ";\n");
        for (Type other : types) {
          if (other != this && !other.pkg.equals(pkg) && imports == 0) {
            sb.append("import ").append(other.pkg).append('.').append(other.name).append(";\n");
          }
        }
        if (imports == 1) {
          sb.append("import ").append(pkg.equals("p0") ? "p1" : "p0").append(".*;\n");
        }
        if (imports == 2) {
          Type next = types.get((types.indexOf(this) + 1) % types.size());
          sb.append("import static ").append(next.pkg).append('.').append(next.name).append(".*;\n");
        }
        sb.append("public ").append(isInterface ? "interface " : "class ").append(name);
        if (generic) {
          sb.append("<T").append(bound >= 0 ? " extends " + qualified(bound) : "").append('>');
        }
        List<String> extendsList = new ArrayList<>();
        List<String> implementsList = new ArrayList<>();
        if (superclass >= 0) {
          Type s = types.get(superclass);
          String written = qualified(superclass) + (s.generic ? "<" + (superArgument >= 0 ? qualified(superArgument) : "String") + ">" : "");
          extendsList.add(written);
        }
        for (int i : interfaces) {
          (isInterface ? extendsList : implementsList).add(qualified(i) + (types.get(i).generic ? "<Object>" : ""));
        }
        if (!extendsList.isEmpty()) {
          sb.append(" extends ").append(String.join(", ", extendsList));
        }
        if (!implementsList.isEmpty()) {
          sb.append(" implements ").append(String.join(", ", implementsList));
        }
        sb.append(" {\n");
        for (String m : memberTypes) {
          sb.append("  public static class ").append(m).append(" { public int ").append(m.toLowerCase())
              .append("() { return 0; } }\n");
        }
        for (String[] f : fields) {
          sb.append("  public static ").append(f[1]).append(' ').append(f[0]).append(" = null;\n");
        }
        for (String[] m : methods) {
          String body = isInterface ? ";" : " { return " + (m[1].equals("int") ? "0" : "null") + "; }";
          sb.append("  public ").append(m[1]).append(' ').append(m[0]).append('(')
              .append(m[2]).append(" x)").append(body).append('\n');
        }
        sb.append("}\n");
        return sb.toString();
      }
    }

    RandomTree(Random random, int n) {
      this.random = random;
      for (int i = 0; i < n; i++) {
        Type t = new Type("C" + i);
        t.pkg = "p" + random.nextInt(2);
        t.isInterface = random.nextInt(4) == 0;
        t.generic = random.nextInt(3) == 0;
        t.imports = random.nextInt(3);
        types.add(t);
      }
      for (Type t : types) {
        t.superclass = random.nextInt(3) == 0 ? -1 : random.nextInt(n);
        if (random.nextBoolean()) {
          t.interfaces.add(random.nextInt(n));
        }
        t.bound = t.generic && random.nextBoolean() ? random.nextInt(n) : -1;
        t.superArgument = random.nextInt(n + 1) - 1;
        for (String m : MEMBER_TYPES) {
          if (random.nextInt(3) == 0) {
            t.memberTypes.add(m);
          }
        }
        for (int m = 0; m < 1 + random.nextInt(3); m++) {
          t.methods.add(new String[] {METHODS[random.nextInt(METHODS.length)], randomType(t), randomType(t)});
        }
        if (random.nextBoolean()) {
          t.fields.add(new String[] {"f" + random.nextInt(3), randomType(t)});
        }
      }
    }

    String qualified(int i) {
      Type t = types.get(i);
      return t.pkg + "." + t.name;
    }

    /** A written type: primitive, another tree type (simple or qualified), a member type through its owner, generic. */
    String randomType(Type in) {
      int other = random.nextInt(types.size());
      return switch (random.nextInt(6)) {
        case 0 -> "int";
        case 1 -> types.get(other).name;
        case 2 -> qualified(other);
        case 3 -> types.get(other).name + "." + MEMBER_TYPES[random.nextInt(MEMBER_TYPES.length)];
        case 4 -> in.generic ? "T" : "Object";
        default -> "java.util.List<" + types.get(other).name + ">";
      };
    }

    /** Applies one random edit that keeps the set of type names, and says which. */
    String edit() {
      Type t = types.get(random.nextInt(types.size()));
      int n = types.size();
      switch (random.nextInt(10)) {
        case 0 -> {
          t.methods.add(new String[] {METHODS[random.nextInt(METHODS.length)], randomType(t), randomType(t)});
          return "method added to " + t.name;
        }
        case 1 -> {
          if (!t.methods.isEmpty()) {
            t.methods.remove(random.nextInt(t.methods.size()));
          }
          return "method removed from " + t.name;
        }
        case 2 -> {
          if (!t.methods.isEmpty()) {
            t.methods.get(random.nextInt(t.methods.size()))[1] = randomType(t);
          }
          return "return type changed in " + t.name;
        }
        case 3 -> {
          t.superclass = random.nextInt(n + 1) - 1;
          return "superclass of " + t.name + " changed";
        }
        case 4 -> {
          t.isInterface = !t.isInterface;
          return t.name + " changed kind";
        }
        case 5 -> {
          t.bound = random.nextInt(n + 1) - 1;
          return "bound of " + t.name + " changed";
        }
        case 6 -> {
          t.imports = random.nextInt(3);
          return "imports of " + t.name + " changed";
        }
        case 7 -> {
          String m = MEMBER_TYPES[random.nextInt(MEMBER_TYPES.length)];
          if (!t.memberTypes.remove(m)) {
            t.memberTypes.add(m);
          }
          return "member type " + m + " toggled in " + t.name;
        }
        case 8 -> {
          t.fields.add(new String[] {"f" + random.nextInt(3), randomType(t)});
          return "field added to " + t.name;
        }
        default -> {
          t.superArgument = random.nextInt(n + 1) - 1;
          return "type argument of " + t.name + "'s superclass changed";
        }
      }
    }

    private final JavaExtractor extractor = new JavaExtractor();
    private final java.util.Map<String, FileDeclarations> parsed = new java.util.HashMap<>();

    /** Each type's file's declarations (the same object for a file whose text did not change, as in a watch). */
    List<FileDeclarations> declarations() throws Exception {
      List<FileDeclarations> out = new ArrayList<>();
      for (Type t : types) {
        String path = t.pkg + "/" + t.name + ".java";
        String text = t.text();
        FileDeclarations d = parsed.get(path + "\0" + text);
        if (d == null) {
          d = extractor.declarations(path, text.getBytes(StandardCharsets.UTF_8));
          parsed.put(path + "\0" + text, d);
        }
        out.add(d);
      }
      return out;
    }
  }

  @Test
  void theChangedFilesNeighbourhoodGivesTheWordsOfComparingEveryType() throws Exception {
    int compared = 0;
    int nonEmpty = 0;
    for (int seed = 1; seed <= 40; seed++) {
      RandomTree tree = new RandomTree(new Random(seed), 10);
      List<FileDeclarations> before = tree.declarations();
      for (int step = 0; step < 15; step++) {
        String edit = tree.edit();
        List<FileDeclarations> after = tree.declarations();
        Set<String> everyType = TableDiff.words(TreeTypes.of(before, ClasspathTypes.EMPTY), TreeTypes.of(after, ClasspathTypes.EMPTY));
        Set<String> neighbourhood = TableDiff.words(TreeTypes.of(before, ClasspathTypes.EMPTY), before, TreeTypes.of(after, ClasspathTypes.EMPTY), after);
        assertEquals(everyType, neighbourhood, "seed " + seed + ", step " + step + ": " + edit);
        compared++;
        if (everyType != null && !everyType.isEmpty()) {
          nonEmpty++;
        }
        before = after;
      }
    }
    assertTrue(nonEmpty > compared / 3, "most edits change some answer: " + nonEmpty + " of " + compared);
  }

  @Test
  void aMemberAddedToASuperclassReachesItsSubclassesThroughTheirSupertypes() throws Exception {
    JavaExtractor x = new JavaExtractor();
    List<FileDeclarations> before = List.of(
        x.declarations("a/Base.java", "package a; public class Base { }".getBytes(StandardCharsets.UTF_8)),
        x.declarations("b/Mid.java", "package b; public class Mid extends a.Base { }".getBytes(StandardCharsets.UTF_8)),
        x.declarations("c/Leaf.java", "package c; public class Leaf extends b.Mid { }".getBytes(StandardCharsets.UTF_8)),
        x.declarations("d/Other.java", "package d; public class Other { b.Mid m() { return null; } }"
            .getBytes(StandardCharsets.UTF_8)));
    List<FileDeclarations> after = new ArrayList<>(before);
    after.set(0, x.declarations("a/Base.java", "package a; public class Base { public static class Grown { } }"
        .getBytes(StandardCharsets.UTF_8)));
    Set<String> words = TableDiff.words(TreeTypes.of(before, ClasspathTypes.EMPTY), before, TreeTypes.of(after, ClasspathTypes.EMPTY), after);
    assertEquals(TableDiff.words(TreeTypes.of(before, ClasspathTypes.EMPTY), TreeTypes.of(after, ClasspathTypes.EMPTY)), words);
    assertTrue(words.contains("Grown"), "the inherited member type through Mid and Leaf: " + words);
  }
}
