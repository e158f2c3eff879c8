package io.graphsnap.objects;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code index.db} cannot be read: MapDB reports a broken header, checksum or record, or a value does not
 * decode. The loose objects are separate files and are not affected; {@link IndexRebuild} (the command
 * {@code graphsnap index rebuild}) reconstructs the index from them.
 */
public final class DamagedIndexException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the index file and what is wrong. */
  public DamagedIndexException(Path indexFile, String problem, Throwable cause) {
    super("index.db is damaged: " + problem + "; the loose objects are intact: rebuild the index from them with "
        + "'graphsnap index rebuild --store " + indexFile.toAbsolutePath().getParent() + "'", cause);
  }
}
