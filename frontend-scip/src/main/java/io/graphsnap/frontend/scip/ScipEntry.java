package io.graphsnap.frontend.scip;

/**
 * What {@link ScipIndexReader#next()} returns: a decoded document, or a problem. Immutable.
 */
public sealed interface ScipEntry {
  /** The offset in the index of the field this entry is about. */
  long offset();

  /**
   * Document number {@code ordinal} (0-based, in index order), decoded.
   *
   * @param ordinal the document's position among the index's documents
   * @param offset the offset of its field in the index
   * @param document the decoded document
   */
  record Document(int ordinal, long offset, ScipDocument document) implements ScipEntry {}

  /**
   * A problem. When {@code ordinal >= 0} it is about that document, which is left out ({@code path} is its
   * relative path if it could be read, else {@code null}); else it is about the index itself (the metadata, or
   * the framing). When {@code fatal} is true the index cannot be read further (truncated, or a length that runs
   * past its end) and {@link ScipIndexReader#next()} returns {@code null} from then on.
   *
   * @param ordinal the document's position, or -1
   * @param offset where the problem is, in bytes from the start of the index
   * @param path the document's path if known, else {@code null}
   * @param message what is wrong (names offsets, lengths and limits)
   * @param fatal true if reading stops here
   */
  record Problem(int ordinal, long offset, String path, String message, boolean fatal) implements ScipEntry {}
}
