package io.graphsnap.builder.internal.spill;

import java.io.IOException;

/** A sequence of non-negative longs read once, in order. Mutable, single-threaded. */
public interface LongCursor extends AutoCloseable {
  /** The next value, or -1 after the last. */
  long next() throws IOException;

  /** Releases the files and buffers behind the cursor. */
  @Override
  void close() throws IOException;
}
