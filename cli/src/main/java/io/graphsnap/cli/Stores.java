package io.graphsnap.cli;

import io.graphsnap.objects.DamagedIndexException;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.StoreLockedException;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a store for writing, turning its failures into one-line {@link CliException}s. */
final class Stores {
  private Stores() {}

  /** Opens (creating if asked) the store at {@code dir} and takes its writer lock; the caller closes it. */
  static Store openForWriting(Path dir, boolean create) {
    try {
      return Store.open(dir, create);
    } catch (StoreLockedException | DamagedIndexException e) {
      throw new CliException(ExitCodes.CORRUPT, e.getMessage(), e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot open store " + dir + ": " + e.getMessage(), e);
    }
  }
}
