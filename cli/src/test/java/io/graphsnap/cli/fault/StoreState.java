package io.graphsnap.cli.fault;

import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a user of a store can observe, captured by opening it as the next command would: the published HEAD,
 * the index (path → object, symbol → defining objects, refs), the snapshot files and the loose objects. Opening
 * also checks what must hold after any failure: every loose object hashes to its name, every snapshot file
 * verifies and hashes to its name, HEAD names an existing snapshot, and {@code tmp/} is empty once the store
 * is open again. {@link #diffFrom} compares a state after a failed command with the state before it.
 *
 * @param head the id in refs/HEAD, or "" if none
 * @param files path → object id (hex) from the index
 * @param definitions symbol name → ids of the objects the index says define it, for every symbol of a current file
 * @param refs the refs recorded in the index
 * @param snapshots ids of the snapshot files in snapshots/
 * @param objects ids of the loose objects
 */
record StoreState(String head, SortedMap<String, String> files, SortedMap<String, List<String>> definitions,
    SortedMap<String, String> refs, SortedSet<String> snapshots, SortedSet<String> objects) {

  /** Opens the store at {@code dir} (taking its lock, clearing tmp/) and captures and checks its state. */
  static StoreState capture(Path dir) throws IOException {
    try (Store store = Store.open(dir, false)) {
      StoreLayout layout = store.layout();
      try (Stream<Path> tmp = Files.list(layout.tmpDir())) {
        List<Path> left = tmp.filter(Files::isRegularFile).toList();
        if (!left.isEmpty()) {
          throw new AssertionError("tmp/ not cleared at open: " + left);
        }
      }
      TreeMap<String, String> files = new TreeMap<>();
      TreeMap<String, List<String>> definitions = new TreeMap<>();
      for (FileEntry entry : store.currentFiles()) {
        files.put(entry.path(), entry.objectId().hex());
        for (SymbolSummary symbol : store.objects().read(entry.objectId()).symbols()) {
          definitions.put(symbol.name(), store.index().definers(symbol.name()).stream().map(ObjectId::hex).toList());
        }
      }
      TreeSet<String> objects = new TreeSet<>();
      for (ObjectId id : store.objects().list()) {
        store.objects().get(id); // re-hashes: a partial object under its final name fails here
        objects.add(id.hex());
      }
      TreeSet<String> snapshots = new TreeSet<>();
      try (Stream<Path> list = Files.list(layout.snapshotsDir())) {
        for (Path file : list.toList()) {
          String name = file.getFileName().toString();
          if (!name.endsWith(StoreLayout.SNAPSHOT_SUFFIX)) {
            throw new AssertionError("stray file in snapshots/: " + name);
          }
          String id = name.substring(0, name.length() - StoreLayout.SNAPSHOT_SUFFIX.length());
          checkSnapshot(file, id);
          snapshots.add(id);
        }
      }
      String head = store.headSnapshotId().orElse("");
      if (!head.isEmpty() && !snapshots.contains(head)) {
        throw new AssertionError("refs/HEAD names a missing snapshot " + head);
      }
      return new StoreState(head, files, definitions, new TreeMap<>(store.index().refs()), snapshots, objects);
    }
  }

  private static void checkSnapshot(Path file, String id) throws IOException {
    String actual = io.graphsnap.format.object.Hex.of(sha256(file));
    if (!actual.equals(id)) {
      throw new AssertionError("snapshot " + file + " does not hash to its name: " + actual);
    }
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      g.verify();
    }
  }

  private static byte[] sha256(Path file) throws IOException {
    java.security.MessageDigest sha = ObjectId.sha256();
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }

  /**
   * The ways {@code this} (after a failed command) differs from {@code before} beyond what a failure may leave:
   * unreferenced loose objects and unreferenced complete snapshots (both verified above, removed by gc).
   * Empty if the store is as it was.
   */
  List<String> diffFrom(StoreState before) {
    List<String> problems = new ArrayList<>();
    if (!head.equals(before.head)) {
      problems.add("refs/HEAD changed: " + before.head + " -> " + head);
    }
    if (!files.equals(before.files)) {
      problems.add("indexed files changed: " + before.files + " -> " + files);
    }
    if (!definitions.equals(before.definitions)) {
      problems.add("symbol definitions changed");
    }
    if (!refs.equals(before.refs)) {
      problems.add("index refs changed: " + before.refs + " -> " + refs);
    }
    if (!snapshots.containsAll(before.snapshots)) {
      problems.add("a snapshot file disappeared: " + before.snapshots + " -> " + snapshots);
    }
    if (!objects.containsAll(before.objects)) {
      problems.add("a loose object disappeared");
    }
    return problems;
  }

  /** The published outcome of a command that succeeded: HEAD, files, definitions and refs. */
  boolean sameOutcome(StoreState other) {
    return head.equals(other.head) && files.equals(other.files) && definitions.equals(other.definitions)
        && refs.equals(other.refs);
  }
}
