package io.graphsnap.frontend.java;

import java.util.List;

/**
 * What a {@link ParallelExtraction} run did. Immutable.
 *
 * @param files the {@code .java} files of the tree
 * @param extracted files parsed and handed to the sink
 * @param reused files skipped because the caller already stored their source hash
 * @param failures files that could not be extracted, sorted by path
 * @param symbols symbols in the summaries handed to the sink
 * @param edges edges in the summaries handed to the sink
 * @param elapsedNanos wall time of the run
 */
public record ExtractionResult(int files, int extracted, int reused, List<ExtractionFailure> failures,
    long symbols, long edges, long elapsedNanos) {
  /** Copies the failure list. */
  public ExtractionResult {
    failures = List.copyOf(failures);
  }

  /** Files per second of wall time, over all files of the tree. */
  public double filesPerSecond() {
    return elapsedNanos <= 0 ? 0 : files * 1e9 / elapsedNanos;
  }
}
