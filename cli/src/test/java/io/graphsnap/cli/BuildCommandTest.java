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

  /**
   * The stat cache never hides a change: a file rewritten with its size and modification time kept is extracted
   * again, whether its stamp was racily clean (written just before the build, so not kept) or trusted (older
   * than the slack, kept: the rewrite moves the ctime). Each rebuild gives the snapshot a fresh store builds.
   */
  @Test
  void aFileRewrittenWithItsSizeAndTimeKeptIsStillSeen() throws Exception {
    Path src = dir.resolve("src/com/example");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Util.java"), "package com.example;\npublic class Util { public static int one() { return 1; } }\n");
    Path user = src.resolve("User.java");
    String callsOne = "package com.example;\nclass User { int f() { return Util.one(); } }\n";
    String callsTwo = "package com.example;\nclass User { int f() { return Util.two(); } }\n";
    Files.writeString(user, callsOne);
    String store = dir.resolve("store").toString();
    String tree = dir.resolve("src").toString();
    CliRunner first = CliRunner.run("build", tree, "--store", store);
    assertEquals(ExitCodes.OK, first.exitCode(), first::toString);

    // 1. racily clean: rewritten at once, same size, same modification time
    rewriteKeepingSizeAndTime(user, callsTwo);
    assertSameAsFreshBuild(tree, CliRunner.run("build", tree, "--store", store), "racily clean");

    // 2. trusted stamps: both files older than the slack when stamped, then one rewritten keeping size and mtime
    Thread.sleep(io.graphsnap.frontend.java.FileStamp.RACY_SLACK_NANOS / 1_000_000 + 500);
    CliRunner stamped = CliRunner.run("build", tree, "--store", store);
    assertEquals(ExitCodes.OK, stamped.exitCode(), stamped::toString);
    assertTrue(stamped.err().contains("0 extracted, 2 reused"), stamped::toString);
    assertTrue(Files.size(dir.resolve("store").resolve(SourceStamps.FILE)) > 0, "the stamps are kept");
    CliRunner again = CliRunner.run("build", tree, "--store", store);
    assertTrue(again.err().contains("0 extracted, 2 reused"), again::toString);
    assertEquals(stamped.out(), again.out());
    rewriteKeepingSizeAndTime(user, callsOne);
    CliRunner rebuilt = CliRunner.run("build", tree, "--store", store);
    assertTrue(rebuilt.err().contains("1 extracted, 1 reused"), rebuilt::toString);
    assertSameAsFreshBuild(tree, rebuilt, "trusted stamp, ctime moved");
  }

  /**
   * Zip entries' stamps are always trusted (their CRC-32 is the content's), so a rebuild from a rewritten archive
   * takes every unchanged entry's hash from the stat cache: a declaration change must still re-extract the
   * unchanged files that write its names (read after all), and the result equals a fresh build.
   */
  @Test
  void aRewrittenArchiveRebuildsAsAFreshBuildWould() throws Exception {
    Path zip = dir.resolve("src.zip");
    String util1 = "package com.example;\npublic class Util { public static int one() { return 1; } }\n";
    String util2 = "package com.example;\npublic class Util { public static int two() { return 2; } }\n";
    String user = "package com.example;\nclass User { int f() { return Util.one(); } }\n";
    String other = "package com.example;\nclass Other { int g() { return 3; } }\n";
    String store = dir.resolve("store").toString();
    writeZip(zip, util1, user, other);
    CliRunner first = CliRunner.run("build", zip.toString(), "--store", store);
    assertEquals(ExitCodes.OK, first.exitCode(), first::toString);
    CliRunner same = CliRunner.run("build", zip.toString(), "--store", store);
    assertTrue(same.err().contains("0 extracted, 3 reused"), same::toString);
    assertEquals(first.out(), same.out());

    writeZip(zip, util2, user, other); // Util's member renamed: User writes the old name, Other does not
    CliRunner changed = CliRunner.run("build", zip.toString(), "--store", store);
    assertTrue(changed.err().contains("2 extracted, 1 reused"), changed::toString);
    assertSameAsFreshBuild(zip.toString(), changed, "declaration change in an archive");
    writeZip(zip, util1, user, other);
    assertSameAsFreshBuild(zip.toString(), CliRunner.run("build", zip.toString(), "--store", store), "and back");
  }

  private static void writeZip(Path zip, String util, String user, String other) throws Exception {
    Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
      for (String[] e : new String[][] {{"com/example/Util.java", util}, {"com/example/User.java", user},
          {"com/example/Other.java", other}}) {
        out.putNextEntry(new java.util.zip.ZipEntry(e[0]));
        out.write(e[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void rewriteKeepingSizeAndTime(Path file, String text) throws Exception {
    var mtime = Files.getLastModifiedTime(file);
    assertEquals(Files.size(file), text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    Thread.sleep(20); // another clock tick for the ctime
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, mtime);
  }

  private void assertSameAsFreshBuild(String tree, CliRunner incremental, String what) throws Exception {
    assertEquals(ExitCodes.OK, incremental.exitCode(), incremental::toString);
    Path fresh = Files.createTempDirectory(dir, "fresh");
    CliRunner full = CliRunner.run("build", tree, "--store", fresh.resolve("store").toString());
    assertEquals(ExitCodes.OK, full.exitCode(), full::toString);
    assertEquals(full.out(), incremental.out(), what + ": the same snapshot as a fresh build");
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
