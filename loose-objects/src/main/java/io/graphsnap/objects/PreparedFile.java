package io.graphsnap.objects;

import io.graphsnap.format.object.EncodedFile;
import java.io.IOException;

/**
 * A file summary encoded, hashed and written to a temporary file by {@link IndexUpdate#prepare} (on any thread),
 * for {@link IndexUpdate#put(PreparedFile)} on the update's thread; {@link #discard()} it if it is not put.
 * Lets front ends encode and write objects in parallel while the index is changed in input order. Thread-safe.
 *
 * @param file the file, encoded (its path, source hash, symbols and object bytes)
 * @param object its object, written but not yet durable
 */
public record PreparedFile(EncodedFile file, PreparedObject object) {
  /** Deletes the temporary object file unless the object was put. Idempotent. */
  public void discard() throws IOException {
    object.discard();
  }
}
