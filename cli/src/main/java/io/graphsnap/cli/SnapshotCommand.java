package io.graphsnap.cli;

import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code graphsnap snapshot}: compiles the store's current loose objects into a snapshot and publishes it. */
@Command(name = "snapshot", description = "Compile the current loose objects into a snapshot and publish it (refs/HEAD).")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (ingest something first, or pass --store)");
    }
    long start = System.nanoTime();
    Progress progress = root.progress();
    BuildResult result;
    try (Store store = Stores.openForWriting(storeOption.store, false)) {
      result = StoreSnapshots.buildAndPublish(store, BuildOptions.defaults().withProgress(BuildSummary.progressOf(progress)));
    } finally {
      progress.done();
    }
    if (!root.quiet()) {
      BuildSummary.print(root.err(), result);
      root.err().printf("published in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
    root.out().println(result.snapshotId());
    root.out().flush();
    return ExitCodes.OK;
  }
}
