/**
 * Internals of the Java front end; not API. {@code JavacParser} parses, {@code FileExtraction} drives one
 * file: {@code DeclarationCollector} names every declaration, {@code TypeResolver} and {@code FileScope}
 * resolve type names, {@code BodyScanner} reads code with {@code ExpressionTyper} and {@code CallResolver},
 * and {@code SummaryBuilder} assembles the summary. Whole-tree resolution: {@code SkeletonCollector} (with
 * {@code BatchParser}) gives each file's {@code FileDeclarations}; {@code TreeTypes} is the table of all of
 * them, with {@code JdkClasses}/{@code JdkTypes} and {@code ClasspathTypes} behind it.
 */
package io.graphsnap.frontend.java.internal;
