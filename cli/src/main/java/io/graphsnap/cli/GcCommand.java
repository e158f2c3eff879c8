package io.graphsnap.cli;

import io.graphsnap.objects.GcReport;
import io.graphsnap.objects.Store;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap gc}: deletes the snapshots and loose objects no kept ref reaches (see {@link
 * Store#collectGarbage}). Safe to interrupt. {@code --json} prints {@code {"kept": [id, ...], "deletedSnapshots",
 * "deletedObjects", "bytesFreed", "forgottenHistoryEntries", "skipped": [...], "notes": [...]}}. Files that could
 * not be deleted (a snapshot Windows refuses to delete while a reader maps it) are listed; the next gc tries
 * them again, so the exit code stays 0.
 */
@Command(name = "gc", description = "Delete snapshots and loose objects that no kept ref reaches.")
final class GcCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Option(names = "--keep", paramLabel = "N",
      description = "Keep the N most recent snapshots of each ref's history (default: ${DEFAULT-VALUE}); every ref's current snapshot is always kept.")
  int keep = 5;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (keep < 1) {
      throw CliException.badInput("--keep must be at least 1, not " + keep);
    }
    if (!Files.isDirectory(storeOption.store)) {
      throw CliException.badInput("no store at " + storeOption.store + " (pass --store)");
    }
    GcReport report;
    try (Store store = Stores.openForWriting(storeOption.store, false, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      report = store.collectGarbage(keep);
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("kept", report.keptSnapshots());
      doc.put("deletedSnapshots", report.deletedSnapshots());
      doc.put("deletedObjects", report.deletedObjects());
      doc.put("bytesFreed", report.bytesFreed());
      doc.put("forgottenHistoryEntries", report.forgottenHistoryEntries());
      doc.put("skipped", report.skipped());
      doc.put("notes", report.notes());
      Json.print(root.out(), doc);
    } else {
      var out = root.out();
      out.printf("kept      %d snapshots%n", report.keptSnapshots().size());
      out.printf("deleted   %d snapshots, %d objects, %,d bytes; %d history entries forgotten%n",
          report.deletedSnapshots(), report.deletedObjects(), report.bytesFreed(), report.forgottenHistoryEntries());
      for (String skipped : report.skipped()) {
        TerminalText.printf(out, "skipped   %s%n", skipped);
      }
      for (String note : report.notes()) {
        TerminalText.printf(out, "note      %s%n", note);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
