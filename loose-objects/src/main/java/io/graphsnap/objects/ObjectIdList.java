package io.graphsnap.objects;

/**
 * A growable list of {@link ObjectId}s stored as their bytes, 32 a id, in chunks of 2<sup>16</sup> ids (2 MiB): no object
 * per id, so that a build over ten million files holds their ids in 320 MB instead of about 1 GB of {@link ObjectId}
 * and array objects. {@link #get} makes a new {@link ObjectId} (a copy) on each call.
 *
 * <p>Append and read in O(1). Not thread-safe: one writer, or readers only once filled.
 */
public final class ObjectIdList {
  private static final int CHUNK_SHIFT = 16;
  private static final int CHUNK_IDS = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_IDS - 1;

  private byte[][] chunks = new byte[1][];
  private int size;

  /** The number of ids added. */
  public int size() {
    return size;
  }

  /**
   * Adds {@code id} at index {@link #size()}.
   *
   * @throws IllegalStateException if the list already holds {@link Integer#MAX_VALUE} ids
   */
  public void add(ObjectId id) {
    if (size == Integer.MAX_VALUE) {
      throw new IllegalStateException("more than " + Integer.MAX_VALUE + " object ids in one list");
    }
    int chunk = size >>> CHUNK_SHIFT;
    if (chunk == chunks.length) {
      chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
    }
    int at = (size & CHUNK_MASK) * ObjectId.BYTES;
    if (chunks[chunk] == null) {
      // the first chunk starts small and grows, so that a small store's list holds little
      chunks[chunk] = new byte[chunk == 0 ? 64 * ObjectId.BYTES : CHUNK_IDS * ObjectId.BYTES];
    } else if (at == chunks[chunk].length) {
      chunks[chunk] = java.util.Arrays.copyOf(chunks[chunk], Math.min(CHUNK_IDS * ObjectId.BYTES, 2 * at));
    }
    id.copyInto(chunks[chunk], at);
    size++;
  }

  /**
   * The id at {@code index}, as a new {@link ObjectId}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public ObjectId get(int index) {
    java.util.Objects.checkIndex(index, size);
    int from = (index & CHUNK_MASK) * ObjectId.BYTES;
    return ObjectId.owning(java.util.Arrays.copyOfRange(chunks[index >>> CHUNK_SHIFT], from, from + ObjectId.BYTES));
  }
}
