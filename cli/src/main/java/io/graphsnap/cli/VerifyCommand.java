package io.graphsnap.cli;

import io.graphsnap.objects.LayerRef;
import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.StoreLayout;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.LayeredSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap verify}: checks every checksum and structural invariant of a snapshot (exit 3 if corrupt); with
 * {@code --layer}, of the store's layered head (base, delta and their agreement; exit 1 if there is none).
 */
@Command(name = "verify", description = "Check every checksum and structural invariant of a snapshot (--layer: of the "
    + "store's layered head, a delta over HEAD's snapshot that 'watch' publishes).")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Option(names = "--layer", description = "Verify the store's layered head (layers/CURRENT): the base, the delta and "
      + "their agreement.")
  boolean layer;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    if (layer) {
      return verifyLayer(start);
    }
    try (GraphSnapshot g = snapshot.open()) {
      g.verify();
      TerminalText.printf(root.out(), "ok: %s (%,d bytes, %,d nodes, %,d edges) verified in %d ms%n", g.path(), g.byteSize(),
          g.nodeCount(), g.edgeCount(), (System.nanoTime() - start) / 1_000_000);
      root.out().flush();
      return ExitCodes.OK;
    }
  }

  private int verifyLayer(long start) {
    Path store = snapshot.storeOption.store;
    Optional<LayerRef.Resolved> head;
    try {
      Optional<String> base = SnapshotRefs.read(store, StoreLayout.HEAD);
      head = base.isEmpty() ? Optional.empty() : LayerRef.current(store, base.get());
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, e.getMessage(), e);
    }
    if (head.isEmpty()) {
      throw CliException.notFound("no layered head in " + store + " (a watch publishes one after a change; "
          + "'graphsnap verify' checks refs/HEAD's snapshot)");
    }
    try (LayeredSnapshot g = LayeredSnapshot.open(head.get().baseFile(), head.get().deltaFile())) {
      g.verify();
      TerminalText.printf(root.out(), "ok: %s (%,d nodes, %,d edges) verified in %d ms%n", head.get().layer().id(),
          g.nodeCount(), g.edgeCount(), (System.nanoTime() - start) / 1_000_000);
      root.out().flush();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read the layered head " + head.get().layer().id() + ": "
          + e.getMessage(), e);
    }
  }
}
