package io.graphsnap.format.object;

/**
 * A note attached to a symbol: free text in a language ({@code en}, {@code md}, …). Immutable.
 *
 * @param lang short language tag, non-empty, at most {@link Limits#MAX_NAME_BYTES}
 * @param text the text, at most {@link Limits#MAX_TEXT_BYTES}
 */
public record Note(String lang, String text) {
  /** Validates both fields. */
  public Note {
    Checks.name("note lang", lang);
    Checks.text("note text", text);
  }

}
