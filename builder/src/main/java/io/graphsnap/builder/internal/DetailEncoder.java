package io.graphsnap.builder.internal;

import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.util.Map;

/**
 * Encodes one node's entry of {@link io.graphsnap.format.snapshot.SectionId#NODE_DETAILS}:
 * {@code Flags UInt8, Hash Byte^32 (if Flags bit 0), NoteCount VarInt, (Lang Str, Text Str)^NoteCount,
 * MetadataCount VarInt, (Key Str, Value Str)^MetadataCount}, with {@code Str --> Length VarInt, Bytes}.
 * Stateless, thread-safe.
 */
public final class DetailEncoder {
  /** Flags bit: the entry holds a 32-byte content hash. */
  public static final int FLAG_HAS_HASH = 1;

  /** The entry of a symbol with no hash, notes or metadata: flags 0, no notes, no metadata. Do not modify. */
  static final byte[] EMPTY_SYMBOL = {0, 0, 0};

  private DetailEncoder() {}

  /**
   * Encodes the details of {@code symbol}. O(size of its notes and metadata). Returns a shared array for a
   * symbol with none; callers must not modify the result.
   *
   * @param context where the symbol comes from, for messages
   * @throws io.graphsnap.builder.BuildInputException if a string is not valid UTF-8
   */
  public static byte[] encode(SymbolSummary symbol, String context) {
    byte[] hash = symbol.contentHash();
    if (hash == null && symbol.notes().isEmpty() && symbol.metadata().isEmpty()) {
      return EMPTY_SYMBOL;
    }
    String where = "details of " + symbol.name() + " in " + context;
    int n = 1 + (hash == null ? 0 : hash.length) + VarInts.size(symbol.notes().size())
        + VarInts.size(symbol.metadata().size());
    int noteCount = symbol.notes().size();
    byte[][] strings = new byte[2 * (noteCount + symbol.metadata().size())][];
    int s = 0;
    for (Note note : symbol.notes()) {
      strings[s++] = Utf8.encode(note.lang(), "note lang of " + where);
      strings[s++] = Utf8.encode(note.text(), "note text of " + where);
    }
    for (Map.Entry<String, String> e : symbol.metadata().entrySet()) {
      strings[s++] = Utf8.encode(e.getKey(), "metadata key of " + where);
      strings[s++] = Utf8.encode(e.getValue(), "metadata value of " + where);
    }
    long total = n;
    for (byte[] b : strings) {
      total += VarInts.size(b.length) + b.length;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new io.graphsnap.builder.BuildInputException(where + " take " + total + " bytes, more than one entry may");
    }
    byte[] out = new byte[(int) total];
    int p = 0;
    out[p++] = (byte) (hash == null ? 0 : FLAG_HAS_HASH);
    if (hash != null) {
      System.arraycopy(hash, 0, out, p, hash.length);
      p += hash.length;
    }
    s = 0;
    p = VarInts.write(noteCount, out, p);
    for (int i = 0; i < noteCount; i++) {
      p = putStr(strings[s++], out, p);
      p = putStr(strings[s++], out, p);
    }
    p = VarInts.write(symbol.metadata().size(), out, p);
    while (s < strings.length) {
      p = putStr(strings[s++], out, p);
    }
    assert p == out.length;
    return out;
  }

  private static int putStr(byte[] str, byte[] out, int p) {
    p = VarInts.write(str.length, out, p);
    System.arraycopy(str, 0, out, p, str.length);
    return p + str.length;
  }
}
