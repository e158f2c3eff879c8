package io.graphsnap.cli;

import io.graphsnap.objects.DamagedIndexException;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.StoreLockedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Opens a store for writing, turning its failures into one-line {@link CliException}s. */
final class Stores {
  private Stores() {}

  /** Opens (creating if asked) the store at {@code dir} and takes its writer lock; the caller closes it. */
  static Store openForWriting(Path dir, boolean create) {
    return openForWriting(dir, create, Duration.ZERO);
  }

  /** Prints what opening {@code store} had to repair (one line each, {@code graphsnap: } first) on {@code err}. */
  static void printRepairs(Store store, java.io.PrintWriter err) {
    for (String warning : store.openWarnings()) {
      err.println("graphsnap: " + TerminalText.escape(warning));
    }
    err.flush();
  }

  /** As {@link #openForWriting(Path, boolean)}, waiting up to {@code lockWait} for another writer. */
  static Store openForWriting(Path dir, boolean create, Duration lockWait) {
    try {
      return Store.open(dir, create, lockWait);
    } catch (StoreLockedException e) {
      throw new CliException(ExitCodes.BUSY, e.getMessage(), e);
    } catch (DamagedIndexException e) {
      throw new CliException(ExitCodes.CORRUPT, e.getMessage(), e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot open store " + dir + ": " + e.getMessage(), e);
    }
  }
}
