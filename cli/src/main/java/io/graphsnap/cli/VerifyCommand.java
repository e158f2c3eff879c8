package io.graphsnap.cli;

import io.graphsnap.reader.GraphSnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code graphsnap verify}: checks every checksum and structural invariant of a snapshot (exit 3 if corrupt). */
@Command(name = "verify", description = "Check every checksum and structural invariant of a snapshot.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin SnapshotOptions snapshot;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    try (GraphSnapshot g = snapshot.open()) {
      g.verify();
      TerminalText.printf(root.out(), "ok: %s (%,d bytes, %,d nodes, %,d edges) verified in %d ms%n", g.path(), g.byteSize(),
          g.nodeCount(), g.edgeCount(), (System.nanoTime() - start) / 1_000_000);
      root.out().flush();
      return ExitCodes.OK;
    }
  }
}
