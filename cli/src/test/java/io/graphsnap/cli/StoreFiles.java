package io.graphsnap.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a running build or ingest has put in its store, seen from outside, for tests that interrupt it. */
final class StoreFiles {
  private StoreFiles() {}

  /**
   * Whether a writer of {@code store} is writing a pack: it has staged at least {@code ObjectBatch.PACK_MIN_OBJECTS}
   * new objects in its open update ({@code tmp/pack-*.tmp}; packs already in {@code packs/} do not count).
   */
  static boolean objectsStaged(Path store) throws IOException {
    Path tmp = store.resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return false;
    }
    try (DirectoryStream<Path> packs = Files.newDirectoryStream(tmp, "pack-*.tmp")) {
      return packs.iterator().hasNext();
    }
  }
}
