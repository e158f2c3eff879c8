package io.graphsnap.objects;

import io.graphsnap.objects.internal.SafeFiles;
import io.graphsnap.objects.internal.IndexLog;
import io.graphsnap.objects.internal.SnapshotFileTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recovers the index after a commit that a crash may have cut short. MapDB 3.1.0 does not replay its
 * write-ahead log on open, so a process that dies inside {@code commit()} can leave {@code index.db}
 * half-written; the {@link IndexLog commit log} says when that may have happened (its last record is a BEGIN
 * without END: a crash, or an I/O error inside MapDB's commit). Then the index is rebuilt from what is durable:
 * the published snapshot's file table (what the last publish indexed) plus the file changes of every commit
 * completed since (logged before each commit, after its objects were durable), and the refs from the ref
 * files. The unfinished commit is dropped, so the store is as it was before the interrupted command. Run by
 * {@link Store#open} under the writer lock.
 *
 * <p>What a recovered index lacks: ref history before the recovery (each ref keeps its current value) and the
 * build generations of older snapshots (so gc keeps every object until the kept snapshots have generations
 * again). The suspect file is kept as {@code index.db.torn} for diagnosis. Stateless.
 */
final class TornCommitRecovery {
  private static final String TORN_SUFFIX = ".torn";

  private TornCommitRecovery() {}

  /** The commit log of the store, if its last commit may be torn; empty otherwise. */
  static Optional<IndexLog.State> tornLog(StoreLayout layout) throws IOException {
    IndexLog.State state = IndexLog.read(IndexLog.fileOf(layout.indexFile()));
    return state.torn() ? Optional.of(state) : Optional.empty();
  }

  /** Moves the suspect {@code index.db} to {@code index.db.torn} and deletes MapDB's write-ahead files. */
  static void setAside(StoreLayout layout) throws IOException {
    Path index = layout.indexFile();
    if (SafeFiles.checkFileIfPresent(index)) {
      Files.move(index, index.resolveSibling(index.getFileName() + TORN_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
    }
    SafeFiles.deleteRegularFiles(layout.root(), index.getFileName() + ".wal.*");
  }

  /**
   * Fills the store's fresh, empty index from the published snapshot and the logged changes, in one commit,
   * and leaves the log holding only the changes since the publish. Returns warnings (one line each).
   */
  static List<String> recover(Store store, IndexLog.State log) throws IOException {
    StoreLayout layout = store.layout();
    StoreIndex index = store.index();
    List<String> warnings = new ArrayList<>();
    warnings.add("the last index commit may have been cut short by a crash: index.db was rebuilt from the published "
        + "snapshot and " + log.changes().size() + " logged file changes (the suspect file is kept as index.db"
        + TORN_SUFFIX + "; ref history restarts)");
    Optional<String> head = readRef(layout, StoreLayout.HEAD, warnings);
    try (IndexUpdate update = store.beginUpdate()) {
      if (head.isPresent()) {
        Path snapshot = layout.snapshotFile(head.get());
        for (Map.Entry<String, ObjectId> file : SnapshotFileTable.read(snapshot).entrySet()) {
          put(store, update, file.getKey(), file.getValue(), warnings);
        }
        index.reachability().built(head.get());
        index.journal().built(head.get());
      }
      for (IndexLog.Entry change : log.changes()) {
        if (change.objectId() == null) {
          update.delete(change.path());
        } else {
          put(store, update, change.path(), change.objectId(), warnings);
        }
      }
      for (Map.Entry<String, String> ref : SnapshotRefs.all(layout.root()).entrySet()) {
        if (SafeFiles.isRegularFile(layout.snapshotFile(ref.getValue()))) {
          index.refHistory().set(ref.getKey(), ref.getValue());
        }
      }
      update.commit();
    }
    index.rewriteLog(log.changes());
    return warnings;
  }

  private static void put(Store store, IndexUpdate update, String path, ObjectId id, List<String> warnings)
      throws IOException {
    try {
      update.put(store.objects().read(id));
    } catch (IOException e) {
      warnings.add("object " + id.hex() + " of " + path + " is unreadable (" + e.getMessage() + "); the path is left out");
    }
  }

  private static Optional<String> readRef(StoreLayout layout, String name, List<String> warnings) {
    try {
      Optional<String> id = Refs.read(layout, name);
      if (id.isPresent() && !SafeFiles.isRegularFile(layout.snapshotFile(id.get()))) {
        warnings.add("ref " + name + " names missing snapshot " + id.get() + "; recovered from the log alone");
        return Optional.empty();
      }
      return id;
    } catch (IOException e) {
      warnings.add("ref " + name + " is unreadable (" + e.getMessage() + "); recovered from the log alone");
      return Optional.empty();
    }
  }
}
