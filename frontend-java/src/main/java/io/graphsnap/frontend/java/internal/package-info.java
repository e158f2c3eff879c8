/**
 * Internals of the Java front end; not API. {@code JavacParser} parses, {@code FileExtraction} drives one
 * file: {@code DeclarationCollector} names every declaration, {@code TypeResolver} and {@code FileScope}
 * resolve type names, {@code BodyScanner} reads code with {@code ExpressionTyper} and {@code CallResolver},
 * and {@code SummaryBuilder} assembles the summary.
 */
package io.graphsnap.frontend.java.internal;
