package io.graphsnap.frontend.scip;

import io.graphsnap.frontend.scip.internal.ProtoBuffer;
import io.graphsnap.frontend.scip.internal.ScipFormatException;
import io.graphsnap.frontend.scip.internal.SymbolInterner;
import io.graphsnap.frontend.scip.internal.WireType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one SCIP {@code Document} message held in a byte array into a {@link ScipDocument}. Field numbers (checked
 * against {@code scip.proto}): Document {relative_path = 1, occurrences = 2, symbols = 3, language = 4, text = 5,
 * position_encoding = 6}; Occurrence {range = 1 (packed or not), symbol = 2, symbol_roles = 3, enclosing_range = 7;
 * override_documentation = 4, syntax_kind = 5, diagnostics = 6 are skipped}; SymbolInformation {symbol = 1,
 * documentation = 3, relationships = 4, kind = 5, display_name = 6, signature_documentation = 7 (its text, field 5),
 * enclosing_symbol = 8}; Relationship {symbol = 1, is_reference = 2, is_implementation = 3, is_type_definition = 4,
 * is_definition = 5}. Unknown fields are skipped; a wire type that does not match a known field's type is an error.
 *
 * <p>Two passes: the first counts occurrences so that the columns are allocated once at their exact size; every
 * length is checked against the bytes left in its message before it is used. Stateless; O(bytes).
 */
final class DocumentDecoder {
  private DocumentDecoder() {}

  /**
   * Decodes {@code bytes} (one whole Document message) whose first byte is at {@code offset} in the index.
   *
   * @throws ScipFormatException if the bytes are not a well-formed Document
   */
  static ScipDocument decode(byte[] bytes, long offset) {
    int occurrences = 0;
    ProtoBuffer scan = new ProtoBuffer(bytes, 0, bytes.length, offset);
    while (!scan.atEnd()) {
      long at = scan.offset();
      long key = scan.readKey();
      int field = WireType.fieldNumber(key, at);
      int type = WireType.of(key, at);
      if (field == 2) {
        expect(type, WireType.LENGTH_DELIMITED, "Document.occurrences", at);
        if (namesSymbol(scan)) {
          occurrences++;
        }
      } else {
        scan.skip(type);
      }
    }
    return new Columns(bytes, offset, occurrences).decode();
  }

  /**
   * Reads one Occurrence message and tells whether it has a non-empty symbol (field 2): only those get a row, so
   * that occurrences without a symbol, two bytes each on the wire, cost no column space.
   */
  private static boolean namesSymbol(ProtoBuffer in) {
    int outer = in.pushLimit();
    boolean named = false;
    while (!in.atEnd()) {
      long at = in.offset();
      long key = in.readKey();
      int field = WireType.fieldNumber(key, at);
      int type = WireType.of(key, at);
      if (field == 2 && type == WireType.LENGTH_DELIMITED) {
        in.readSlice();
        named |= in.lastLength() > 0;
      } else {
        in.skip(type);
      }
    }
    in.popLimit(outer);
    return named;
  }

  static void expect(int actual, int expected, String field, long at) {
    if (actual != expected) {
      throw new ScipFormatException(field + " at byte " + at + " has wire type " + actual + ", expected " + expected);
    }
  }

  /** The columns being filled by the second pass. */
  private static final class Columns {
    final byte[] bytes;
    final long offset;
    final SymbolInterner interner;
    final int[] symbols;
    final int[] roles;
    final int[] ranges;
    final int[] rangeLengths;
    final int[] enclosing;
    final int[] enclosingLengths;
    final int[] rangeScratch = new int[ScipDocument.RANGE_SLOTS];
    final int[] enclosingScratch = new int[ScipDocument.RANGE_SLOTS];
    int count;
    final List<ScipSymbolInformation> infos = new ArrayList<>();

    Columns(byte[] bytes, long offset, int occurrences) {
      this.bytes = bytes;
      this.offset = offset;
      this.interner = new SymbolInterner(bytes);
      symbols = new int[occurrences];
      roles = new int[occurrences];
      ranges = new int[occurrences * ScipDocument.RANGE_SLOTS];
      rangeLengths = new int[occurrences];
      enclosing = new int[occurrences * ScipDocument.RANGE_SLOTS];
      enclosingLengths = new int[occurrences];
    }

    ScipDocument decode() {
      ProtoBuffer in = new ProtoBuffer(bytes, 0, bytes.length, offset);
      String path = null;
      String language = "";
      int positionEncoding = 0;
      byte[] textSha256 = null;
      int textLines = -1;
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        switch (field) {
          case 1 -> {
            expect(type, WireType.LENGTH_DELIMITED, "Document.relative_path", at);
            path = in.readStrictString("Document.relative_path");
          }
          case 2 -> occurrence(in);
          case 3 -> {
            expect(type, WireType.LENGTH_DELIMITED, "Document.symbols", at);
            ScipSymbolInformation info = symbolInformation(in);
            if (info != null) {
              infos.add(info);
            }
          }
          case 4 -> {
            expect(type, WireType.LENGTH_DELIMITED, "Document.language", at);
            language = in.readString();
          }
          case 5 -> {
            expect(type, WireType.LENGTH_DELIMITED, "Document.text", at);
            int start = in.readSlice();
            int length = in.lastLength();
            textSha256 = sha256(bytes, start, length);
            textLines = lines(bytes, start, length);
          }
          case 6 -> {
            expect(type, WireType.VARINT, "Document.position_encoding", at);
            positionEncoding = in.readInt32();
          }
          default -> in.skip(type);
        }
      }
      if (path == null || path.isEmpty()) {
        throw new ScipFormatException("document at byte " + offset + " has no relative_path");
      }
      return new ScipDocument(path, language, positionEncoding, textSha256, textLines, interner.strings(), count,
          symbols, roles, ranges, rangeLengths, enclosing, enclosingLengths, infos);
    }

    /** Decodes one Occurrence into the next row; an occurrence without a symbol is dropped. */
    private void occurrence(ProtoBuffer in) {
      int outer = in.pushLimit();
      int symbol = -1;
      int role = 0;
      int rangeCount = 0;
      int enclosingCount = 0;
      int row = count;
      Arrays.fill(rangeScratch, 0);
      Arrays.fill(enclosingScratch, 0);
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        switch (field) {
          case 1 -> {
            rangeCount = in.readRepeatedInt32(type, rangeScratch, rangeCount, key);
          }
          case 2 -> {
            expect(type, WireType.LENGTH_DELIMITED, "Occurrence.symbol", at);
            int start = in.readSlice();
            symbol = in.lastLength() == 0 ? -1 : interner.intern(start, in.lastLength());
          }
          case 3 -> {
            expect(type, WireType.VARINT, "Occurrence.symbol_roles", at);
            role = in.readInt32();
          }
          case 7 -> {
            enclosingCount = in.readRepeatedInt32(type, enclosingScratch, enclosingCount, key);
          }
          default -> in.skip(type);
        }
      }
      in.popLimit(outer);
      if (symbol < 0) {
        return;
      }
      System.arraycopy(rangeScratch, 0, ranges, row * ScipDocument.RANGE_SLOTS, ScipDocument.RANGE_SLOTS);
      System.arraycopy(enclosingScratch, 0, enclosing, row * ScipDocument.RANGE_SLOTS, ScipDocument.RANGE_SLOTS);
      symbols[row] = symbol;
      roles[row] = role;
      rangeLengths[row] = rangeCount;
      enclosingLengths[row] = enclosingCount;
      count++;
    }

    /** Decodes one SymbolInformation; {@code null} if it names no symbol. */
    private ScipSymbolInformation symbolInformation(ProtoBuffer in) {
      int outer = in.pushLimit();
      String symbol = "";
      List<String> documentation = new ArrayList<>(1);
      List<ScipRelationship> relationships = new ArrayList<>(0);
      int kind = 0;
      String displayName = "";
      String signature = "";
      String enclosingSymbol = "";
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        switch (field) {
          case 1 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.symbol", at);
            symbol = in.readString();
          }
          case 3 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.documentation", at);
            String text = in.readString();
            if (!text.isEmpty()) {
              documentation.add(text);
            }
          }
          case 4 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.relationships", at);
            ScipRelationship r = relationship(in);
            if (r != null) {
              relationships.add(r);
            }
          }
          case 5 -> {
            expect(type, WireType.VARINT, "SymbolInformation.kind", at);
            kind = in.readInt32();
          }
          case 6 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.display_name", at);
            displayName = in.readString();
          }
          case 7 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.signature_documentation", at);
            signature = signatureText(in);
          }
          case 8 -> {
            expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.enclosing_symbol", at);
            enclosingSymbol = in.readString();
          }
          default -> in.skip(type);
        }
      }
      in.popLimit(outer);
      if (symbol.isEmpty()) {
        return null;
      }
      return new ScipSymbolInformation(symbol, documentation, relationships, kind, displayName, signature, enclosingSymbol);
    }

    private static ScipRelationship relationship(ProtoBuffer in) {
      int outer = in.pushLimit();
      String symbol = "";
      boolean[] flags = new boolean[6];
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        if (field == 1) {
          expect(type, WireType.LENGTH_DELIMITED, "Relationship.symbol", at);
          symbol = in.readString();
        } else if (field >= 2 && field <= 5) {
          expect(type, WireType.VARINT, "Relationship flag " + field, at);
          flags[field] = in.readBool();
        } else {
          in.skip(type);
        }
      }
      in.popLimit(outer);
      return symbol.isEmpty() ? null : new ScipRelationship(symbol, flags[2], flags[3], flags[4], flags[5]);
    }

    /** The text (field 5) of a signature_documentation Document; everything else in it is skipped. */
    private static String signatureText(ProtoBuffer in) {
      int outer = in.pushLimit();
      String text = "";
      while (!in.atEnd()) {
        long at = in.offset();
        long key = in.readKey();
        int field = WireType.fieldNumber(key, at);
        int type = WireType.of(key, at);
        if (field == 5) {
          expect(type, WireType.LENGTH_DELIMITED, "SymbolInformation.signature_documentation.text", at);
          text = in.readString();
        } else {
          in.skip(type);
        }
      }
      in.popLimit(outer);
      return text;
    }
  }

  static byte[] sha256(byte[] bytes, int start, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, start, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Lines in a text: one more than its newline bytes. */
  static int lines(byte[] bytes, int start, int length) {
    int lines = 1;
    for (int i = start; i < start + length; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
