package io.graphsnap.cli;

import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.objects.jsonl.LineError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap ingest FILE.jsonl [--replace-all]}: one loose object per JSON line. Bad lines are reported
 * with their line numbers and skipped; good lines are stored; the exit code is 2 if any line was bad.
 */
@Command(name = "ingest", description = "Store one loose object per line of a JSON Lines file (see README).")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Parameters(paramLabel = "FILE.jsonl", description = "JSON Lines file, one source file per line.")
  Path input;

  @Option(names = "--replace-all", description = "The file is the complete set: remove every stored file it does not mention.")
  boolean replaceAll;

  @Option(names = "--max-line-bytes", paramLabel = "N", description = "Reject longer lines (default: ${DEFAULT-VALUE}).")
  int maxLineBytes = JsonLinesIngester.DEFAULT_MAX_LINE_BYTES;

  @Override
  public Integer call() throws IOException {
    InputFiles.requireRegularFile(input);
    long start = System.nanoTime();
    Progress progress = root.progress();
    IngestReport report;
    try (Store store = Stores.openForWriting(storeOption.store, true, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      report = new JsonLinesIngester(store)
          .replaceAll(replaceAll)
          .maxLineBytes(maxLineBytes)
          .progress((line, bytesRead, totalBytes) -> progress.update("ingest " + input.getFileName(), bytesRead, totalBytes))
          .ingest(input);
    } finally {
      progress.done();
    }
    for (LineError error : report.errors()) {
      TerminalText.printf(root.err(), "%s:%d: %s%n", input, error.lineNumber(), error.message());
    }
    if (report.errorCount() > report.errors().size()) {
      TerminalText.printf(root.err(), "%s: ... %,d more bad lines not shown%n", input, report.errorCount() - report.errors().size());
    }
    for (String warning : report.warnings()) {
      TerminalText.printf(root.err(), "%s: warning: %s%n", input, warning);
    }
    if (!root.quiet()) {
      TerminalText.printf(root.err(), "ingested %s: %,d lines, %,d added, %,d changed, %,d unchanged, %,d deleted, %,d bad (%d ms)%n",
          input, report.linesRead(), report.added(), report.changed(), report.unchanged(), report.deleted(),
          report.errorCount(), (System.nanoTime() - start) / 1_000_000);
    }
    root.err().flush();
    return report.hasErrors() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }
}
