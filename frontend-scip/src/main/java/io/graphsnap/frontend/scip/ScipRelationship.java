package io.graphsnap.frontend.scip;

/**
 * A {@code Relationship} of a {@link ScipSymbolInformation}: the other symbol and the four flags of {@code scip.proto}.
 * Immutable.
 *
 * @param symbol the related symbol string (unparsed)
 * @param isReference field 2: find-references on one includes the other
 * @param isImplementation field 3: this symbol implements or overrides the other
 * @param isTypeDefinition field 4: the other is this symbol's type definition
 * @param isDefinition field 5: the other's definition stands for this one's
 */
public record ScipRelationship(String symbol, boolean isReference, boolean isImplementation,
    boolean isTypeDefinition, boolean isDefinition) {}
