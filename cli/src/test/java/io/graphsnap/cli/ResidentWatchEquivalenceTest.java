package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.BuildCrossFileIncrementalTest.RandomJavaTree;
import io.graphsnap.cli.watch.Watcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident watch ({@link BuildMemory}) publishes what a full build of the same tree publishes, byte for byte
 * (equal snapshot ids are equal bytes), after every one of a sequence of random cross-file edits: methods
 * added and removed, supertypes, imports, packages and parameter types changed, bodies edited; and it does so
 * from memory, not by reading the store's state again.
 */
class ResidentWatchEquivalenceTest {
  @TempDir Path dir;

  private String fullBuild(Path src, int step) {
    Path fresh = dir.resolve("full-" + step);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = {"build", src.toString(), "--store", fresh.toString(), "-q"};
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    assertEquals(0, code, err.toString());
    return out.toString().strip();
  }

  /**
   * Writes the tree as an editor saves: each changed file to a temporary file renamed over it, files that went
   * away deleted (the watched folders stay, as they do when a class moves between packages in an IDE).
   */
  private void sync(RandomJavaTree tree, Path src) throws java.io.IOException {
    Path staging = dir.resolve("staging");
    tree.writeTo(staging);
    java.util.Set<Path> wanted = new java.util.HashSet<>();
    try (var walk = Files.walk(staging)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path rel = staging.relativize(p);
        wanted.add(rel);
        Path target = src.resolve(rel.toString());
        if (Files.exists(target) && Files.mismatch(p, target) == -1) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp~");
        Files.copy(p, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (Files.exists(src)) {
      try (var walk = Files.walk(src)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          if (!wanted.contains(src.relativize(p))) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @Test
  void everySaveOfARandomEditPublishesTheFullBuildsSnapshot() throws Exception {
    Path src = dir.resolve("src");
    RandomJavaTree tree = new RandomJavaTree(new Random(16), 10, 6);
    tree.minimalImports = true;
    sync(tree, src);
    List<String> log = new CopyOnWriteArrayList<>();
    int steps = 16;
    try (Watcher w = Watcher.start(src, dir.resolve("store"), 30, false, io.graphsnap.cli.watch.BuildActivity.NONE,
        Watcher.Layers.NEVER, log::add)) {
      for (int step = 0; step < steps; step++) {
        String edit = step == 0 ? "initial" : tree.edit();
        if (step > 0) {
          sync(tree, src);
        }
        String expected = fullBuild(src, step);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!expected.equals(w.lastSnapshot())) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("step " + step + " (" + edit + "): the watch never published the full build's "
                + expected + "; it published " + w.lastSnapshot() + "; log:\n" + String.join("\n", log));
          }
          Thread.sleep(20);
        }
      }
      assertTrue(w.residentBuilds() >= steps / 2, "builds from memory: " + w.residentBuilds() + " of " + w.builds()
          + "\n" + String.join("\n", log));
    }
  }
}
