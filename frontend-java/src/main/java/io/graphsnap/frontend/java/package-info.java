/**
 * The Java source front end: turns {@code .java} files into loose objects ({@link
 * io.graphsnap.format.object.FileSummary}) with the JDK's own parser, no classpath needed.
 *
 * <p>Life cycle: open a {@link io.graphsnap.frontend.java.SourceTree} (directory, {@code .zip}/{@code .jar},
 * or the JDK's {@code lib/src.zip}); collect every file's declarations into a
 * {@link io.graphsnap.frontend.java.DeclarationTable} ({@link io.graphsnap.frontend.java.DeclarationScan}, with a
 * class path behind it); run a {@link io.graphsnap.frontend.java.ParallelExtraction} over the tree with that
 * table, which hands each file's summary to a sink (the store) as soon as it is ready and skips files the store
 * already has (valid only while the table's fingerprint is unchanged); read the
 * {@link io.graphsnap.frontend.java.ExtractionResult}; close the tree. For one file,
 * {@link io.graphsnap.frontend.java.JavaExtractor#extract} does the same synchronously.
 */
package io.graphsnap.frontend.java;
