package io.graphsnap.cli;

import io.graphsnap.builder.StoreBuild;
import io.graphsnap.builder.StoreSnapshots;
import io.graphsnap.frontend.scip.ScipIngest;
import io.graphsnap.frontend.scip.ScipLimits;
import io.graphsnap.frontend.scip.ScipProblem;
import io.graphsnap.frontend.scip.ScipReport;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.UpdateSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap ingest-scip INDEX.scip [--replace-all] [--root DIR]}: stores one loose object per document of a
 * SCIP index ({@code io.graphsnap.frontend.scip}), streamed one document at a time, in one index transaction; then
 * builds (incrementally) and publishes the snapshot as {@code snapshot} does. Each problem is printed as one line
 * naming the document's path; what is good is stored and built, and the exit code is then 2. With {@code
 * --replace-all}, stored files the index has no document for are removed, unless the index could not be read to
 * its end or a skipped document's path is unknown (a warning says so).
 */
@Command(name = "ingest-scip",
    description = "Store one loose object per document of a SCIP index (scip-typescript, scip-python, scip-java, ...), "
        + "then build and publish the snapshot (see README, \"SCIP indexes\").")
final class IngestScipCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;
  @Mixin PublishOptions publish;

  @Parameters(paramLabel = "INDEX.scip", description = "The SCIP index (the protobuf file an indexer writes, e.g. index.scip).")
  Path input;

  @Option(names = "--replace-all", description = "The index is the complete set: remove every stored file it has no document for.")
  boolean replaceAll;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Read source files (for content hashes and range checks) under DIR (default: the index's project "
          + "root if it exists, else the index file's folder).")
  Path sourceRoot;

  @Option(names = "--max-document-bytes", paramLabel = "N",
      description = "Skip (and report) documents larger than N bytes (default: ${DEFAULT-VALUE}).")
  int maxDocumentBytes = ScipLimits.DEFAULT_MAX_DOCUMENT_BYTES;

  @Override
  public Integer call() throws IOException {
    InputFiles.requireRegularFile(input);
    if (sourceRoot != null && !Files.isDirectory(sourceRoot)) {
      throw CliException.badInput("--root " + sourceRoot + " is not a directory");
    }
    ScipLimits limits;
    try {
      limits = ScipLimits.DEFAULTS.withMaxDocumentBytes(maxDocumentBytes);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--max-document-bytes: " + e.getMessage());
    }
    List<String> refs = publish.refs();
    long start = System.nanoTime();
    Progress progress = root.progress();
    ScipReport report;
    UpdateSummary update;
    StoreBuild built;
    long ingestNanos;
    try (Store store = Stores.openForWriting(storeOption.store, true, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      try (IndexUpdate changes = store.beginUpdate(); InputStream in = Files.newInputStream(input)) {
        Path folder = input.toAbsolutePath().getParent();
        report = new ScipIngest()
            .limits(limits)
            .sourceRoot(sourceRoot)
            .progress((documents, bytesRead, total) -> progress.update("ingest-scip " + input.getFileName(), bytesRead, total))
            .run(in, Files.size(input), folder, changes::put);
        if (replaceAll && report.replaceAllSafe()) {
          changes.retainOnly(report.mentioned()::contains);
        }
        update = changes.commit();
      }
      ingestNanos = System.nanoTime() - start;
      progress.done();
      built = StoreSnapshots.build(store, publish.options(BuildSummary.progressOf(progress)),
          publish.mode(), refs);
    } finally {
      progress.done();
    }
    printProblems(report);
    if (replaceAll && !report.replaceAllSafe()) {
      TerminalText.printf(root.err(), "%s: warning: --replace-all removed nothing, because %s%n", input,
          report.complete() ? "a skipped document's path could not be read" : "the index could not be read to its end");
    }
    if (!root.quiet()) {
      if (report.stored() > 0 && report.sourceFilesFound() == 0) {
        TerminalText.printf(root.err(), "%s: note: no source file found%s: no content hashes, ranges checked for shape "
            + "only (pass --root DIR)%n", input, report.sourceRoot() == null ? "" : " under " + report.sourceRoot());
      }
      TerminalText.printf(root.err(), "ingested %s: %,d documents (%s), %,d added, %,d changed, %,d unchanged, "
              + "%,d deleted, %,d problems, %,d external symbols skipped (%d ms)%n",
          input, report.documents(), report.metadata() == null ? "no metadata"
              : (report.metadata().toolName() + " " + report.metadata().toolVersion()).strip(), update.added(), update.changed(),
          update.unchanged(), update.deleted(), report.problemCount(), report.externalSymbols(), ingestNanos / 1_000_000);
      BuildSummary.print(root.err(), built.result());
      SnapshotCommand.printHow(root.err(), built);
    }
    root.out().println(built.result().snapshotId());
    root.out().flush();
    root.err().flush();
    return report.hasProblems() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  private void printProblems(ScipReport report) {
    for (ScipProblem problem : report.problems()) {
      TerminalText.printf(root.err(), "%s: %s%n", input, problem);
    }
    if (report.problemCount() > report.problems().size()) {
      TerminalText.printf(root.err(), "%s: ... %,d more problems not shown%n", input,
          report.problemCount() - report.problems().size());
    }
  }
}
