package io.graphsnap.cli;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.objects.IndexRebuild;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.StoreLockedException;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code graphsnap index}: maintenance of the store's {@code index.db}. Its one subcommand, {@code rebuild},
 * reconstructs the index from the loose objects and the published snapshot (see {@link IndexRebuild} for
 * which object counts as current for a path, and why that is safe), when a command reports
 * {@code index.db is damaged}.
 */
@Command(name = "index", description = "Maintain the store's index (index.db).",
    subcommands = {IndexCommand.Rebuild.class})
final class IndexCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(root.err());
    return ExitCodes.BAD_INPUT;
  }

  /**
   * {@code graphsnap index rebuild [--from-objects] [--json]}: prints what was rebuilt (stdout) and every
   * warning (stderr, unless {@code --quiet}); {@code --json} prints {@code {"source", "files", "definitions",
   * "refs", "objectsRead", "notCurrent", "corrupt", "warnings": [...]}}. Exit 0 when the index was replaced,
   * 3 when it could not be (the old one is then untouched).
   */
  @Command(name = "rebuild",
      description = "Rebuild index.db from the loose objects: each path's object from the published snapshot's "
          + "file table and the commit log's completed changes (without either, or with --from-objects, the "
          + "object file written last).")
  static final class Rebuild implements Callable<Integer> {
    @ParentCommand IndexCommand parent;
    @Mixin StoreOption storeOption;
    @Mixin LockWaitOption lockWait;

    @Option(names = "--from-objects",
        description = "Ignore the published snapshot and the commit log: take, for each path, the object file "
            + "written last.")
    boolean fromObjects;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(storeOption.store)) {
        throw CliException.badInput("no store at " + storeOption.store + " (pass --store)");
      }
      IndexRebuild.Report report;
      try {
        report = IndexRebuild.rebuild(storeOption.store,
            fromObjects ? IndexRebuild.Source.OBJECTS : IndexRebuild.Source.AUTO, IndexCommand::fileTable,
            lockWait.duration());
      } catch (StoreLockedException e) {
        throw new CliException(ExitCodes.BUSY, e.getMessage(), e);
      }
      GraphsnapCommand root = parent.root;
      if (!root.quiet()) {
        report.warnings().forEach(w -> root.err().println("warning: " + TerminalText.escape(w)));
        root.err().flush();
      }
      PrintWriter out = root.out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", report.source());
        doc.put("files", report.files());
        doc.put("definitions", report.definitions());
        doc.put("refs", report.refs());
        doc.put("objectsRead", report.objectsRead());
        doc.put("notCurrent", report.notCurrent());
        doc.put("corrupt", report.corrupt());
        doc.put("warnings", report.warnings());
        Json.print(out, doc);
      } else {
        out.printf("rebuilt index.db from %s: %,d files, %,d definitions, %d refs (%,d objects read, %,d not current, "
            + "%,d unreadable)%n", report.source(), report.files(), report.definitions(), report.refs(),
            report.objectsRead(), report.notCurrent(), report.corrupt());
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  /**
   * The file table of a snapshot (path → loose object id), after {@code verify()}: a damaged snapshot must not
   * decide what the index says.
   */
  static SortedMap<String, ObjectId> fileTable(Path snapshot) throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      g.verify();
      SortedMap<String, ObjectId> table = new TreeMap<>();
      for (int f = 0; f < g.fileCount(); f++) {
        table.put(g.filePath(f), ObjectId.parse(g.fileObjectId(f)));
      }
      return table;
    } catch (CorruptSnapshotException e) {
      throw new IOException("the published snapshot " + snapshot + " is corrupt (" + e.getMessage() + ")", e);
    }
  }
}
