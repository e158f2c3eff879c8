package io.graphsnap.cli;

import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a query command reads from: {@code --snapshot FILE}, {@code --at REF} (a ref name, a snapshot id or a
 * unique prefix of at least 4 hex digits, resolved lock-free by {@link SnapshotRefs#resolve}), or the snapshot
 * the store's {@code refs/HEAD} names. Opening failures become {@link CliException}s with the right exit code.
 */
final class SnapshotOptions {
  @Mixin StoreOption storeOption;

  @Option(names = "--snapshot", paramLabel = "FILE", description = "Read this snapshot file instead of the store's published one.")
  Path snapshot;

  @Option(names = "--at", paramLabel = "REF",
      description = "Read the snapshot a ref names (HEAD, main, ...) or a snapshot id or unique prefix (4+ hex digits).")
  String at;

  /** Fresh options at their defaults, as picocli makes the mixin (for {@link QuickOptions#prepare}). */
  static SnapshotOptions defaults() {
    SnapshotOptions options = new SnapshotOptions();
    options.storeOption = new StoreOption();
    return options;
  }

  /** {@link QuickOptions#flag} for the options above and the store's. */
  boolean quickFlag(String name) {
    return storeOption.quickFlag(name);
  }

  /** {@link QuickOptions#option} for the options above and the store's. */
  boolean quickOption(String name, String value) {
    switch (name) {
      case "--snapshot" -> {
        Path file = StoreOption.plainPath(value);
        if (file == null) {
          return false;
        }
        snapshot = file;
      }
      case "--at" -> at = value;
      default -> {
        return storeOption.quickOption(name, value);
      }
    }
    return true;
  }

  /** The snapshot file to read. */
  Path resolve() {
    if (snapshot != null && at != null) {
      throw CliException.badInput("--snapshot and --at both name a snapshot: pass one");
    }
    if (snapshot != null) {
      try {
        InputFiles.requireRegularFile(snapshot); // the user's own argument: exit 2, never a read of a device
      } catch (CliException e) {
        if (snapshot.getNameCount() == 1 && !Files.exists(snapshot)) {
          throw new CliException(e.exitCode(), e.getMessage() + " (to read a ref or a snapshot id, use --at "
              + snapshot + ")", e);
        }
        throw e;
      }
      return snapshot;
    }
    Path store = storeOption.store;
    if (!Files.isDirectory(store)) {
      throw CliException.badInput("no store at " + store + " (run 'graphsnap build' or 'graphsnap ingest' first, or pass --store/--snapshot)");
    }
    if (at != null) {
      try {
        return SnapshotRefs.resolve(store, at).file();
      } catch (NoSuchFileException e) {
        throw CliException.notFound("--at " + at + ": " + (e.getReason() == null ? "not found" : e.getReason()));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--at " + at + ": " + e.getMessage());
      } catch (IOException e) {
        throw new CliException(ExitCodes.CORRUPT, "cannot resolve --at " + at + " in " + store + ": " + e.getMessage(), e);
      }
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
      throw new CliException(snapshot != null ? ExitCodes.BAD_INPUT : at != null ? ExitCodes.NOT_FOUND : ExitCodes.CORRUPT,
          "no such snapshot file: " + file + (at != null ? " (--at " + at + "; a gc may have removed it)" : ""));
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read snapshot " + file + ": " + e.getMessage(), e);
    }
  }
}
