package io.graphsnap.cli.watch;

import io.graphsnap.cli.IngestMemory;
import io.graphsnap.objects.jsonl.ShardScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A watched folder of JSON Lines shards ({@code watch --jsonl DIR}): the {@code *.jsonl} files directly in the folder
 * (not in sub-folders; names starting with a dot are ignored) together describe every file of the store, and each
 * shard is ingested on its own with {@code --replace-all} semantics <em>per shard</em>, so that a save re-reads only
 * the shard that changed:
 * <ul>
 *   <li>a shard owns the paths it listed at its last ingest; its next ingest removes the files it owned and no longer
 *       lists, and touches no other shard's files;
 *   <li>a path listed in two shards is an error on the line of the shard ingested later, naming the other (which keeps
 *       the path); once the other shard drops it, the shard with the error is ingested again;
 *   <li>a deleted shard's files are removed; a new shard is ingested; the first build also removes files no shard
 *       lists (the folder is the complete set);
 *   <li>a bad line keeps its file's previous version and is reported as {@code shard.jsonl:LINE: message}.
 * </ul>
 * Each shard keeps its own remembered lines ({@link IngestMemory}); an ingest of one shard carries the others'
 * trust over ({@link io.graphsnap.objects.jsonl.KnownLines#carryOver}), which is sound because it touched none of
 * their paths.
 *
 * <p>Memory: one entry per path (its owner) besides the remembered lines. Not thread-safe: the watcher's thread
 * uses it.
 */
final class JsonlShards {
  private final Path folder;
  private final Path store;
  private final Map<Path, Shard> shards = new TreeMap<>();
  /** Path → the shard file that lists it. */
  private final Map<String, Path> owners = new HashMap<>();

  JsonlShards(Path folder, Path store) {
    this.folder = folder.toAbsolutePath().normalize();
    this.store = store;
  }

  /** Whether {@code p} names a shard of {@code folder}: {@code *.jsonl} directly in it, not hidden. */
  static boolean isShardName(Path folder, Path p) {
    Path name = p.getFileName();
    if (name == null || !folder.equals(p.getParent())) {
      return false;
    }
    String n = name.toString();
    return !n.startsWith(".") && n.toLowerCase(Locale.ROOT).endsWith(".jsonl");
  }

  /** The folder watched. */
  Path folder() {
    return folder;
  }

  /** How many shards are known. */
  int size() {
    return shards.size();
  }

  /**
   * Brings the store up to the folder: with {@code all}, every shard (the first build, or after lost events; files no
   * shard lists are removed); else the shards in {@code changed} (ingested, or removed if gone). Returns the worst
   * exit code of the ingests (0, or 2 if a line was bad); the ingests' messages go to {@code err}.
   *
   * @throws IOException if the folder cannot be listed or a store write fails
   */
  int update(Collection<Path> changed, boolean all, PrintWriter out, PrintWriter err) throws IOException {
    Set<Path> todo = new LinkedHashSet<>();
    if (all) {
      todo.addAll(shards.keySet());
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
        List<Path> found = new ArrayList<>();
        for (Path p : files) {
          if (isShardName(folder, p)) {
            found.add(p);
          }
        }
        found.sort(null);
        todo.addAll(found);
      }
    } else {
      for (Path p : changed) {
        Path abs = p.toAbsolutePath().normalize();
        if (isShardName(folder, abs)) {
          todo.add(abs);
        }
      }
    }
    int code = 0;
    for (Path p : todo) {
      code = Math.max(code, refresh(p, out, err));
    }
    if (!todo.isEmpty()) { // what they freed may settle another shard's conflict
      for (Shard s : new ArrayList<>(shards.values())) {
        if (s.conflicted && !todo.contains(s.file)) {
          code = Math.max(code, refresh(s.file, out, err));
        }
      }
    }
    if (all) {
      Shard incomplete = shards.values().stream().filter(s -> !s.complete).findFirst().orElse(null);
      if (incomplete == null) {
        IngestMemory.removeOwned(store, Duration.ofSeconds(60), new Unlisted());
      } else { // as replace-all does when a line cannot be attributed: remove nothing rather than a file it describes
        err.println("graphsnap watch: files no shard lists were not removed, because " + incomplete.file.getFileName()
            + " has a line whose path could not be read");
      }
    }
    return code;
  }

  /** Ingests one shard, or removes its files if it is gone; returns the ingest's exit code. */
  private int refresh(Path file, PrintWriter out, PrintWriter err) throws IOException {
    Shard shard = shards.get(file);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      if (shard != null) {
        IngestMemory.removeOwned(store, Duration.ofSeconds(60), shard);
        shards.remove(file);
      }
      return 0;
    }
    if (shard == null) {
      shard = new Shard(file);
      shards.put(file, shard);
    }
    shard.conflicted = false;
    String[] args = {"ingest", file.toString(), "--replace-all", "--store", store.toString(), "-q", "--wait", "60"};
    int code = shard.memory.ingest(out, err, shard, args);
    if (code > 2) {
      throw new IOException("ingest of " + file + " failed (exit " + code + ")");
    }
    return code;
  }

  private void carryOver(Shard except, String before, String after) {
    for (Shard s : shards.values()) {
      if (s != except) {
        s.memory.lines().carryOver(before, after);
      }
    }
  }

  /** One shard file: what it owns and remembers. */
  private final class Shard implements ShardScope {
    final Path file;
    final IngestMemory memory = new IngestMemory();
    Set<String> paths = Set.of();
    /** Whether its last ingest met a path another shard owns. */
    volatile boolean conflicted;
    /** False if its last ingest had a bad line whose path could not be read. */
    boolean complete = true;

    Shard(Path file) {
      this.file = file;
    }

    @Override
    public String ownerOf(String path) {
      Path owner = owners.get(path);
      if (owner == null || owner.equals(file)) {
        return null;
      }
      conflicted = true;
      return String.valueOf(owner.getFileName());
    }

    @Override
    public boolean owns(String path) {
      return paths.contains(path);
    }

    @Override
    public Collection<String> ownedPaths() {
      return paths;
    }

    @Override
    public void committed(Set<String> listed, boolean listedAll, String before, String after) {
      complete = listedAll;
      if (!listedAll) { // a line whose path could not be read may be about any path it owned: keep them all
        Set<String> kept = new java.util.HashSet<>(paths);
        kept.addAll(listed);
        listed = kept;
      }
      for (String p : paths) {
        owners.remove(p, file);
      }
      paths = listed;
      for (String p : listed) {
        owners.put(p, file);
      }
      carryOver(this, before, after);
    }
  }

  /** The files no shard lists: removed after a full pass. */
  private final class Unlisted implements ShardScope {
    @Override
    public String ownerOf(String path) {
      return null;
    }

    @Override
    public boolean owns(String path) {
      return !owners.containsKey(path);
    }

    @Override
    public void committed(Set<String> listed, boolean listedAll, String before, String after) {
      carryOver(null, before, after);
    }
  }
}
