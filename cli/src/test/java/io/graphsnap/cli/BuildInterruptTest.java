package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.fault.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code build} keeps the files extracted so far, says so, and the rerun reuses them; a file that
 * fails to parse is reported once, and the summary says its previous version is kept (issue 14, item 3).
 */
class BuildInterruptTest {
  @TempDir Path dir;

  /**
   * A source tree big enough that one extraction thread takes a few seconds.
   */
  private Path sources(int files) throws Exception {
    Path src = dir.resolve("src");
    Path pkg = src.resolve("com/example");
    Files.createDirectories(pkg);
    for (int f = 0; f < files; f++) {
      StringBuilder java = new StringBuilder("package com.example;\nimport java.util.*;\npublic class C" + f + " {\n");
      for (int m = 0; m < 40; m++) {
        java.append("  public List<String> m").append(m).append("(Map<String, Integer> in, int x) {\n")
            .append("    List<String> out = new ArrayList<>(); for (var e : in.entrySet()) { if (e.getValue() > x) out.add(e.getKey()); }\n")
            .append("    return m").append((m + 1) % 40).append("(in, x + 1);\n  }\n");
      }
      Files.writeString(pkg.resolve("C" + f + ".java"), java.append("}\n"));
    }
    return src;
  }

  private static long filesUnder(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  private static int reused(CliRunner build) {
    Matcher m = Pattern.compile("extracted, ([0-9,]+) reused").matcher(build.err());
    assertTrue(m.find(), build::toString);
    return Integer.parseInt(m.group(1).replace(",", ""));
  }

  @Test
  void anInterruptKeepsTheExtractedFilesForTheRerun() throws Exception {
    Path src = sources(300);
    Path store = dir.resolve("store");
    AtomicReference<CliRunner> result = new AtomicReference<>();
    Thread build = new Thread(() -> result.set(CliRunner.run("build", src.toString(), "--store", store.toString(), "--jobs", "1")));
    build.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!StoreFiles.objectsStaged(store) && build.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    build.interrupt();
    build.join(60_000);
    CliRunner interrupted = result.get();
    assertEquals(ExitCodes.INTERRUPTED, interrupted.exitCode(), interrupted::toString);
    assertTrue(interrupted.err().contains("graphsnap: interrupted: kept the "), interrupted::toString);
    assertTrue(interrupted.err().contains("no snapshot was published"), interrupted::toString);
    assertEquals(0, filesUnder(store.resolve("tmp")), "nothing left in tmp/");
    CliRunner rerun = CliRunner.run("build", src.toString(), "--store", store.toString());
    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun::toString);
    assertTrue(reused(rerun) >= 10, rerun::toString);

    // A declaration that changes how every file resolves (a package type shadows java.util.* 's ArrayList),
    // interrupted while the files are extracted again: the rerun must extract the files not reached, although
    // the table it finds is the one the interrupted build recorded, and end byte-identical to a full build.
    Files.writeString(src.resolve("com/example/ArrayList.java"),
        "package com.example;\npublic class ArrayList<T> extends java.util.ArrayList<T> {}\n");
    Thread again = new Thread(() -> result.set(CliRunner.run("build", src.toString(), "--store", store.toString(), "--jobs", "1")));
    again.start();
    deadline = System.nanoTime() + 60_000_000_000L;
    while (!StoreFiles.objectsStaged(store) && again.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    again.interrupt();
    again.join(60_000);
    assertEquals(ExitCodes.INTERRUPTED, result.get().exitCode(), result.get()::toString);
    CliRunner finish = CliRunner.run("build", src.toString(), "--store", store.toString());
    assertEquals(ExitCodes.OK, finish.exitCode(), finish::toString);
    CliRunner full = CliRunner.run("build", src.toString(), "--store", dir.resolve("fresh").toString());
    assertEquals(ExitCodes.OK, full.exitCode(), full::toString);
    assertEquals(full.out().strip(), finish.out().strip(), "the same snapshot as a full build");
  }

  @Test
  void sigtermInAChildJvmKeepsTheExtractedFiles() throws Exception {
    Path src = sources(300);
    Path store = dir.resolve("store");
    ChildJvm.Child child = ChildJvm.start(dir.resolve("logs"), List.of("-Xmx256m"), Main.class,
        "build", src.toString(), "--store", store.toString(), "--jobs", "1");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!StoreFiles.objectsStaged(store) && child.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    child.process().destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
    child.await(60);
    String output = child.output();
    assertTrue(output.contains("graphsnap: interrupted: kept the "), output);
    CliRunner rerun = CliRunner.run("build", src.toString(), "--store", store.toString());
    assertEquals(ExitCodes.OK, rerun.exitCode(), rerun::toString);
    assertTrue(reused(rerun) >= 10, rerun::toString);
  }

  @Test
  void aFileThatFailsToParseIsReportedOnceAndItsPreviousVersionKept() throws Exception {
    Path pkg = dir.resolve("src/com/example");
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("A.java"), "package com.example;\npublic class A { void f() {} }\n");
    Files.writeString(pkg.resolve("B.java"), "package com.example;\npublic class B { void g() {} }\n");
    String store = dir.resolve("store").toString();
    assertEquals(ExitCodes.OK, CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--quiet").exitCode());
    Files.writeString(pkg.resolve("A.java"), "package com.example;\npublic class A { void f( }\n");
    Files.writeString(pkg.resolve("New.java"), "package com.example;\npublic class New { void h( }\n");
    CliRunner r = CliRunner.run("build", dir.resolve("src").toString(), "--store", store);
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals(1, r.err().split("com/example/A.java", -1).length - 1, () -> "the path once: " + r);
    assertTrue(r.err().contains("(its previous version is kept)"), r::toString);
    assertTrue(r.err().contains("graphsnap: 2 files failed to parse; the previous versions of 1 are kept, the others are left out"), r::toString);
    assertEquals(ExitCodes.OK, CliRunner.run("lookup", "com.example.A#f()", "--store", store).exitCode());
    CliRunner json = CliRunner.run("build", dir.resolve("src").toString(), "--store", store, "--json", "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, json.exitCode(), json::toString);
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertEquals(2, doc.get("failed").size(), json::toString);
    assertEquals("com/example/A.java", doc.get("failed").get(0).get("path").asText(), json::toString);
    assertTrue(doc.get("failed").get(0).get("previousVersionKept").asBoolean(), json::toString);
    assertTrue(!doc.get("failed").get(1).get("previousVersionKept").asBoolean(), json::toString);
  }

  @Test
  void aDirectoryWithoutJavaFilesIsRefused() throws Exception {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty.resolve("docs"));
    Files.writeString(empty.resolve("docs/readme.txt"), "no sources here");
    CliRunner r = CliRunner.run("build", empty.toString(), "--store", dir.resolve("store").toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no .java files in " + empty), r::toString);
    assertTrue(!Files.exists(dir.resolve("store").resolve("refs").resolve("HEAD")), "nothing published");
  }
}
