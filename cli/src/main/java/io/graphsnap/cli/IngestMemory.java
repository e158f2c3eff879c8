package io.graphsnap.cli;

import io.graphsnap.objects.Store;
import io.graphsnap.objects.jsonl.IngestReport;
import io.graphsnap.objects.jsonl.JsonLinesIngester;
import io.graphsnap.objects.jsonl.KnownLines;
import io.graphsnap.objects.jsonl.ShardScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
    return ingest(out, err, null, args);
  }

  /**
   * Runs {@code graphsnap ingest ARGS} with this memory, confined to one shard of a watched folder ({@link ShardScope};
   * null: none); returns its exit code.
   */
  public int ingest(PrintWriter out, PrintWriter err, ShardScope shard, String... args) {
    CommandLine cl = GraphsnapCommand.newCommandLine(out, err, args);
    CommandLine ingest = cl.getSubcommands().get("ingest");
    if (ingest == null) {
      throw new IllegalArgumentException("not an ingest command line: " + String.join(" ", args));
    }
    IngestCommand command = (IngestCommand) ingest.getCommand();
    command.knownLines = lines;
    command.shardScope = shard;
    return cl.execute(args);
  }

  /** The remembered lines (a shard folder's watch carries them over other shards' ingests). */
  public KnownLines lines() {
    return lines;
  }

  /**
   * Removes every file {@code shard} {@linkplain ShardScope#owns owns} from {@code storeDir}'s index (a shard deleted
   * from a watched folder, or files no shard lists), as an ingest of an empty shard with {@code --replace-all} would:
   * one transaction under the writer lock (waiting up to {@code lockWait}); {@code shard} hears the commit.
   *
   * @return how many files were removed
   * @throws IOException if the store cannot be written (nothing is removed then)
   */
  public static int removeOwned(Path storeDir, Duration lockWait, ShardScope shard) throws IOException {
    try (Store store = Stores.openForWriting(storeDir, true, lockWait)) {
      IngestReport report = new JsonLinesIngester(store).replaceAll(true).shard(shard).threads(1)
          .ingest(InputStream.nullInputStream(), 0);
      return report.deleted();
    }
  }

  /** How many lines the last ingest stored and this memory remembers (0 after a failed one). */
  public int knownLines() {
    return lines.size();
  }
}
