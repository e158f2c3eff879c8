package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.FileSummary;
import java.util.List;

/**
 * The result of mapping one SCIP document: the loose object's summary, and the problems met (each one message,
 * without the path, which the caller prefixes). A problem drops what it is about (an occurrence, a symbol, a note)
 * and keeps the rest; {@code summary} is {@code null} only when the document as a whole cannot be stored (its path
 * is not a safe repository path, or it exceeds a per-file limit). Immutable.
 *
 * @param path the document's path (normalised when it could be)
 * @param summary the summary to store, or {@code null}
 * @param problems the problems, in the order met
 */
public record MappedDocument(String path, FileSummary summary, List<String> problems) {
  /** Copies the problems. */
  public MappedDocument {
    problems = List.copyOf(problems);
  }
}
