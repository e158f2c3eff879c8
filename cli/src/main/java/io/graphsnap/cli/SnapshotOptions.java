package io.graphsnap.cli;

import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a query command reads from: {@code --snapshot FILE}, or the snapshot the store's {@code refs/HEAD}
 * names. Opening failures become {@link CliException}s with the right exit code.
 */
final class SnapshotOptions {
  @Mixin StoreOption storeOption;

  @Option(names = "--snapshot", paramLabel = "FILE", description = "Read this snapshot file instead of the store's published one.")
  Path snapshot;

  /** The snapshot file to read. */
  Path resolve() {
    if (snapshot != null) {
      InputFiles.requireRegularFile(snapshot); // the user's own argument: exit 2, never a read of a device
      return snapshot;
    }
    Path store = storeOption.store;
    if (!Files.isDirectory(store)) {
      throw CliException.badInput("no store at " + store + " (run 'graphsnap build' or 'graphsnap ingest' first, or pass --store/--snapshot)");
    }
    try {
      return Store.headSnapshot(store).orElseThrow(
          () -> CliException.notFound("no snapshot published in " + store + " yet (run 'graphsnap snapshot')"));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read the published snapshot ref of " + store + ": " + e.getMessage(), e);
    }
  }

  /** Opens the snapshot; the caller closes it. */
  GraphSnapshot open() {
    Path file = resolve();
    try {
      GraphSnapshot g = GraphSnapshot.open(file);
      MappedFiles.mapped(file, g.byteSize());
      return g;
    } catch (NoSuchFileException e) {
      throw new CliException(snapshot != null ? ExitCodes.BAD_INPUT : ExitCodes.CORRUPT, "no such snapshot file: " + file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read snapshot " + file + ": " + e.getMessage(), e);
    }
  }
}
