package io.graphsnap.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.GraphsnapCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode end to end: a Java source tree edited with the save patterns editors use, a parse failure, folders
 * added and removed, and a burst of files; after each, the published snapshot answers with the change.
 */
class WatcherTest {
  @TempDir Path dir;

  static String javaClass(String pkg, String name, String... methods) {
    StringBuilder b = new StringBuilder("package " + pkg + ";\n\npublic class " + name + " {\n");
    for (String m : methods) {
      b.append("  void ").append(m).append("() {}\n");
    }
    return b.append("}\n").toString();
  }

  private int lookup(Path store, String name) {
    String[] args = {"lookup", name, "--store", store.toString(), "-q"};
    return GraphsnapCommand.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args)
        .execute(args);
  }

  private static void await(String what, BooleanSupplier condition, List<String> log) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; watch log:\n" + String.join("\n", log));
      }
      Thread.sleep(50);
    }
  }

  @Test
  void followsEditorsSavePatternsFoldersAndFailures() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Path store = dir.resolve("store");
    Files.writeString(src.resolve("A.java"), javaClass("p", "A", "one"));
    Files.writeString(src.resolve("B.java"), javaClass("p", "B", "one"));
    List<String> log = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(dir.resolve("src"), store, 50, false, BuildActivity.NONE, Watcher.Layers.NEVER, log::add)) {
      await("the initial build", () -> w.builds() >= 1, log);
      assertEquals(0, lookup(store, "p.A#one()"), String.join("\n", log));

      // write to a temporary file, then rename it over the original (vim, IntelliJ's safe write)
      Path tmp = src.resolve("A.java.tmp~");
      Files.writeString(tmp, javaClass("p", "A", "one", "two"));
      Files.move(tmp, src.resolve("A.java"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      await("A#two after rename", () -> lookup(store, "p.A#two()") == 0, log);

      // delete, then create again
      Files.delete(src.resolve("B.java"));
      Files.writeString(src.resolve("B.java"), javaClass("p", "B", "three"));
      await("B#three after delete and recreate", () -> lookup(store, "p.B#three()") == 0, log);
      assertEquals(1, lookup(store, "p.B#one()"));

      // a file that does not parse keeps its previous version, and is reported
      long before = w.builds();
      Files.writeString(src.resolve("A.java"), "package p;\n\npublic class A { void broken( {\n");
      await("the failing build", () -> w.builds() > before, log);
      assertEquals(0, lookup(store, "p.A#two()"), "the previous version of A stays");
      assertTrue(log.stream().anyMatch(l -> l.contains("A.java")), String.join("\n", log));

      // a new folder, with a file written into it at once
      Path q = dir.resolve("src/q/r");
      Files.createDirectories(q);
      Files.writeString(q.resolve("C.java"), javaClass("q.r", "C", "four"));
      await("q.r.C in a new folder", () -> lookup(store, "q.r.C#four()") == 0, log);

      // the folder removed again
      Files.delete(q.resolve("C.java"));
      Files.delete(q);
      Files.delete(q.getParent());
      await("q.r.C gone with its folder", () -> lookup(store, "q.r.C#four()") == 1, log);
    }
  }

  @Test
  void aBurstEndsInOneSnapshotWithAllOfIt() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Path store = dir.resolve("store");
    Files.writeString(src.resolve("A.java"), javaClass("p", "A", "one"));
    List<String> log = new CopyOnWriteArrayList<>();
    int files = 300; // extraction costs about 8 ms of CPU per file; TreeWatcherTest has the thousands
    try (Watcher w = Watcher.start(dir.resolve("src"), store, 100, false, BuildActivity.NONE, Watcher.Layers.NEVER, log::add)) {
      await("the initial build", () -> w.builds() >= 1, log);
      long before = w.builds();
      // as a git checkout does: many folders and files at once
      for (int i = 0; i < files; i++) {
        Path folder = Files.createDirectories(dir.resolve("src/burst/d" + (i % 40)));
        Files.writeString(folder.resolve("K" + i + ".java"), javaClass("burst.d" + (i % 40), "K" + i, "m"));
      }
      await("every burst file", () -> lookup(store, "burst.d" + ((files - 1) % 40) + ".K" + (files - 1) + "#m()") == 0
          && lookup(store, "burst.d0.K0#m()") == 0, log);
      long builds = w.builds() - before;
      assertTrue(builds <= 5, "a burst is debounced into few builds, not " + builds + ":\n" + String.join("\n", log));
      for (int i = 0; i < files; i += 97) {
        assertEquals(0, lookup(store, "burst.d" + (i % 40) + ".K" + i + "#m()"), "K" + i);
      }
    }
  }

  /**
   * With layers, a saved Java file is published as a delta over the last whole snapshot, using the resident build
   * state; the layer is folded in once quiet, and the next save still uses the resident state.
   */
  @Test
  void aJavaSaveIsPublishedAsALayer() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Path store = dir.resolve("store");
    Files.writeString(src.resolve("A.java"), javaClass("p", "A", "one"));
    Files.writeString(src.resolve("B.java"), javaClass("p", "B", "one"));
    List<String> log = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(dir.resolve("src"), store, 50, false, BuildActivity.NONE, Watcher.Layers.ALWAYS,
        log::add)) {
      await("the initial build", () -> w.builds() >= 1, log);
      String first = w.lastSnapshot();
      Files.writeString(src.resolve("A.java"), javaClass("p", "A", "one", "two"));
      await("the layer", () -> w.lastPublished().startsWith(first + "+") || w.compactions() >= 1, log);
      assertTrue(log.stream().anyMatch(l -> l.contains("published layer " + first + "+")), String.join("\n", log));
      int beforeFold = lookup(store, "p.A#two()");
      if (w.compactions() == 0) { // read before the fold (on a slow machine the fold may already have run)
        assertEquals(1, beforeFold, "commands reading refs/HEAD see the whole snapshot until the fold");
      }
      await("the fold", () -> w.compactions() >= 1, log);
      assertEquals(0, lookup(store, "p.A#two()"), String.join("\n", log));
      long resident = w.residentBuilds();
      Files.writeString(src.resolve("B.java"), javaClass("p", "B", "one", "three"));
      await("the second layer", () -> w.builds() >= 3, log);
      assertEquals(resident + 1, w.residentBuilds(), "the fold keeps the resident build state usable");
      await("the second fold", () -> w.compactions() >= 2, log);
      assertEquals(0, lookup(store, "p.B#three()"));
    }
  }

  @Test
  void followsAJsonLinesFile() throws Exception {
    Path file = dir.resolve("model.jsonl");
    Path store = dir.resolve("store");
    String line = "{\"path\": \"src/a.cov\", \"symbols\": [{\"name\": \"a.%s\", \"kind\": \"fn\"}]}\n";
    Files.writeString(file, String.format(line, "one"));
    List<String> log = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(file, store, 50, false, BuildActivity.NONE, Watcher.Layers.NEVER, log::add)) {
      await("the initial build", () -> lookup(store, "a.one") == 0, log);
      Path tmp = dir.resolve(".model.jsonl.tmp");
      Files.writeString(tmp, String.format(line, "two"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      await("a.two", () -> lookup(store, "a.two") == 0, log);
      assertEquals(1, lookup(store, "a.one"), "--replace-all: the file is the whole model");
    }
  }

  @Test
  void refusesWhatItCannotWatch() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    try {
      Watcher.start(file, dir.resolve("store"), 100, l -> { }).close();
      throw new AssertionError("expected a refusal");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("neither"), e.getMessage());
    }
  }
}
