package io.graphsnap.cli;

import io.graphsnap.builder.BuildMode;
import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.StoreLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap snapshot}: compiles the store's current loose objects into a snapshot and publishes it as
 * {@code refs/HEAD} (and {@code --ref} names). Incremental from the last build when possible; the bytes are the
 * same either way.
 */
@Command(name = "snapshot",
    description = "Compile the current loose objects into a snapshot and publish it (refs/HEAD and any --ref).")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Option(names = "--ref", paramLabel = "NAME",
      description = "Also name the snapshot NAME (a branch, a tag or a commit id; letters, digits, _ and -). Repeatable.")
  List<String> refs = new ArrayList<>();

  @Option(names = "--full", description = "Compile every object instead of starting from the last build.")
  boolean full;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (ingest something first, or pass --store)");
    }
    for (String ref : refs) {
      if (!StoreLayout.isRefName(ref)) {
        throw CliException.badInput("--ref " + ref + " is not a ref name (1-64 letters, digits, _ and -, not starting with -)");
      }
    }
    long start = System.nanoTime();
    Progress progress = root.progress();
    StoreBuild built;
    try (Store store = Stores.openForWriting(storeOption.store, false, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      built = StoreSnapshots.build(store, BuildOptions.defaults().withProgress(BuildSummary.progressOf(progress)),
          full ? BuildMode.FULL : BuildMode.AUTO, refs);
    } finally {
      progress.done();
    }
    if (!root.quiet()) {
      BuildSummary.print(root.err(), built.result());
      printHow(root.err(), built);
      root.err().printf("published in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
    root.out().println(built.result().snapshotId());
    root.out().flush();
    return ExitCodes.OK;
  }

  /** One line saying how the snapshot was obtained ({@code build} prints it too). */
  static void printHow(PrintWriter err, StoreBuild built) {
    switch (built.how()) {
      case INCREMENTAL -> err.printf("mode      incremental (%,d changed files)%n", built.changedFiles());
      case UNCHANGED -> err.println("mode      unchanged since the last build (republished, nothing written)");
      case FULL -> err.printf("mode      full%s%n", built.note().map(n -> " (" + n + ")").orElse(""));
    }
    err.flush();
  }
}
