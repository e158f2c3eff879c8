package io.graphsnap.frontend.scip;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@link ScipIngest#run} did. Immutable.
 *
 * @param documents documents met in the index, stored or not
 * @param stored documents handed to the sink
 * @param problemCount all problems (only the first {@link ScipIngest#MAX_REPORTED} are in {@code problems})
 * @param problems the problems kept, in order
 * @param complete true when the whole index was read (no fatal problem)
 * @param mentioned every path the index has a document for, stored or not (what {@code --replace-all} keeps)
 * @param unattributed true when some skipped document's path could not be read (then {@code --replace-all} must not
 *     remove anything: that document may be any file)
 * @param metadata the index's metadata, or {@code null}
 * @param sourceRoot the folder source files were read from, or {@code null}
 * @param sourceFilesFound source files hashed
 * @param externalSymbols external symbols skipped
 * @param bytesRead bytes of the index read
 */
public record ScipReport(int documents, int stored, long problemCount, List<ScipProblem> problems, boolean complete,
    Set<String> mentioned, boolean unattributed, ScipMetadata metadata, Path sourceRoot, int sourceFilesFound,
    long externalSymbols, long bytesRead) {

  /** Copies the collections. */
  public ScipReport {
    problems = List.copyOf(problems);
    mentioned = Set.copyOf(mentioned);
  }

  /** True if any problem was met. */
  public boolean hasProblems() {
    return problemCount > 0;
  }

  /** True when {@code --replace-all} may remove the paths outside {@link #mentioned}. */
  public boolean replaceAllSafe() {
    return complete && !unattributed;
  }
}
