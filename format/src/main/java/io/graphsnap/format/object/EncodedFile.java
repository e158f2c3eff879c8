package io.graphsnap.format.object;

import java.util.ArrayList;
import java.util.List;

/**
 * A file's loose object as {@link LooseObjectCodec} encoded it, with what an index needs to know of the file without
 * decoding it: its path, its source hash and the symbols it declares. Made only by {@link LooseObjectCodec}, so the
 * fields always describe the object's bytes. Immutable (the object's array is not copied on the way out: callers
 * must not modify it); thread-safe.
 */
public final class EncodedFile {
  private final String path;
  private final byte[] sourceSha256;
  private final List<SymbolSummary> symbols;
  private final byte[] object;

  /** {@code sourceSha256} and {@code symbols} are already checked copies (as {@link FileSummary} holds them). */
  EncodedFile(String path, byte[] sourceSha256, List<SymbolSummary> symbols, byte[] object) {
    this.path = path;
    this.sourceSha256 = sourceSha256;
    this.symbols = symbols;
    this.object = object;
  }

  /** The repository path, normalised. */
  public String path() {
    return path;
  }

  /** A copy of the source file's SHA-256, or {@code null} if unknown. */
  public byte[] sourceSha256() {
    return sourceSha256 == null ? null : sourceSha256.clone();
  }

  /** The symbols the file declares, in the object's order (immutable). */
  public List<SymbolSummary> symbols() {
    return symbols;
  }

  /** The names of {@link #symbols()}, in order. O(symbols). */
  public List<String> symbolNames() {
    List<String> names = new ArrayList<>(symbols.size());
    for (SymbolSummary symbol : symbols) {
      names.add(symbol.name());
    }
    return names;
  }

  /** The object's bytes: the array itself, which the caller must not modify. */
  public byte[] objectBytes() {
    return object;
  }

  @Override
  public String toString() {
    return "EncodedFile[" + path + ", " + symbols.size() + " symbols, " + object.length + " bytes]";
  }
}
