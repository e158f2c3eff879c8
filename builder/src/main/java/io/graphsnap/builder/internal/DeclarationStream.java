package io.graphsnap.builder.internal;

import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.builder.internal.spill.SpillReader;
import io.graphsnap.builder.internal.spill.SpillWriter;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The attributes of a full build's declarations that resolution never reads (lines, effects, NODE_DETAILS entry),
 * in arrival order, written once while collecting and then read front to back by {@link Cursor}s: a varint stream
 * in one temporary file instead of seven columns on the heap. About 5 bytes a declaration on disk (its lines, one
 * byte of effect count and one of details, the details themselves when it has any) where the columns held about 30
 * bytes a declaration, plus up to half that again of growth slack: 3 to 5 GB of heap at 113 M declarations.
 *
 * <p>Record, per declaration: {@code zigzag(lineStart)}, {@code zigzag(lineEnd - lineStart)}, the number of effects
 * and each provisional effect id, the details' length (0: {@link DetailEncoder#EMPTY_SYMBOL}) and their bytes; every
 * integer an unsigned LEB128 varint ({@link SpillWriter#putVarLong}). The layout is private to this class. Mutable;
 * written by one thread, read by one cursor at a time per thread; owns its file (deleted with the build's
 * {@link SpillFiles}, or by {@link #delete}).
 */
final class DeclarationStream {
  private static final int BUFFER = 1 << 16;

  private final SpillFiles files;
  private final SpillWriter out;
  private int size;
  private long length = -1;

  /** An empty stream in a new file of {@code files}. */
  DeclarationStream(SpillFiles files) throws IOException {
    this.files = files;
    this.out = new SpillWriter(files, files.create("declarations"), BUFFER);
  }

  /**
   * Appends the next declaration's attributes: {@code effects[from, to)} are its provisional effect ids;
   * {@code details} its NODE_DETAILS entry ({@link DetailEncoder#encode}; the shared empty one is not stored).
   */
  void add(int lineStart, int lineEnd, IntArrayList effects, int from, int to, byte[] details) throws IOException {
    out.putVarLong(SpillWriter.zigzag(lineStart));
    out.putVarLong(SpillWriter.zigzag((long) lineEnd - lineStart));
    out.putVarLong(to - from);
    int[] ids = effects.elements();
    for (int i = from; i < to; i++) {
      out.putVarLong(ids[i]);
    }
    if (details == DetailEncoder.EMPTY_SYMBOL) {
      out.putVarLong(0);
    } else {
      out.putVarLong(details.length);
      out.put(details);
    }
    size++;
  }

  /** Number of declarations appended. */
  int size() {
    return size;
  }

  /** Ends the writing (flushes and closes the file); nothing is appended afterwards. Idempotent. */
  void finish() throws IOException {
    if (length < 0) {
      length = out.finish();
    }
  }

  /** Deletes the file: nothing reads the declarations again. */
  void delete() throws IOException {
    finish();
    files.delete(out.path());
  }

  /** A cursor from the first declaration; the caller closes it. {@link #finish} must have been called. */
  Cursor cursor() throws IOException {
    if (length < 0) {
      throw new IllegalStateException("the declarations are still being written");
    }
    return new Cursor(out.path(), length, size);
  }

  /**
   * The declarations in arrival order: after {@link #next()} returns true, the accessors describe the current one
   * (arrays valid until the next call). A record that does not decode (the temporary file changed under the build)
   * throws an {@link IOException} naming the file and the declaration. Mutable, single-threaded.
   */
  static final class Cursor implements AutoCloseable {
    private final SpillReader in;
    private final int count;
    private int index = -1;
    private int lineStart;
    private int lineEnd;
    private int effectCount;
    private int[] effects = new int[8];
    private int detailsLength;
    private byte[] details = new byte[64];

    private Cursor(Path path, long length, int count) throws IOException {
      this.in = new SpillReader(path, 0, length, BUFFER);
      this.count = count;
    }

    /** Moves to the next declaration; false after the last. */
    boolean next() throws IOException {
      if (index + 1 == count) {
        if (in.remaining() != 0) {
          throw corrupt("bytes after the last declaration");
        }
        return false;
      }
      index++;
      long start = SpillWriter.unzigzag(in.getVarLong());
      long end = start + SpillWriter.unzigzag(in.getVarLong());
      effectCount = in.getVarInt();
      if (start != (int) start || end != (int) end || effectCount > in.remaining()) {
        throw corrupt("lines or effects out of range");
      }
      lineStart = (int) start;
      lineEnd = (int) end;
      if (effects.length < effectCount) {
        effects = new int[Math.max(effectCount, 2 * effects.length)];
      }
      for (int i = 0; i < effectCount; i++) {
        effects[i] = in.getVarInt();
      }
      detailsLength = in.getVarInt();
      if (detailsLength < 0 || detailsLength > in.remaining()) {
        throw corrupt("a details length past the file's end");
      }
      if (details.length < detailsLength) {
        details = new byte[Math.max(detailsLength, 2 * details.length)];
      }
      in.getBytes(details, 0, detailsLength);
      return true;
    }

    private IOException corrupt(String what) {
      return new IOException("temporary declarations file " + in.path() + ": " + what + " at declaration " + index
          + " of " + count + " (the file changed during the build)");
    }

    /** The current declaration's index (its arrival order). */
    int index() {
      return index;
    }

    int lineStart() {
      return lineStart;
    }

    int lineEnd() {
      return lineEnd;
    }

    /** The number of effects; their provisional ids are {@code effects()[0, effectCount())}. */
    int effectCount() {
      return effectCount;
    }

    int[] effects() {
      return effects;
    }

    /** Whether the declaration has details other than the empty entry. */
    boolean hasDetails() {
      return detailsLength > 0;
    }

    /** The array holding the current declaration's NODE_DETAILS entry, {@code [0, detailsLength())}. */
    byte[] detailsBytes() {
      return details;
    }

    /** The length of the current declaration's NODE_DETAILS entry (0 if it has none). */
    int detailsLength() {
      return detailsLength;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
