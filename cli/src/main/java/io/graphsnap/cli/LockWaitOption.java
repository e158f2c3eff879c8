package io.graphsnap.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --wait SECONDS} option of commands that take the store's writer lock. */
final class LockWaitOption {
  @Option(names = "--wait", paramLabel = "SECONDS",
      description = "Wait up to SECONDS for another graphsnap writer to release the store (default: fail at once).")
  double seconds;

  /** The wait as a duration. */
  Duration duration() {
    if (seconds < 0 || Double.isNaN(seconds) || seconds > 86_400) {
      throw CliException.badInput("--wait must be between 0 and 86400 seconds, not " + seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
