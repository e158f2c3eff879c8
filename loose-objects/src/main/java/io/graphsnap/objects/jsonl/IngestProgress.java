package io.graphsnap.objects.jsonl;

/**
 * Called by {@link JsonLinesIngester} after each line, on the ingesting thread; the CLI draws its
 * progress bar from it. Implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface IngestProgress {
  /** Reports nothing. */
  IngestProgress NONE = (lineNumber, bytesRead, totalBytes) -> { };

  /**
   * One more line was handled.
   *
   * @param lineNumber 1-based number of the line just handled
   * @param bytesRead bytes of input consumed so far, newlines included
   * @param totalBytes size of the input, or -1 if unknown (a stream)
   */
  void onLine(long lineNumber, long bytesRead, long totalBytes);
}
