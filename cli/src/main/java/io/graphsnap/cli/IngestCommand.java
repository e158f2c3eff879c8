package io.graphsnap.cli;

import io.graphsnap.objects.ExpectedObject;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.objects.SnapshotRefs;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.objects.jsonl.LineError;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code graphsnap ingest FILE.jsonl [--replace-all] [--expect-head SNAPSHOT]}: one loose object per JSON line;
 * {@code -} reads standard input instead (an extractor or generator piped in: nothing is staged on disk, and errors
 * name {@code <stdin>} and the line); not with {@code --replace-all}, since a stream cut short looks complete.
 * Bad lines are reported with their line numbers and skipped; good lines are stored; the exit code is 2 if any
 * line was bad. A line whose {@code "expect"} does not hold is refused as a conflict (exit 5); with {@code
 * --expect-head}, every path the batch touches must hold what that snapshot has for it, and one conflict
 * refuses the whole batch (exit 5, nothing stored). Ctrl-C (or SIGTERM) stops after the current line: the lines read
 * so far are stored whole (nothing with {@code --replace-all} or {@code --expect-head}, which apply to the whole
 * file), the command says up to which line, and exits 130.
 */
@Command(name = "ingest", description = "Store one loose object per line of a JSON Lines file (see README).")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand GraphsnapCommand root;
  @Mixin StoreOption storeOption;
  @Mixin LockWaitOption lockWait;

  @Parameters(paramLabel = "FILE.jsonl", description = "JSON Lines file, one source file per line; - reads standard input.")
  Path input;

  @Option(names = "--replace-all", description = "The file is the complete set: remove every stored file it does not mention.")
  boolean replaceAll;

  @Option(names = "--max-line-bytes", paramLabel = "N", description = "Reject longer lines (default: ${DEFAULT-VALUE}).")
  int maxLineBytes = JsonLinesIngester.DEFAULT_MAX_LINE_BYTES;

  @Option(names = "--expect-head", paramLabel = "SNAPSHOT",
      description = "Refuse the whole batch (exit 5) unless every path it touches still holds what SNAPSHOT (a ref, "
          + "a snapshot id or prefix) has for it: another writer changed nothing this batch touches.")
  String expectHead;

  /** A resident watch's memory of the lines stored before ({@link IngestMemory}), or null. */
  io.graphsnap.objects.jsonl.KnownLines knownLines;

  /** A watched folder's shard this input is ({@link IngestMemory}), or null: the input is the whole store's. */
  io.graphsnap.objects.jsonl.ShardScope shardScope;

  @Override
  public Integer call() throws IOException {
    if (!fromStdin()) {
      InputFiles.requireRegularFile(input);
    } else if (replaceAll) {
      // a producer that fails or is interrupted ends the stream early, and an early end looks like a complete one
      throw CliException.badInput("--replace-all needs a file, not standard input: a stream cut short (its producer "
          + "failed or was interrupted) would look complete, and every file after the cut would be removed; write "
          + "the stream to a file first, then ingest the file with --replace-all");
    }
    Interruption interruption = Interruption.installFlagOnly();
    try {
      return ingest(interruption);
    } finally {
      interruption.finished();
    }
  }

  /** The ingest and its report; Ctrl-C stops it after the current line (see {@link JsonLinesIngester#stopWhen}). */
  private int ingest(Interruption interruption) throws IOException {
    long start = System.nanoTime();
    Progress progress = root.progress();
    IngestReport report;
    try (GraphSnapshot baseline = expectHead == null ? null : openBaseline();
        Store store = Stores.openForWriting(storeOption.store, true, lockWait.duration())) {
      Stores.printRepairs(store, root.err());
      JsonLinesIngester ingester = new JsonLinesIngester(store)
          .expectBaseline(baseline == null ? null : path -> {
            int file = baseline.fileId(path);
            return file < 0 ? ExpectedObject.ABSENT : ExpectedObject.of(ObjectId.parse(baseline.fileObjectId(file)));
          })
          .replaceAll(replaceAll)
          .knownLines(knownLines)
          .shard(shardScope)
          .maxLineBytes(maxLineBytes)
          .stopWhen(interruption::requested)
          .progress((line, bytesRead, totalBytes) -> progress.update("ingest " + inputName(), bytesRead, totalBytes));
      // standard input is the process's: not closed here
      report = fromStdin() ? ingester.ingest(StdinBatch.input.get(), -1) : ingester.ingest(input);
    } finally {
      progress.done();
    }
    for (LineError error : report.errors()) {
      TerminalText.printf(root.err(), "%s:%d: %s%n", label(), error.lineNumber(), error.message());
    }
    if (report.errorCount() > report.errors().size()) {
      TerminalText.printf(root.err(), "%s: ... %,d more bad lines not shown%n", label(), report.errorCount() - report.errors().size());
    }
    for (LineError conflict : report.conflicts()) {
      TerminalText.printf(root.err(), "%s:%d: %s%n", label(), conflict.lineNumber(), conflict.message());
    }
    if (report.conflictCount() > report.conflicts().size()) {
      TerminalText.printf(root.err(), "%s: ... %,d more conflicts not shown%n", label(), report.conflictCount() - report.conflicts().size());
    }
    if (report.batchRefused()) {
      TerminalText.printf(root.err(), "graphsnap: conflict: %,d paths no longer hold what %s has for them; nothing was stored%n",
          report.conflictCount(), expectHead);
    }
    for (String warning : report.warnings()) {
      TerminalText.printf(root.err(), "%s: warning: %s%n", label(), warning);
    }
    if (report.interrupted()) {
      printInterrupted(report);
      return ExitCodes.INTERRUPTED;
    }
    if (!root.quiet()) {
      TerminalText.printf(root.err(), "ingested %s: %,d lines, %,d added, %,d changed, %,d unchanged, %,d deleted, %,d bad, %,d conflicts (%d ms)%n",
          label(), report.linesRead(), report.added(), report.changed(), report.unchanged(), report.deleted(),
          report.errorCount(), report.conflictCount(), (System.nanoTime() - start) / 1_000_000);
    }
    root.err().flush();
    return report.hasConflicts() ? ExitCodes.CONFLICT : report.hasErrors() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
  }

  /** What an interrupted ingest kept, always printed (even with --quiet): the user must know where it stopped. */
  private void printInterrupted(IngestReport report) {
    if (replaceAll || expectHead != null) {
      TerminalText.printf(root.err(), "graphsnap: interrupted after line %,d of %s: nothing was stored (%s applies to "
          + "the whole input); run the same ingest again%n", report.linesRead(), label(),
          replaceAll ? "--replace-all" : "--expect-head");
    } else {
      TerminalText.printf(root.err(), "graphsnap: interrupted after line %,d of %s: stored lines 1-%,d (%,d added, "
          + "%,d changed, %,d unchanged, %,d deleted, %,d bad), the rest was not read; run the same ingest again to "
          + "store the rest (unchanged lines are skipped)%n", report.linesRead(), label(), report.linesRead(),
          report.added(), report.changed(), report.unchanged(), report.deleted(), report.errorCount());
    }
    root.err().flush();
  }

  /** Whether the input is standard input ({@code -}). */
  private boolean fromStdin() {
    return input.toString().equals("-");
  }

  /** The input as messages name it: the path given, or {@code <stdin>}. */
  private String label() {
    return fromStdin() ? "<stdin>" : input.toString();
  }

  /** The input's short name for the progress line. */
  private String inputName() {
    return fromStdin() ? "<stdin>" : String.valueOf(input.getFileName());
  }

  /** The snapshot {@code --expect-head} names, opened; the caller closes it. */
  private GraphSnapshot openBaseline() {
    Path file;
    try {
      file = SnapshotRefs.resolve(storeOption.store, expectHead).file();
    } catch (NoSuchFileException e) {
      throw CliException.notFound("--expect-head " + expectHead + ": " + (e.getReason() == null ? "not found" : e.getReason()));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--expect-head " + expectHead + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot resolve --expect-head " + expectHead + ": " + e.getMessage(), e);
    }
    try {
      return GraphSnapshot.open(file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CORRUPT, "cannot read snapshot " + file + ": " + e.getMessage(), e);
    }
  }
}
