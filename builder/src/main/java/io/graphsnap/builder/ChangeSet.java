package io.graphsnap.builder;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * What an {@link IncrementalBuilder} asks about the current objects besides the base snapshot: which paths may
 * have changed since the base was built, each path's current object, which current objects declare a name,
 * and the objects themselves (current ones and the base's). A store answers from its index ({@link
 * StoreSnapshots}); tests may answer from memory. Every answer must describe one consistent state.
 */
public interface ChangeSet {
  /**
   * A current object that declares a name.
   *
   * @param path its path
   * @param objectId its id
   */
  record Declarer(String path, ObjectId objectId) {}

  /** Every path whose object may differ from the base snapshot's (a superset is fine; others are ignored). */
  Collection<String> changedPaths() throws IOException;

  /** The current object of {@code path}, or {@code null} if the path has no file now. */
  ObjectId currentObject(String path) throws IOException;

  /** Every current object that declares {@code name}, in any order. */
  List<Declarer> declarers(String name) throws IOException;

  /** Reads and decodes object {@code id}: a current object or one the base snapshot was built from. */
  FileSummary read(ObjectId id) throws IOException;
}
