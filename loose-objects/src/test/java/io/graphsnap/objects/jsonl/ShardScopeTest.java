package io.graphsnap.objects.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonLinesIngester#shard}: an ingest confined to one shard of a folder. */
class ShardScopeTest {
  @TempDir Path dir;

  /** Shards sharing one owner map, as a watched folder keeps them. */
  private final Map<String, String> owners = new HashMap<>();

  private final class Shard implements ShardScope {
    final String name;
    final boolean listsOwned;
    Set<String> paths = Set.of();
    String before;
    String after;

    Shard(String name, boolean listsOwned) {
      this.name = name;
      this.listsOwned = listsOwned;
    }

    @Override
    public String ownerOf(String path) {
      String owner = owners.get(path);
      return owner == null || owner.equals(name) ? null : owner;
    }

    @Override
    public boolean owns(String path) {
      return paths.contains(path);
    }

    @Override
    public Collection<String> ownedPaths() {
      return listsOwned ? paths : null;
    }

    @Override
    public void committed(Set<String> listed, boolean complete, String filesVersionBefore, String filesVersionAfter) {
      paths.forEach(p -> owners.remove(p, name));
      paths = listed;
      listed.forEach(p -> owners.put(p, name));
      before = filesVersionBefore;
      after = filesVersionAfter;
    }
  }

  private static String line(String path, String symbol) {
    return "{\"path\": \"" + path + "\", \"symbols\": [{\"name\": \"" + symbol + "\", \"kind\": \"fn\"}]}";
  }

  private IngestReport ingest(Store store, Shard shard, String... lines) throws Exception {
    Path file = dir.resolve(shard.name);
    Files.write(file, List.of(lines));
    return new JsonLinesIngester(store).replaceAll(true).shard(shard).ingest(file);
  }

  private static List<String> paths(Store store) {
    return store.currentFiles().stream().map(FileEntry::path).sorted().toList();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aShardRemovesOnlyWhatItOwnedAndRefusesAnotherShardsPaths(boolean listsOwned) throws Exception {
    try (Store store = Store.open(dir.resolve("store"), true)) {
      Shard a = new Shard("a.jsonl", listsOwned);
      Shard b = new Shard("b.jsonl", listsOwned);
      ingest(store, a, line("src/a1.cov", "a.one"), line("src/a2.cov", "a.two"));
      ingest(store, b, line("src/b.cov", "b.one"));
      assertEquals(Set.of("src/a1.cov", "src/a2.cov"), a.paths);
      String beforeB = b.before;
      assertEquals(a.after, beforeB, "b's ingest started where a's ended");

      // a no longer lists a2: removed; b's file stays
      IngestReport again = ingest(store, a, line("src/a1.cov", "a.uno"));
      assertEquals(1, again.deleted());
      assertEquals(List.of("src/a1.cov", "src/b.cov"), paths(store));

      // b lists a's path: a bad line naming a, and a keeps it
      IngestReport clash = ingest(store, b, line("src/b.cov", "b.one"), line("src/a1.cov", "b.dup"));
      assertEquals(1, clash.errorCount());
      assertEquals(2, clash.errors().getFirst().lineNumber());
      assertTrue(clash.errors().getFirst().message().contains("src/a1.cov is also listed in a.jsonl"),
          clash.errors().getFirst().message());
      assertEquals(Set.of("src/b.cov"), b.paths, "a path another shard owns is not taken over");
      assertEquals("a.jsonl", owners.get("src/a1.cov"));
      assertEquals(List.of("src/a1.cov", "src/b.cov"), paths(store));

      // an empty shard removes everything it owned, nothing else
      IngestReport emptied = ingest(store, a);
      assertEquals(1, emptied.deleted());
      assertEquals(List.of("src/b.cov"), paths(store));
    }
  }

  /** Remembered lines stay trusted over another shard's ingest when carried over, and the result is still right. */
  @Test
  void knownLinesAreCarriedOverAnotherShardsIngest() throws Exception {
    try (Store store = Store.open(dir.resolve("store"), true)) {
      Shard a = new Shard("a.jsonl", true);
      Shard b = new Shard("b.jsonl", true);
      KnownLines knownA = new KnownLines();
      Path fileA = Files.write(dir.resolve("a.jsonl"), List.of(line("src/a1.cov", "a.one"), line("src/a2.cov", "a.two")));
      new JsonLinesIngester(store).replaceAll(true).shard(a).knownLines(knownA).ingest(fileA);
      String afterA = knownA.filesVersion();
      ingest(store, b, line("src/b.cov", "b.one"));
      assertTrue(!afterA.equals(store.index().filesVersion()), "b's ingest drew a new files version");
      knownA.carryOver(b.before, b.after);
      assertEquals(store.index().filesVersion(), knownA.filesVersion());
      IngestReport second = new JsonLinesIngester(store).replaceAll(true).shard(a).knownLines(knownA).ingest(fileA);
      assertEquals(2, second.knownUnchanged(), "both lines trusted without parsing");
      assertEquals(List.of("src/a1.cov", "src/a2.cov", "src/b.cov"), paths(store));
    }
  }
}
