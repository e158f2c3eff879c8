package io.graphsnap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --store DIR} option every store command takes (default {@code .graphsnap} in the working directory),
 * and {@code --follow-store-link}, the opt-in for a store folder that is itself a symbolic link: graphsnap then
 * uses the link's target as the store (links inside the store are refused either way; see {@code StoreGuard}).
 */
final class StoreOption {
  /** The store folder, with a link already replaced by its target when {@code --follow-store-link} is given. */
  Path store = Path.of(".graphsnap");

  private Path given = store;
  private boolean followLink;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (default: ${DEFAULT-VALUE}).",
      defaultValue = ".graphsnap")
  void store(Path dir) {
    given = dir;
    resolve();
  }

  @Option(names = "--follow-store-link",
      description = "Accept a store folder that is a symbolic link you made (links inside the store are always refused).")
  void followStoreLink(boolean follow) {
    followLink = follow;
    resolve();
  }

  /** {@link QuickOptions#flag}: {@code --follow-store-link}. */
  boolean quickFlag(String name) {
    if (!name.equals("--follow-store-link")) {
      return false;
    }
    followStoreLink(true);
    return true;
  }

  /** {@link QuickOptions#option}: {@code --store DIR}. */
  boolean quickOption(String name, String value) {
    Path dir = name.equals("--store") ? plainPath(value) : null;
    if (dir == null) {
      return false;
    }
    store(dir);
    return true;
  }

  /** {@code value} as a path, as picocli converts it, or null when it is not one. */
  static Path plainPath(String value) {
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  private void resolve() {
    store = given;
    if (followLink && Files.isSymbolicLink(given)) {
      try {
        store = given.toRealPath();
      } catch (IOException e) {
        store = given; // a dangling link: the store check reports it
      }
    }
  }
}
