package io.graphsnap.builder.internal;

import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.NodeDetailsFormat;
import java.util.Map;

/**
 * Encodes one node's entry of {@link io.graphsnap.format.snapshot.SectionId#NODE_DETAILS} from a symbol: checks
 * and encodes its strings as UTF-8, then lays them out as {@link NodeDetailsFormat#encodeEntry} says. Stateless,
 * thread-safe.
 */
public final class DetailEncoder {
  /** The entry of a symbol with no hash, notes or metadata. Do not modify. */
  static final byte[] EMPTY_SYMBOL = NodeDetailsFormat.emptySymbolEntry();

  private DetailEncoder() {}

  /**
   * Encodes the details of {@code symbol}. O(size of its notes and metadata). Returns a shared array for a
   * symbol with none; callers must not modify the result.
   *
   * @param context where the symbol comes from, for messages
   * @throws io.graphsnap.builder.BuildInputException if a string is not valid UTF-8, or the entry is too large
   */
  public static byte[] encode(SymbolSummary symbol, String context) {
    byte[] hash = symbol.contentHash();
    if (hash == null && symbol.notes().isEmpty() && symbol.metadata().isEmpty()) {
      return EMPTY_SYMBOL;
    }
    String where = "details of " + symbol.name() + " in " + context;
    byte[][] notes = new byte[2 * symbol.notes().size()][];
    int s = 0;
    for (Note note : symbol.notes()) {
      notes[s++] = Utf8.encode(note.lang(), "note lang of " + where);
      notes[s++] = Utf8.encode(note.text(), "note text of " + where);
    }
    byte[][] metadata = new byte[2 * symbol.metadata().size()][];
    s = 0;
    for (Map.Entry<String, String> e : symbol.metadata().entrySet()) {
      metadata[s++] = Utf8.encode(e.getKey(), "metadata key of " + where);
      metadata[s++] = Utf8.encode(e.getValue(), "metadata value of " + where);
    }
    try {
      return NodeDetailsFormat.encodeEntry(hash, notes, metadata);
    } catch (IllegalArgumentException e) {
      throw new io.graphsnap.builder.BuildInputException(where + " take " + e.getMessage());
    }
  }
}
