package io.graphsnap.objects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A store entry is not what graphsnap would have created there: a symbolic link, a FIFO, a device, or a folder
 * where a file belongs (or the reverse). graphsnap never follows links inside a store, never opens special files
 * and never deletes anything but regular files inside the store, because a store may have come with a cloned
 * repository whose author chose its contents. The message names the entry and says what to do.
 */
public final class UnsafeStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Path entry;

  /** Creates the exception for {@code entry}; {@code problem} says what it is instead of what was expected. */
  public UnsafeStoreException(Path entry, String problem) {
    super("unsafe store entry " + entry + ": " + problem);
    this.entry = entry;
  }

  /** The offending entry. */
  public Path entry() {
    return entry;
  }
}
