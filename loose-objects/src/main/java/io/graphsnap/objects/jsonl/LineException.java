package io.graphsnap.objects.jsonl;

/** A line is bad; the message says why. Carries the line's path when it was readable and valid. */
final class LineException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String path;

  LineException(String message, String path) {
    super(message);
    this.path = path;
  }

  /** The line's normalised path, or {@code null} if it could not be read. */
  String path() {
    return path;
  }
}
