package io.graphsnap.objects.jsonl;

/**
 * A line that was skipped, and why.
 *
 * @param lineNumber 1-based line number in the input
 * @param message what is wrong, naming the field (e.g. {@code symbols[1].lines}) and the value
 */
public record LineError(long lineNumber, String message) {
  @Override
  public String toString() {
    return "line " + lineNumber + ": " + message;
  }
}
