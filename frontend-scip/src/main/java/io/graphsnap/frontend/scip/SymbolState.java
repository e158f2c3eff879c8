package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.Kinds;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.Note;
import io.graphsnap.format.object.SymbolSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One symbol of a document being assembled by {@link DocumentMapper}: what the definitions, the
 * SymbolInformations and the references said about it, and how it becomes a {@link SymbolSummary}. Mutable, owned by
 * one mapping.
 */
final class SymbolState {
  final String name;
  final ScipSymbol symbol;
  String symbolString;
  int lineStart;
  int lineEnd;
  boolean hasLines;
  boolean implicitNamespace;
  ScipSymbolInformation info;
  Set<String> effects;

  SymbolState(String name, ScipSymbol symbol, String symbolString) {
    this.name = name;
    this.symbol = symbol;
    this.symbolString = symbolString;
  }

  SymbolSummary toSummary(List<String> problems) {
    SymbolState s = this;
    String kind;
    if (s.symbol == null) {
      kind = DocumentMapper.FILE_KIND;
    } else if (s.implicitNamespace) {
      kind = Kinds.NAMESPACE;
    } else {
      kind = s.info == null ? null : ScipKinds.ofKind(s.info.kind());
      if (kind == null) {
        kind = ScipKinds.ofSuffix(s.symbol.last().suffix());
      }
    }
    List<Note> notes = new ArrayList<>();
    TreeMap<String, String> metadata = new TreeMap<>();
    if (s.symbolString != null) {
      putText(problems, metadata, "scip.symbol", s.symbolString);
    }
    if (s.info != null) {
      for (String text : s.info.documentation()) {
        if (fits(problems, "a documentation note", text)) {
          notes.add(new Note(DocumentMapper.NOTE_LANG, text));
        }
      }
      String scipKind = ScipKinds.scipName(s.info.kind());
      if (scipKind != null) {
        metadata.put("scip.kind", scipKind);
      }
      putText(problems, metadata, "scip.display-name", s.info.displayName());
      putText(problems, metadata, "scip.signature", s.info.signature());
    }
    List<String> effects = s.effects == null ? List.of() : List.copyOf(s.effects);
    try {
      return new SymbolSummary(name, kind, effects, s.hasLines ? s.lineStart : 0, s.hasLines ? s.lineEnd : 0, null,
          notes, metadata);
    } catch (InvalidSummaryException e) {
      problems.add("symbol " + MappingRules.quote(name) + ": " + e.getMessage() + "; dropped");
      return null;
    }
  }

  private void putText(List<String> problems, Map<String, String> metadata, String key, String value) {
    if (!value.isEmpty() && fits(problems, key, value)) {
      metadata.put(key, value);
    }
  }

  private boolean fits(List<String> problems, String what, String text) {
    if (text.length() > Limits.MAX_TEXT_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_TEXT_BYTES) {
      problems.add("symbol " + MappingRules.quote(name) + ": " + what + " is longer than " + Limits.MAX_TEXT_BYTES
          + " bytes; dropped");
      return false;
    }
    return true;
  }
}
