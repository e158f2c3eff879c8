package io.graphsnap.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store DIR} option every store command takes (default {@code .graphsnap} in the working directory). */
final class StoreOption {
  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default: ${DEFAULT-VALUE}).",
      defaultValue = ".graphsnap")
  Path store;
}
