package io.graphsnap.builder.internal;

import java.io.IOException;

/**
 * The final node names of a full build: {@link #size()} distinct names in code-point (unsigned UTF-8) order, node id
 * = position, read as a stream of UTF-8 byte strings in id order ({@link #cursor()}) by the section writers
 * (NODE_NAMES, BLOOM, NAME_INDEX, NAME_TRIGRAMS). Held on the heap ({@link NameTable.Sorted}) or in a temporary file
 * when the build spilled its names ({@link NameRuns}). Immutable; each cursor is independent, so sections may be
 * written from several threads at once.
 */
public interface NodeNames {
  /** Number of names (nodes). */
  int size();

  /** Final id → the collector's name id (its index in the resolution's per-name tables). */
  int[] order();

  /** The collector's name id → final id, or -1 for a name that is not a node. */
  int[] remap();

  /** A cursor over the names in id order; the caller closes it. */
  Cursor cursor() throws IOException;

  /**
   * The names in id order, one at a time: after {@link #next()} returns true, {@code bytes()[offset(), offset() +
   * length())} is the name's UTF-8, valid until the next call. Mutable, single-threaded.
   */
  interface Cursor extends AutoCloseable {
    /** Moves to the next name; false after the last. */
    boolean next() throws IOException;

    /** The array holding the current name. */
    byte[] bytes();

    /** The current name's offset in {@link #bytes()}. */
    int offset();

    /** The current name's UTF-8 length. */
    int length();

    @Override
    void close() throws IOException;
  }
}
