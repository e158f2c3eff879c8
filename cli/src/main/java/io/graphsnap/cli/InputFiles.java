package io.graphsnap.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file named on the command line before anything opens it: a directory, a device ({@code /dev/zero}),
 * a FIFO or a socket is refused with exit 2 and a message saying what it is, instead of being read (a FIFO
 * would block, a device never ends). Links are followed: the path is the user's own argument. Stateless.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * Returns normally if {@code file} is a regular file (after following links); otherwise throws a bad-input
   * {@link CliException}: "no such file: F" or "not a regular file: F (a directory)".
   */
  static void requireRegularFile(Path file) {
    if (Files.isRegularFile(file)) {
      return;
    }
    if (!Files.exists(file)) {
      throw CliException.badInput("no such file: " + file);
    }
    throw CliException.badInput("not a regular file: " + file + " (" + kind(file) + ")");
  }

  /** What {@code file}, which exists and is not a regular file, is: "a directory" or "a device, FIFO or socket". */
  static String kind(Path file) {
    return Files.isDirectory(file) ? "a directory" : "a device, FIFO or socket";
  }
}
