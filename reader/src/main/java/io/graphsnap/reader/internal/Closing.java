package io.graphsnap.reader.internal;

import io.graphsnap.reader.AlreadyClosedException;
import java.lang.foreign.MemorySegment;

/** Translates the {@link IllegalStateException} a closed arena's segment throws into {@link AlreadyClosedException}. */
public final class Closing {
  private Closing() {}

  /**
   * Returns the exception to throw for {@code e}, raised while reading {@code segment}: an
   * {@link AlreadyClosedException} when the segment's arena is closed, else {@code e} itself.
   */
  public static RuntimeException translate(IllegalStateException e, MemorySegment segment, String resource) {
    if (e instanceof AlreadyClosedException || segment.scope().isAlive()) {
      return e;
    }
    return new AlreadyClosedException(resource, e);
  }
}
