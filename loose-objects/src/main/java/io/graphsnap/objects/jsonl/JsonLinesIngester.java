package io.graphsnap.objects.jsonl;

import io.graphsnap.objects.ExpectedObject;
import io.graphsnap.objects.FileChange;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.objects.UpdateSummary;
import io.graphsnap.objects.WriteConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Ingests a JSON Lines file (docs/DESIGN.md §4: one source file per line) into a {@link Store}: each good line
 * becomes one loose object, and the index is updated for all good lines in one transaction, committed
 * after every object is durable.
 *
 * <p>Input rules:
 * <ul>
 *   <li>Lines end in {@code \n} (or {@code \r\n}); blank lines are skipped; input is UTF-8.
 *   <li>A line is at most {@link #maxLineBytes} bytes (default {@value #DEFAULT_MAX_LINE_BYTES}, 16 MiB).
 *       A longer line is counted and skipped as it streams past, never held whole in memory, and reported.
 *   <li>A bad line (invalid JSON, unknown or duplicate field, wrong type, missing name, bad path, an edge
 *       {@code from} that names no symbol of the line, …) is reported with its 1-based number and skipped;
 *       every good line is kept.
 *   <li>If a path appears on several good lines, the last one wins, with a warning.
 *   <li>With {@link #replaceAll}, every indexed path that no line mentions is removed afterwards. A bad line
 *       whose path could still be read counts as mentioning it (a typo does not delete a file); if some bad
 *       line's path could not be read at all, nothing is removed and a warning says why.
 * </ul>
 *
 * <p>Conflict checks (optimistic concurrency): a line may carry {@code "expect": "<object id>"} or {@code
 * "expect": "none"}, the object its path must hold when the line applies (in the index, inside this ingest's
 * transaction, under the store's writer lock, so nothing changes between the check and the commit). A line
 * whose path holds something else is refused as a conflict and the other lines are stored. With {@link
 * #expectBaseline} every path the batch touches (replace-all deletions included) must first hold the
 * baseline's object for it (a line's own {@code expect} still wins), and one conflict refuses the whole batch:
 * nothing is stored.
 *
 * <p>Memory: O(max line length + distinct paths). Mutable configuration, not thread-safe; each {@link
 * #ingest} call is independent. The store must not have another update open.
 */
public final class JsonLinesIngester {
  /** The default longest line, in bytes, newline excluded: 16 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
  /** At most this many errors and this many warnings are kept in a report (all are counted). */
  public static final int MAX_REPORTED = 10_000;

  private final Store store;
  private final JsonLineParser parser = new JsonLineParser();
  private boolean replaceAll;
  private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
  private IngestProgress progress = IngestProgress.NONE;
  private Function<String, ExpectedObject> baseline;
  private BooleanSupplier stopRequested = () -> false;

  /** An ingester into {@code store}, which the caller keeps open and closes. */
  public JsonLinesIngester(Store store) {
    this.store = store;
  }

  /** Treat the input as the complete set of files ({@code --replace-all}); default false. */
  public JsonLinesIngester replaceAll(boolean replaceAll) {
    this.replaceAll = replaceAll;
    return this;
  }

  /** The longest accepted line in bytes, newline excluded; default {@value #DEFAULT_MAX_LINE_BYTES}. */
  public JsonLinesIngester maxLineBytes(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    return this;
  }

  /**
   * Checks every path the batch touches against {@code baseline} (the object a snapshot the writer started
   * from has for the path, or {@link ExpectedObject#ABSENT}) before its first change, and refuses the whole
   * batch on any conflict; {@code null} (default): only lines' own {@code expect} fields are checked.
   */
  public JsonLinesIngester expectBaseline(Function<String, ExpectedObject> baseline) {
    this.baseline = baseline;
    return this;
  }

  /**
   * Asks {@code stopRequested} after each line; once it says true the ingest reads no further line and ends with
   * an {@link IngestReport#interrupted() interrupted} report: the lines read so far are committed, whole (each
   * line is one file, and its object is durable before the index names it), unless {@link #replaceAll} or
   * {@link #expectBaseline} is on, which apply to the whole input: then nothing is committed. Objects already
   * written stay in {@code objects/} (content-addressed, so a rerun finds them; gc removes those nothing names).
   * It is a flag, not a thread interrupt, so that no file channel is closed under a write. Default: never.
   */
  public JsonLinesIngester stopWhen(BooleanSupplier stopRequested) {
    this.stopRequested = stopRequested == null ? () -> false : stopRequested;
    return this;
  }

  /** Where to report progress; default {@link IngestProgress#NONE}. */
  public JsonLinesIngester progress(IngestProgress progress) {
    this.progress = progress == null ? IngestProgress.NONE : progress;
    return this;
  }

  /** Ingests {@code file}. See {@link #ingest(InputStream, long)}. */
  public IngestReport ingest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ingest(in, Files.size(file));
    }
  }

  /**
   * Ingests the lines of {@code in} (not closed here).
   *
   * @param totalBytes the input's size for progress, or -1 if unknown
   * @return what changed and which lines were skipped
   * @throws IOException if the input cannot be read or the store cannot be written; then the index is
   *     rolled back and nothing of this ingest is visible
   */
  public IngestReport ingest(InputStream in, long totalBytes) throws IOException {
    Run run = new Run();
    try (IndexUpdate update = store.beginUpdate()) {
      LineReader reader = new LineReader(in, maxLineBytes);
      while (!run.interrupted && reader.next()) {
        run.line(reader, update);
        progress.onLine(reader.lineNumber(), reader.bytesRead(), totalBytes);
        run.interrupted = stopRequested.getAsBoolean();
      }
      run.linesRead = reader.lineNumber();
      if (run.interrupted && (replaceAll || baseline != null)) {
        update.close(); // rolls back: replace-all and the baseline check apply to the whole input
        return run.report(0, 0, 0, 0, false);
      }
      if (replaceAll) {
        run.replaceAll(update);
      }
      if (baseline != null && run.conflictCount > 0) {
        update.close(); // rolls back: the batch is refused whole
        return run.report(0, 0, 0, 0, true);
      }
      UpdateSummary summary = update.commit();
      summary.warnings().forEach(run::warn);
      return run.report(summary.added(), summary.changed(), summary.unchanged(), summary.deleted(), false);
    }
  }

  /** The state of one ingest. */
  private final class Run {
    /** Path → number of the last good line about it. */
    final Map<String, Long> goodLines = new HashMap<>();
    /** Paths of bad lines whose path was readable: kept by replace-all. */
    final Set<String> badLinePaths = new HashSet<>();
    long firstUnattributedBadLine = -1;
    long linesRead;
    long errorCount;
    final List<LineError> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    long conflictCount;
    final List<LineError> conflicts = new ArrayList<>();
    boolean interrupted;

    IngestReport report(int added, int changed, int unchanged, int deleted, boolean refused) {
      return new IngestReport(linesRead, added, changed, unchanged, deleted, errorCount, errors, warnings,
          conflictCount, conflicts, refused, interrupted);
    }

    /** Checks {@code path} against the line's expectation, else the baseline's on its first change; false on a conflict. */
    boolean expectationHolds(long number, String path, ExpectedObject own, IndexUpdate update) throws IOException {
      ExpectedObject expected = own;
      if (expected == null && baseline != null && !goodLines.containsKey(path)) {
        expected = baseline.apply(path);
      }
      if (expected == null) {
        return true;
      }
      try {
        update.expect(path, expected);
        return true;
      } catch (WriteConflictException e) {
        conflictCount++;
        if (conflicts.size() < MAX_REPORTED) {
          conflicts.add(new LineError(number, e.getMessage()));
        }
        badLinePaths.add(path); // replace-all keeps it
        return false;
      }
    }

    void line(LineReader reader, IndexUpdate update) throws IOException {
      long number = reader.lineNumber();
      if (reader.overLong()) {
        error(number, null, "line is " + reader.lineBytes() + " bytes, longer than the limit of " + maxLineBytes
            + " bytes; skipped without reading it whole");
        return;
      }
      if (reader.isBlank()) {
        return;
      }
      ParsedLine parsed;
      try {
        parsed = parser.parse(reader.bytes(), reader.length());
      } catch (LineException e) {
        error(number, e.path(), e.getMessage());
        return;
      }
      String path = parsed.path();
      if (!expectationHolds(number, path, parsed.expect(), update)) {
        return;
      }
      if (parsed instanceof ParsedLine.Put put) {
        try {
          update.put(put.summary());
        } catch (IllegalArgumentException e) {
          // e.g. the encoded object is over the size limit; nothing was written for this line
          error(number, path, e.getMessage());
          return;
        }
      } else if (update.delete(path) == FileChange.ABSENT && !goodLines.containsKey(path)) {
        warn("line " + number + ": deleted path " + path + " is not in the store");
      }
      Long previous = goodLines.put(path, number);
      if (previous != null) {
        warn("line " + number + ": path " + path + " already appeared on line " + previous + "; the later line wins");
      }
    }

    void replaceAll(IndexUpdate update) throws IOException {
      if (firstUnattributedBadLine >= 0) {
        warn("--replace-all: no file was removed, because line " + firstUnattributedBadLine
            + " could not be read far enough to tell which file it describes");
        return;
      }
      if (baseline == null) {
        update.retainOnly(path -> goodLines.containsKey(path) || badLinePaths.contains(path));
        return;
      }
      List<String> doomed = new ArrayList<>();
      store.index().forEachFile(e -> {
        if (!goodLines.containsKey(e.path()) && !badLinePaths.contains(e.path())) {
          doomed.add(e.path());
        }
      });
      for (String path : doomed) {
        if (expectationHolds(linesRead, path, null, update)) {
          update.delete(path);
        }
      }
    }

    void error(long number, String path, String message) {
      errorCount++;
      if (errors.size() < MAX_REPORTED) {
        errors.add(new LineError(number, message));
      }
      if (path != null) {
        badLinePaths.add(path);
      } else if (firstUnattributedBadLine < 0) {
        firstUnattributedBadLine = number;
      }
    }

    void warn(String warning) {
      if (warnings.size() < MAX_REPORTED) {
        warnings.add(warning);
      }
    }
  }
}
