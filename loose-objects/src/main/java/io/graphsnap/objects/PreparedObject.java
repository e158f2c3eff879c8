package io.graphsnap.objects;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An object hashed by {@link ObjectBatch#prepare} (on any thread) and checked against what the store holds, waiting
 * to be {@link ObjectBatch#adopt adopted} by its batch or {@link #discard() discarded}; nothing is written until it
 * is adopted. Thread-safe.
 */
public final class PreparedObject {
  private final ObjectId id;
  private final byte[] bytes;
  private final byte[] block;
  private final AtomicBoolean taken = new AtomicBoolean();

  PreparedObject(ObjectId id, byte[] bytes, byte[] block) {
    this.id = id;
    this.bytes = bytes;
    this.block = block;
  }

  /** The object's id (the SHA-256 of its bytes). */
  public ObjectId id() {
    return id;
  }

  /** The object's bytes, or null if the object was already stored whole. */
  byte[] bytes() {
    return bytes;
  }

  /**
   * The object's bytes as an LZ4 block for a pack, compressed by the preparing thread, or null if that is not
   * shorter (or the object is stored already).
   */
  byte[] block() {
    return block;
  }

  /** Marks the object taken by a batch; false if it was taken or discarded before. */
  boolean take() {
    return taken.compareAndSet(false, true);
  }

  /** Gives the object up unless a batch adopted it: it will not be stored. Idempotent. */
  public void discard() throws IOException {
    take();
  }
}
