package io.graphsnap.objects.jsonl;

import java.util.List;

/**
 * The outcome of one JSON Lines ingest. Counts of files are per distinct path, comparing the index
 * before and after the ingest. Immutable.
 *
 * @param linesRead lines in the input (blank ones included)
 * @param added paths newly indexed
 * @param changed paths now pointing at a different object
 * @param unchanged paths whose line gave the object they already had
 * @param deleted paths removed, by {@code deleted} lines or by {@code --replace-all}
 * @param errorCount number of skipped lines (may exceed {@code errors().size()})
 * @param errors the skipped lines in input order, at most {@link JsonLinesIngester#MAX_REPORTED}
 * @param warnings things worth knowing that did not skip a line, at most {@link JsonLinesIngester#MAX_REPORTED}
 * @param conflictCount number of lines refused because their path did not hold what they expected
 * @param conflicts those lines in input order, at most {@link JsonLinesIngester#MAX_REPORTED}
 * @param batchRefused true when a conflict under {@link JsonLinesIngester#expectBaseline} refused the whole
 *     batch: then nothing was stored and every count of files is 0
 * @param interrupted true when {@link JsonLinesIngester#stopWhen} stopped the ingest after {@code linesRead} lines:
 *     those lines are stored (the counts say what changed), the rest was not read; with
 *     {@link JsonLinesIngester#replaceAll} or {@link JsonLinesIngester#expectBaseline}, which apply to the whole
 *     input, nothing was stored and every count of files is 0
 * @param knownUnchanged of the unchanged, the lines not even parsed: {@link JsonLinesIngester#knownLines} knew them
 *     and the index still held their objects
 */
public record IngestReport(long linesRead, int added, int changed, int unchanged, int deleted,
    long errorCount, List<LineError> errors, List<String> warnings, long conflictCount, List<LineError> conflicts,
    boolean batchRefused, boolean interrupted, int knownUnchanged) {
  /** Copies the lists. */
  public IngestReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    conflicts = List.copyOf(conflicts);
  }

  /** True if a line's expectation failed (another writer changed its path first). */
  public boolean hasConflicts() {
    return conflictCount > 0;
  }

  /** True if any line was skipped; the CLI then exits non-zero. */
  public boolean hasErrors() {
    return errorCount > 0;
  }
}
