package io.graphsnap.objects;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link StoreTest}: opens the store for writing, prints {@code locked}, and holds
 * the lock until its standard input closes.
 */
public final class LockHolder {
  private LockHolder() {}

  /** {@code args[0]} is the store folder. */
  public static void main(String[] args) throws Exception {
    try (Store store = Store.open(Path.of(args[0]), true)) {
      System.out.println(store.layout().lockFile().toFile().exists() ? "locked" : "no lock file");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
  }
}
