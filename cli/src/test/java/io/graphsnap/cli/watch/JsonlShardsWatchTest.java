package io.graphsnap.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.GraphsnapCommand;
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
 * {@code watch --jsonl DIR}: a folder of JSON Lines shards, each saved shard ingested alone with replace-all for the
 * paths it lists; edited, added and deleted shards, a bad line, and a path listed in two shards.
 */
class JsonlShardsWatchTest {
  @TempDir Path dir;

  private static String line(String path, String symbol) {
    return "{\"path\": \"" + path + "\", \"symbols\": [{\"name\": \"" + symbol + "\", \"kind\": \"fn\"}]}\n";
  }

  private static int lookup(Path store, String name) {
    String[] args = {"lookup", name, "--store", store.toString(), "-q"};
    return GraphsnapCommand.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args)
        .execute(args);
  }

  private static int run(String... args) {
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

  /** Saves as editors do: a temporary file renamed over the shard. */
  private static void save(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void eachShardOwnsItsPathsAndOnlyTheSavedShardIsIngested() throws Exception {
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Path store = dir.resolve("store");
    Path stray = Files.writeString(dir.resolve("stray.jsonl"), line("src/stray.cov", "stray.one"));
    assertEquals(0, run("ingest", stray.toString(), "--store", store.toString(), "-q"));
    Path a = Files.writeString(shards.resolve("a.jsonl"), line("src/a1.cov", "a.one") + line("src/a2.cov", "a.two"));
    Path b = Files.writeString(shards.resolve("b.jsonl"), line("src/b.cov", "b.one"));
    Files.writeString(shards.resolve("notes.txt"), "not a shard");
    List<String> log = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(shards, store, 50, true, BuildActivity.NONE, log::add)) {
      await("the initial build", () -> w.builds() >= 1, log);
      assertEquals(0, lookup(store, "a.one"), String.join("\n", log));
      assertEquals(0, lookup(store, "a.two"));
      assertEquals(0, lookup(store, "b.one"));
      assertEquals(1, lookup(store, "stray.one"), "the folder is the complete set: a file no shard lists is removed");

      // edit one shard: a path it no longer lists is removed, the other shard's files stay
      save(a, line("src/a1.cov", "a.uno"));
      await("a.uno", () -> lookup(store, "a.uno") == 0, log);
      assertEquals(1, lookup(store, "a.two"), "a.jsonl no longer lists src/a2.cov");
      assertEquals(0, lookup(store, "b.one"), "b.jsonl's files are untouched");

      // a bad line keeps its file's previous version and is reported as file:line
      // the watcher publishes, then counts the build: wait for the count of a.jsonl's build before taking it
      await("a.jsonl's build counted", () -> w.builds() >= 2, log);
      long before = w.builds();
      save(b, line("src/b.cov", "b.uno").replace("[{", "[{,"));
      await("the build with a bad line", () -> w.builds() > before, log);
      assertEquals(0, lookup(store, "b.one"), "the previous version of src/b.cov stays");
      assertEquals(1, lookup(store, "b.uno"));
      assertTrue(log.stream().anyMatch(l -> l.contains("b.jsonl:1:")), String.join("\n", log));

      // a new shard; one of its paths is a.jsonl's: an error naming both, a.jsonl keeps it
      Path c = shards.resolve("c.jsonl");
      save(c, line("src/a1.cov", "c.dup") + line("src/c.cov", "c.one"));
      await("c.one", () -> lookup(store, "c.one") == 0, log);
      assertEquals(0, lookup(store, "a.uno"), "the path stays a.jsonl's");
      assertEquals(1, lookup(store, "c.dup"));
      assertTrue(log.stream().anyMatch(l -> l.contains("c.jsonl:1:") && l.contains("src/a1.cov") && l.contains("a.jsonl")),
          String.join("\n", log));

      // delete a shard: its files go; the path it held is now c.jsonl's (c is ingested again)
      Files.delete(a);
      await("a.uno removed", () -> lookup(store, "a.uno") == 1, log);
      await("c.dup once a.jsonl is gone", () -> lookup(store, "c.dup") == 0, log);
      assertEquals(0, lookup(store, "b.one"));
      assertEquals(0, lookup(store, "c.one"));
    }
  }

  /**
   * With layers: a save is published as a delta over the last whole snapshot (commands reading refs/HEAD still see
   * the whole one), then folded into a whole snapshot once the watch is quiet, or at once when a server waits for one
   * ({@link BuildActivity#wantWhole}); the folded snapshot removes the layer and its delta.
   */
  @Test
  void aSaveIsPublishedAsALayerAndFoldedInLater() throws Exception {
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Path store = dir.resolve("store");
    Path a = Files.writeString(shards.resolve("a.jsonl"), line("src/a.cov", "a.one"));
    List<String> log = new CopyOnWriteArrayList<>();
    BuildActivity activity = new BuildActivity();
    List<String> published = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(shards, store, 50, true, activity, Watcher.Layers.ALWAYS, log::add)) {
      activity.onPublished(() -> published.add(w.lastPublished()));
      await("the initial build", () -> w.builds() >= 1, log);
      String first = w.lastSnapshot();
      assertTrue(first.matches("[0-9a-f]{64}"), first);

      save(a, line("src/a.cov", "a.two"));
      await("the layer", () -> w.lastPublished().contains("+") || !w.lastSnapshot().equals(first), log);
      assertTrue(log.stream().anyMatch(l -> l.contains("published layer " + first + "+")), String.join("\n", log));
      String head = io.graphsnap.objects.LayerRef.read(store).map(io.graphsnap.objects.LayerRef.Layer::id).orElse(null);
      if (w.compactions() == 0) { // read before the fold (on a slow machine the fold may already have run)
        assertEquals(w.lastPublished(), head);
      }
      await("the folded snapshot", () -> !w.lastSnapshot().equals(first), log);
      assertEquals(0, lookup(store, "a.two"), String.join("\n", log));
      assertEquals(1, lookup(store, "a.one"));
      assertTrue(io.graphsnap.objects.LayerRef.read(store).isEmpty());
      assertTrue(log.stream().anyMatch(l -> l.contains("folded into a whole snapshot")), String.join("\n", log));

      // a server waiting for a whole snapshot has the layer folded in without waiting for quiet
      String folded = w.lastSnapshot();
      save(a, line("src/a.cov", "a.three"));
      await("the second layer", () -> w.lastPublished().contains("+") || !w.lastSnapshot().equals(folded), log);
      activity.wantWhole();
      await("the folded snapshot", () -> !w.lastSnapshot().equals(folded), log);
      assertEquals(0, lookup(store, "a.three"));
      assertTrue(published.stream().filter(p -> p.contains("+")).count() >= 2, published.toString());
    }
  }

  /** A line whose path cannot be read may describe any file: as with replace-all, nothing unlisted is removed. */
  @Test
  void aLineWithoutAReadablePathKeepsUnlistedFiles() throws Exception {
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Path store = dir.resolve("store");
    Path stray = Files.writeString(dir.resolve("stray.jsonl"), line("src/stray.cov", "stray.one"));
    assertEquals(0, run("ingest", stray.toString(), "--store", store.toString(), "-q"));
    Files.writeString(shards.resolve("a.jsonl"), line("src/a.cov", "a.one") + "not json at all\n");
    List<String> log = new CopyOnWriteArrayList<>();
    try (Watcher w = Watcher.start(shards, store, 50, true, BuildActivity.NONE, log::add)) {
      await("the initial build", () -> w.builds() >= 1, log);
      assertEquals(0, lookup(store, "a.one"), String.join("\n", log));
      assertEquals(0, lookup(store, "stray.one"), "kept: a.jsonl:2 might have described it");
      assertTrue(log.stream().anyMatch(l -> l.contains("a.jsonl:2:")), String.join("\n", log));
      assertTrue(log.stream().anyMatch(l -> l.contains("files no shard lists were not removed")), String.join("\n", log));
    }
  }

  @Test
  void refusesJsonlForSomethingElse() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    try {
      Watcher.start(file, dir.resolve("store"), 100, true, BuildActivity.NONE, l -> { }).close();
      throw new AssertionError("expected a refusal");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("neither a folder of .jsonl shards nor a .jsonl file"), e.getMessage());
    }
  }
}
