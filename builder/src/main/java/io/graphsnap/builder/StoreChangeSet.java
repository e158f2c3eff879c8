package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.ObjectRecord;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ChangeSet} answered by a store's index: the build journal's pending paths, the path map, the symbol
 * map (names → declaring objects) with each object's path from its reachability record, and the object store.
 * Valid while the store is open and no update runs (the pending paths are read once, at the first call).
 */
final class StoreChangeSet implements ChangeSet {
  private final Store store;
  /** The pending paths, read once: walking the journal's B-tree costs in proportion to its history. */
  private Collection<String> changed;

  StoreChangeSet(Store store) {
    this.store = store;
  }

  @Override
  public Collection<String> changedPaths() {
    if (changed == null) {
      changed = store.index().journal().pendingPaths();
    }
    return changed;
  }

  @Override
  public ObjectId currentObject(String path) {
    FileEntry entry = store.index().file(path);
    return entry == null ? null : entry.objectId();
  }

  @Override
  public List<Declarer> declarers(String name) throws IOException {
    List<ObjectId> ids = store.index().definers(name);
    List<Declarer> declarers = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      Optional<ObjectRecord> record = store.index().reachability().record(id);
      String path = record.isPresent() ? record.get().path() : read(id).path();
      declarers.add(new Declarer(path, id));
    }
    return declarers;
  }

  @Override
  public FileSummary read(ObjectId id) throws IOException {
    return store.objects().read(id);
  }
}
