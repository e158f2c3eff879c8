package io.graphsnap.cli;

import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap snapshot}: compiles the store's current loose objects into a snapshot and publishes it as
 * {@code refs/HEAD} (and {@code --ref} names). Incremental from the last build when possible; the bytes are the
 * same either way. With {@code --layer}, publishes the change since the last build as a delta over it instead
 * ({@code layers/CURRENT}, docs/LAYERED.md): O(change), for servers that follow the store ({@code serve}); commands
 * that open a snapshot keep reading refs/HEAD until a whole snapshot is published.
 */
@Command(name = "snapshot",
    description = "Compile the current loose objects into a snapshot and publish it (refs/HEAD and any --ref).")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Mixin PublishOptions publish;

  @picocli.CommandLine.Option(names = "--layer", description = "Publish the change since the last build as a delta over "
      + "it (milliseconds, for 'serve'), not a whole snapshot; prints <base>+<delta>. Falls back to a whole snapshot "
      + "when more than " + LayerPublish.MAX_FILES + " files changed or there is no usable last build.")
  boolean layer;


  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (ingest something first, or pass --store)");
    }
    if (layer) {
      LayerPublish.checkOptions(publish);
    }
    publish.checkFormat();
    List<String> refs = publish.refs();
    long start = System.nanoTime();
    Progress progress = root.progress();
    StoreBuild built;
    try (Store store = Stores.openForWriting(storeOption.store, false, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      if (layer) {
        String published = LayerPublish.publish(store, root, publish.layout(store));
        if (published != null) {
          if (!root.quiet()) {
            root.err().printf("published in %d ms%n", (System.nanoTime() - start) / 1_000_000);
          }
          root.out().println(published);
          root.out().flush();
          return ExitCodes.OK;
        }
      }
      built = StoreSnapshots.build(store, publish.options(BuildSummary.progressOf(progress))
          .withLayout(publish.layout(store)),
          publish.mode(), refs);
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
      case INCREMENTAL -> err.printf("mode      incremental (%s)%n", BuildSummary.count(built.changedFiles(), "changed file"));
      case UNCHANGED -> err.println("mode      unchanged since the last build (republished, nothing written)");
      case FULL -> TerminalText.printf(err, "mode      full%s%n", built.note().map(n -> " (" + n + ")").orElse(""));
    }
    err.flush();
  }
}
