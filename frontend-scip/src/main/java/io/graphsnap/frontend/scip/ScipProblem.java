package io.graphsnap.frontend.scip;

/**
 * One problem met while ingesting a SCIP index. Immutable.
 *
 * @param path the document's path, or {@code null} when the problem is about the index itself or the document's
 *     path could not be read
 * @param document the document's position in the index (0-based), or -1
 * @param offset the byte offset in the index where the problem's document or field starts, or -1
 * @param message what is wrong and what was done about it
 */
public record ScipProblem(String path, int document, long offset, String message) {
  /** {@code PATH: message}, or {@code document N at byte B: message}, or {@code byte B: message}. */
  @Override
  public String toString() {
    if (path != null) {
      return path + ": " + message;
    }
    if (document >= 0) {
      return "document " + document + " at byte " + offset + ": " + message;
    }
    return offset >= 0 ? "byte " + offset + ": " + message : message;
  }
}
