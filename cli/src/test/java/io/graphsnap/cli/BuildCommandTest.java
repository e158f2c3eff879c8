package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphsnap build}: real facts of the JDK's java.base through the snapshot, reuse, and parse failures. */
class BuildCommandTest {
  @TempDir Path dir;

  @Test
  void buildsJavaBaseAndReusesUnchangedFiles() throws Exception {
    // the build and the unchanged rebuild are made once per test JVM and shared with the explorer's browser test
    JavaBaseStore javaBase = JavaBaseStore.shared();
    if (javaBase == null) {
      System.out.println("SKIPPED: this JDK (" + System.getProperty("java.home") + ") has no lib/src.zip");
      assumeTrue(false, "no src.zip");
    }
    CliRunner cold = javaBase.cold();
    assertEquals(ExitCodes.OK, cold.exitCode(), cold::toString);
    assertTrue(cold.err().contains("top 10 symbols by incoming edges"), cold::toString);
    assertTrue(cold.err().matches("(?s).*sources +3,[0-9]{3} files: 3,[0-9]{3} extracted, 0 reused.*"), cold::toString);
    System.out.println(cold.err());

    Path snapshot = javaBase.coldSnapshot();
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      g.verify();
      int arrayList = g.node("java.util.ArrayList");
      assertTrue(arrayList >= 0);
      assertEquals("class", g.kind(arrayList));
      assertTrue(hasEdge(g, arrayList, "extends", "java.util.AbstractList"));
      assertTrue(hasEdge(g, arrayList, "implements", "java.util.List"));
      assertTrue(g.node("java.util.ArrayList#add(Object)") >= 0);
      int read = g.node("java.io.FileInputStream#read()");
      assertTrue(g.effects(read).contains("io") || g.effects(read).contains("native"), g.effects(read)::toString);
      // java.lang.Object has more incoming extends + references edges than any other type.
      int extendsType = g.edgeTypeId("extends");
      int referencesType = g.edgeTypeId("references");
      int object = g.node("java.lang.Object");
      long objectDegree = typedInDegree(g, object, extendsType, referencesType);
      for (String kind : new String[] {"class", "interface", "enum", "record", "annotation"}) {
        var it = g.ofKind(kind).getIntIterator();
        while (it.hasNext()) {
          int id = it.next();
          if (id != object) {
            assertTrue(typedInDegree(g, id, extendsType, referencesType) < objectDegree, g.name(id));
          }
        }
      }
    }

    CliRunner warm = javaBase.warm();
    assertEquals(ExitCodes.OK, warm.exitCode(), warm::toString);
    assertTrue(warm.err().matches("(?s).*files: 0 extracted, 3,[0-9]{3} reused.*"), warm::toString);
    assertEquals(cold.out(), warm.out(), "an unchanged tree gives the same snapshot id");
  }

  @Test
  void reportsFilesThatDoNotParseAndBuildsTheRest() throws Exception {
    Path src = dir.resolve("src/com/example");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Good.java"), """
        package com.example;
        public class Good {
          public int twice(int x) { return helper(x) * 2; }
          private int helper(int x) { return x; }
        }
        """);
    Files.writeString(src.resolve("Broken.java"), "package com.example;\npublic class Broken { void f( }\n");
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("build", dir.resolve("src").toString(), "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("com/example/Broken.java"), run::toString);
    CliRunner callers = CliRunner.run("neighbors", "com.example.Good#helper(int)", "--reverse", "--type", "calls",
        "--store", store, "--json");
    assertEquals(ExitCodes.OK, callers.exitCode(), callers::toString);
    assertEquals("[{\"name\":\"com.example.Good#twice(int)\",\"type\":\"calls\"}]", callers.out().trim());
  }

  private static boolean hasEdge(GraphSnapshot g, int from, String type, String to) {
    EdgeCursor c = g.out(from, g.edgeTypeId(type));
    int target = g.node(to);
    for (int n = c.next(); n >= 0; n = c.next()) {
      if (n == target) {
        return true;
      }
    }
    return false;
  }

  private static long typedInDegree(GraphSnapshot g, int id, int... types) {
    long degree = 0;
    for (int t : types) {
      degree += g.in(id, t).size();
    }
    return degree;
  }
}
