package io.graphsnap.cli.fault;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files this process has open, from {@code /proc/self/fd} (Linux): a command that fails must not leave a
 * file of the store open. Where {@code /proc} is missing every answer is empty. Stateless.
 */
public final class OpenFiles {
  private OpenFiles() {}

  /**
   * The open files under {@code root} except MapDB's write-ahead log: MapDB 3.1.0 keeps one descriptor of
   * {@code index.db.wal.*} open for good in every session that rolled back a transaction (an aborted update),
   * a known residual leak of at most one descriptor per failed command.
   */
  public static List<Path> underExceptMapDbLog(Path root) {
    List<Path> open = under(root);
    open.removeIf(p -> p.getFileName().toString().startsWith("index.db.wal."));
    return open;
  }

  /** The open files (and folders) of this process at or under {@code root}. */
  public static List<Path> under(Path root) {
    Path fds = Path.of("/proc/self/fd");
    List<Path> open = new ArrayList<>();
    if (!Files.isDirectory(fds)) {
      return open;
    }
    Path absolute = root.toAbsolutePath().normalize();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(absolute)) {
            open.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor of the directory stream itself, or one closed since the listing
        }
      }
    } catch (IOException e) {
      return open;
    }
    return open;
  }
}
