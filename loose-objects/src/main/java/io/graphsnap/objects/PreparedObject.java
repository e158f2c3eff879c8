package io.graphsnap.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An object hashed and written to a temporary file by {@link ObjectBatch#prepare} (on any thread), waiting to be
 * {@link ObjectBatch#adopt adopted} by its batch or {@link #discard() discarded}. Owns its temporary file until
 * one of the two happens. Thread-safe.
 */
public final class PreparedObject {
  private final ObjectId id;
  private final Path tmp;
  private final AtomicBoolean taken = new AtomicBoolean();

  PreparedObject(ObjectId id, Path tmp) {
    this.id = id;
    this.tmp = tmp;
  }

  /** The object's id (the SHA-256 of its bytes). */
  public ObjectId id() {
    return id;
  }

  /** The temporary file holding the bytes, or null if the object was already stored whole. */
  Path tmp() {
    return tmp;
  }

  /** Marks the object taken by a batch; false if it was taken or discarded before. */
  boolean take() {
    return taken.compareAndSet(false, true);
  }

  /** Deletes the temporary file unless a batch adopted it. Idempotent. */
  public void discard() throws IOException {
    if (take() && tmp != null) {
      Files.deleteIfExists(tmp);
    }
  }
}
