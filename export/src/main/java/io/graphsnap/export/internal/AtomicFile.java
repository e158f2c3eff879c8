package io.graphsnap.export.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name next to its final one ({@code .NAME.tmp}) and moved into place by
 * {@link #commit()}; {@link #close()} without a commit deletes the temporary file. Used once, by one thread.
 */
public final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private boolean committed;

  /** Prepares to write {@code target}; creates its directory if missing and removes a stale temporary file. */
  public AtomicFile(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    this.temp = dir.resolve("." + this.target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
  }

  /** The temporary path to write. */
  public Path temp() {
    return temp;
  }

  /** The final path. */
  public Path target() {
    return target;
  }

  /** Moves the temporary file onto the final path (atomically where the file system can), replacing it. */
  public void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      Files.deleteIfExists(temp);
    }
  }
}
