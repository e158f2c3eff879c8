package io.graphsnap.frontend.scip;

import java.util.List;

/**
 * A {@code SymbolInformation} message of a document (or of the index's external symbols): what an indexer says about
 * one symbol. Immutable.
 *
 * @param symbol field 1, the symbol string (unparsed)
 * @param documentation field 3, the non-empty Markdown documentation strings, in order
 * @param relationships field 4
 * @param kind field 5, the {@code SymbolInformation.Kind} number (0 when the indexer does not set it)
 * @param displayName field 6, or empty
 * @param signature the text (field 5) of the {@code signature_documentation} document (field 7), or empty
 * @param enclosingSymbol field 8, or empty
 */
public record ScipSymbolInformation(String symbol, List<String> documentation, List<ScipRelationship> relationships,
    int kind, String displayName, String signature, String enclosingSymbol) {

  /** Copies the lists. */
  public ScipSymbolInformation {
    documentation = List.copyOf(documentation);
    relationships = List.copyOf(relationships);
  }
}
