package io.graphsnap.cli;

import io.graphsnap.objects.jsonl.KnownLines;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * What {@code graphsnap ingest} keeps in memory between the ingests of a resident watch of a JSON Lines file
 * ({@code watch FILE.jsonl}, {@code serve --watch FILE.jsonl}): the lines the last ingest stored ({@link KnownLines}),
 * so that a save parses, encodes and hashes only the lines that changed; the others are only read and hashed, and
 * checked against the index. The ingest stays the command line's: the same checks, the same store, the same report.
 *
 * <p>Memory: one entry per stored line (about 100 bytes plus its path). Not thread-safe: one watcher thread ingests
 * through it.
 */
public final class IngestMemory {
  private final KnownLines lines = new KnownLines();

  /** Runs {@code graphsnap ingest ARGS} in this process with this memory; returns its exit code. */
  public int ingest(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = GraphsnapCommand.newCommandLine(out, err, args);
    CommandLine ingest = cl.getSubcommands().get("ingest");
    if (ingest == null) {
      throw new IllegalArgumentException("not an ingest command line: " + String.join(" ", args));
    }
    ((IngestCommand) ingest.getCommand()).knownLines = lines;
    return cl.execute(args);
  }

  /** How many lines the last ingest stored and this memory remembers (0 after a failed one). */
  public int knownLines() {
    return lines.size();
  }
}
